// Compose files that a test script starts (`compose_file="docker-compose/cassandra/v$major/docker-compose.yaml"`,
// `COMPOSE_FILE="${REPO_ROOT}/examples/reverse-proxy/docker-compose.yml"`): test setups, which no server
// runs, whatever their folder is called. The scripts are read by load-disk (disk.testScripts), never run.

import { memoized } from '../../project/memo.js';
import type { ProjectModel } from '../../project/model.js';

/** A compose file name as a script writes it, variables and all. */
const COMPOSE_PATH = /[^\s"'`=();|&<>]*compose[^\s"'`();|&<>/]*\.ya?ml/gi;

/** Project-relative path patterns of the compose files test scripts name: `$x`/`${x}` stand for one path segment part. */
function patternsOf(text: string): RegExp[] {
  const out: RegExp[] = [];
  for (const [written] of text.matchAll(COMPOSE_PATH)) {
    // A leading `${REPO_ROOT}/`, `$ROOT/` or `./` is where the script runs from: the rest is the path.
    const path = written.replace(/^(\$\{?\w+\}?\/|\.\/)+/, '');
    if (!path || path.startsWith('/') || path.startsWith('$')) continue;
    const source = path
      .split(/(\$\{\w+\}|\$\w+)/)
      .map((part, i) => (i % 2 ? '[^/]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    out.push(new RegExp(`(^|/)${source}$`));
  }
  return out;
}

/** The project's compose files (paths relative to the root) that a test script names. */
export const testComposePaths = memoized((project: ProjectModel): Set<string> => {
  const patterns = Object.values(project.disk.testScripts).flatMap((r) => (r.ok ? patternsOf(r.text) : []));
  const out = new Set<string>();
  if (!patterns.length) return out;
  for (const f of project.files) {
    const path = f.path.split('\\').join('/');
    if (f.kind === 'compose' && patterns.some((p) => p.test(path))) out.add(path);
  }
  return out;
});
