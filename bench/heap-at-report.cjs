// Preloaded by the benchmark with --expose-gc (node --expose-gc --require bench/heap-at-report.cjs dist/slipway.js
// check DIR): when the JSON report begins (as bench/print-rss.cjs), prints on stderr V8's young generation as
// committed then, and the heap still in use after a full collection (what the check holds, its garbage gone);
// with SLIPWAY_BENCH_SNAPSHOT=FILE also writes a heap snapshot there (bench/findings-heap.ts reads the findings' size).
const v8 = require('node:v8');
const stringify = JSON.stringify;
let done = false;
JSON.stringify = function (value, ...rest) {
  if (!done && value !== null && typeof value === 'object' && (Array.isArray(value.findings) || typeof value.rule === 'string')) {
    done = true;
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    global.gc();
    global.gc();
    const live = v8.getHeapStatistics().used_heap_size;
    if (process.env.SLIPWAY_BENCH_SNAPSHOT) v8.writeHeapSnapshot(process.env.SLIPWAY_BENCH_SNAPSHOT);
    process.stderr.write(`\nslipway-bench-young-bytes ${young}\nslipway-bench-live-bytes ${live}\n`);
  }
  return stringify.call(this, value, ...rest);
};
