// Preloaded by the benchmark (node --require bench/print-rss.cjs dist/slipway.js check DIR): prints the
// process's peak resident set size on stderr as it exits, for the bench to read.
process.on('exit', () => {
  process.stderr.write(`\nslipway-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
