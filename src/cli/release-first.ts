// Imported first by the launcher, so it runs before the launcher's other modules load: for
// `release`, git's answers are on the build's critical path, so dist/release-early.cjs (git alone,
// ~5 kB) asks them now. Other commands, and `release --help`, load nothing here.

import { createRequire } from 'node:module';

const args = process.argv.slice(2);
if (args[0] === 'release' && !args.includes('--help') && !args.includes('-h')) createRequire(import.meta.url)('./release-early.cjs').startEarlyGit(process.cwd(), args.slice(1));
