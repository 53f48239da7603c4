// Compose files that a test script starts (`compose_file="docker-compose/cassandra/v$major/docker-compose.yaml"`,
// `COMPOSE_FILE="${REPO_ROOT}/examples/reverse-proxy/docker-compose.yml"`): test setups, which no server
// runs, whatever their folder is called. The scripts are read by load-disk (disk.testScripts), never run.

import { memoized } from '../../project/memo.js';
import type { ProjectModel } from '../../project/model.js';

/** What ends a word of a script, and so a path written in it (`=` too: `COMPOSE_FILE=path`). */
const WORD_END = /[\s"'`=();|&<>]+/;

/**
 * The compose file paths a script writes, variables and all: in each word, up to the last `.yml` or
 * `.yaml` whose path segment has `compose` before it. Found by plain scans, in linear time: a regular
 * expression over the script took minutes on a 1 MB line.
 */
function composePathsIn(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(WORD_END)) {
    const lower = word.toLowerCase();
    if (!lower.includes('compose')) continue;
    let end = -1;
    let from = 0;
    for (const segment of lower.split('/')) {
      const named = segment.indexOf('compose');
      if (named >= 0) {
        for (const ext of ['.yml', '.yaml']) {
          const at = segment.lastIndexOf(ext);
          if (at >= named + 'compose'.length) end = Math.max(end, from + at + ext.length);
        }
      }
      from += segment.length + 1;
    }
    if (end > 0) out.push(word.slice(0, end));
  }
  return out;
}

/**
 * The compose paths test scripts name, each as its `/`-separated segments; a segment is its literal
 * parts, with a variable (`$x`, `${x}`: any text but `/`) between each two.
 */
function patternsOf(text: string): string[][][] {
  const out: string[][][] = [];
  for (const written of composePathsIn(text)) {
    // A leading `${REPO_ROOT}/`, `$ROOT/` or `./` is where the script runs from: the rest is the path.
    const path = written.replace(/^(\$\{?\w+\}?\/|\.\/)+/, '');
    if (!path || path.startsWith('/') || path.startsWith('$')) continue;
    out.push(path.split('/').map((segment) => segment.split(/\$\{\w+\}|\$\w+/)));
  }
  return out;
}

/**
 * Does `path` end with the segments of `pattern`? Matched part by part, not as a regular expression:
 * a script's `$a$b$c…-compose.yml` made one that backtracked for minutes.
 */
function endsWithPattern(path: string, pattern: string[][]): boolean {
  const names = path.split('/');
  if (names.length < pattern.length) return false;
  return pattern.every((parts, i) => segmentMatches(parts, names[names.length - pattern.length + i]!));
}

/** One segment: the first part starts it, the last ends it, the others come in order between (each variable takes any text). */
function segmentMatches(parts: string[], name: string): boolean {
  if (parts.length === 1) return parts[0] === name;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  const stop = name.length - last.length;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0 || found + part.length > stop) return false;
    at = found + part.length;
  }
  return true;
}

/** The project's compose files (paths relative to the root) that a test script names. */
export const testComposePaths = memoized((project: ProjectModel): Set<string> => {
  const patterns = Object.values(project.disk.testScripts).flatMap((r) => (r.ok ? patternsOf(r.text) : []));
  const out = new Set<string>();
  if (!patterns.length) return out;
  for (const f of project.files) {
    const path = f.path.split('\\').join('/');
    if (f.kind === 'compose' && patterns.some((p) => endsWithPattern(path, p))) out.add(path);
  }
  return out;
});
