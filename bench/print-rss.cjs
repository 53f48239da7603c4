// Preloaded by the benchmark (node --require bench/print-rss.cjs dist/slipway.js check DIR): prints on stderr,
// as the process exits, its peak resident set size, and the peak it had reached when the JSON report began
// (the first JSON.stringify of an object with findings, or of one finding, as the JSON report is made in pieces:
// what the check held, before the report's own strings).
let beforeReport = null;
const stringify = JSON.stringify;
JSON.stringify = function (value, ...rest) {
  if (beforeReport === null && value !== null && typeof value === 'object' && (Array.isArray(value.findings) || typeof value.rule === 'string')) beforeReport = process.resourceUsage().maxRSS;
  return stringify.call(this, value, ...rest);
};
process.on('exit', () => {
  process.stderr.write(`\nslipway-bench-max-rss-kb ${process.resourceUsage().maxRSS}\nslipway-bench-before-report-rss-kb ${beforeReport ?? NaN}\n`);
});
