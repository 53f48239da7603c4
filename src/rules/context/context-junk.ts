import type { BuildContext } from '../../parse/context/context.js';
import { entriesStartingWith } from '../../parse/context/entries-matching.js';
import type { ContextRule } from '../types.js';
import { dedupedReport, exactPattern, humanSize, namedByCopy, reportOnContext } from './common.js';

/** Folders that are never source: dependencies and caches a build recreates. */
const JUNK = new Map<string, { what: string; anywhere: boolean }>([
  ['node_modules', { what: 'installed npm packages (npm ci recreates them for the image\'s platform)', anywhere: false }],
  ['__pycache__', { what: 'Python bytecode cache', anywhere: true }],
  ['.pytest_cache', { what: 'pytest cache', anywhere: true }],
  ['.mypy_cache', { what: 'mypy cache', anywhere: true }],
  ['.ruff_cache', { what: 'ruff cache', anywhere: true }],
  ['.tox', { what: 'tox environments', anywhere: false }],
  ['.nox', { what: 'nox environments', anywhere: false }],
]);

/** Top-most junk folders sent (a virtualenv is any folder with a pyvenv.cfg). */
function junkOf(c: BuildContext): { path: string; what: string; pattern: string | null }[] {
  const out: { path: string; what: string; pattern: string | null }[] = [];
  // Folders already reported: a path is under one when one of its parent folders is (a Set: a scan of every
  // reported folder per entry was quadratic in junk folders).
  const taken = new Set<string>();
  const under = (p: string) => {
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) if (taken.has(p.slice(0, i))) return true;
    return false;
  };
  const anywhere = new Set<string>();
  for (const e of c.entries) {
    if (e.excluded || e.type !== 'dir' || under(e.path)) continue;
    const name = e.path.slice(e.path.lastIndexOf('/') + 1);
    const junk = JUNK.get(name);
    const venv = !junk && c.entry(`${e.path}/pyvenv.cfg`)?.excluded === false;
    if (!junk && !venv) continue;
    if (namedByCopy(c, e.path)) continue;
    taken.add(e.path);
    if (junk?.anywhere) {
      // one finding for all of them, fixed with one `**/` pattern
      if (anywhere.has(name)) continue;
      anywhere.add(name);
      out.push({ path: e.path, what: junk.what, pattern: `**/${name}` });
    } else out.push({ path: e.path, what: junk?.what ?? 'a Python virtualenv (built for this machine, not the image)', pattern: exactPattern(e.path) });
  }
  return out;
}

export const contextJunk: ContextRule = {
  meta: {
    id: 'context-junk',
    target: 'context',
    category: 'guide',
    severity: 'info',
    aliases: ['DKL-LI-0003'],
    title: 'Dependencies or caches are sent with the build context',
    description:
      '`node_modules`, virtualenvs and caches such as `__pycache__` are rebuilt inside the image; sending them makes every build slower, busts the cache of `COPY . .` and can overwrite what the image installed with binaries built for another platform. The guide\'s `.dockerignore` excludes them.',
    bad: '# .dockerignore (the folder holds node_modules/ and __pycache__/)\n.git\n',
    good: '# .dockerignore\n.git\nnode_modules\n**/__pycache__\n',
    fixable: true,
    differs:
      'dockle DKL-LI-0003 looks at a built image. slipway does not report `dist/` or `build/`: they are often what the Dockerfile copies on purpose. Nothing is reported when a COPY names the folder itself.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      for (const j of junkOf(c)) {
        const anywhere = j.pattern?.startsWith('**/') === true;
        const inside = (p: string) => p === j.path || p.startsWith(`${j.path}/`) || (anywhere && p.split('/').includes(j.path.split('/').pop()!));
        // A folder's files are found by their common start in the sorted listing; a `**/` pattern's anywhere (one per name).
        const size = (anywhere ? c.files : entriesStartingWith(c.files, j.path)).filter((f) => inside(f.path)).reduce((n, f) => n + f.size, 0);
        reportOnContext(c, report, {
          path: j.path,
          message: `${c.shown(j.path)} (${j.what}, ${humanSize(size)}) is sent to the builder: add '${j.pattern ?? j.path}' to ${c.dockerignore?.path ?? 'a .dockerignore'}`,
          pattern: j.pattern,
        });
      }
    };
  },
};
