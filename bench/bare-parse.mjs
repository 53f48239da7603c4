// The floor for `slipway check` on many files: a plain Node script that walks a folder, reads every
// file and parses it with dockerfile-ast (the parser slipway builds on), nothing else. The benchmark
// runs it on a folder that holds only Dockerfiles, side by side with `slipway check` on that folder.
//   node bench/bare-parse.mjs DIR

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

let files = 0;
function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.isFile()) {
      DockerfileParser.parse(readFileSync(path, 'utf8'));
      files++;
    }
  }
}
walk(process.argv[2] ?? '.');
if (process.env.BARE_PARSE_VERBOSE) console.log(`${files} files parsed`);
