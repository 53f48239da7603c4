// Who builds a Dockerfile, as the project's own scripts say: `docker build -f X CTX` in a Makefile
// recipe or a package.json script, and a dev container's `build.context`. Parsed, never run: the
// commands go through the shell parser the RUN rules use and the `docker build` reader workflows'
// `run:` steps use; only literal words count (a `$(MAKE_VAR)` or `$VAR` makes the build unknown).

import { posix } from 'node:path';
import { parseShell, type ShellCommand } from '../dockerfile/shell.js';
import { buildOperands, dockerSub } from '../workflow/view.js';
import { memoByText } from '../../util/memo-by-text.js';

/** One build a script runs: paths as written, relative to the folder the script runs in. */
export interface ScriptBuild {
  /** `-f`/`--file`, or null for `<context>/Dockerfile`. */
  file: string | null;
  context: string;
}

const BUILDERS = new Set(['docker', 'podman']);

/** The builds a shell script runs, in order; a `cd <literal>` before a build moves where it runs. */
export function buildsInScript(script: string): ScriptBuild[] {
  return parsedBuilds(script).map((b) => ({ ...b }));
}

// Parsed once per script text (the language server re-reads the same Makefiles on every keystroke).
const parsedBuilds = memoByText(buildsOfScript);

function buildsOfScript(script: string): readonly Readonly<ScriptBuild>[] {
  let parsed;
  try {
    parsed = parseShell(script, 0);
  } catch {
    return [];
  }
  const out: ScriptBuild[] = [];
  let cwd = '.';
  for (const cmd of parsed.commands) {
    if (cmd.program === 'cd') {
      const to = cmd.words[1]?.value;
      // An unknown cd makes every later relative path unknown.
      cwd = to && !to.startsWith('/') && !to.startsWith('~') && to !== '-' && cwd !== '' ? posix.join(cwd, to) : '';
      continue;
    }
    const build = buildOf(cmd);
    if (!build || cwd === '') continue;
    out.push({ file: build.file === null ? null : posix.join(cwd, build.file), context: posix.join(cwd, build.context) });
  }
  return out;
}

/** `docker [buildx] build [opts] CTX` with a literal context (and -f), read as a workflow's `run:` build is; else null. */
function buildOf(cmd: ShellCommand): ScriptBuild | null {
  if (!BUILDERS.has(cmd.program)) return null;
  const words = cmd.words.map((w) => ({ value: w.value ?? w.text, text: w.text, dynamic: w.value === null, start: w.start, end: w.end }));
  const sub = dockerSub({ program: cmd.program, words, start: cmd.start, end: cmd.end });
  if (!sub) return null;
  const { context, file } = buildOperands(sub);
  if (!context || file === null) return null; // not a build, or a dynamic / stdin / URL context
  return { file: file || null, context };
}

/** The recipe lines of a Makefile, each as the shell would get it (`$$` is `$`; `$(VAR)` stays, and is dynamic). */
export function makefileRecipes(text: string): string[] {
  const joined = text.replace(/\\\r?\n[ \t]*/g, ' ');
  const out: string[] = [];
  for (const line of joined.split(/\r?\n/)) {
    if (!line.startsWith('\t')) continue;
    out.push(line.slice(1).replace(/^[@+-]+/, '').replace(/\$\$/g, '$'));
  }
  return out;
}

/** The scripts of a package.json (`npm run x`), or [] when it is not JSON. */
export function packageScripts(text: string): string[] {
  try {
    const scripts = JSON.parse(text)?.scripts;
    if (!scripts || typeof scripts !== 'object') return [];
    return Object.values(scripts).filter((s): s is string => typeof s === 'string');
  } catch {
    return [];
  }
}

/** A dev container's build (`build.dockerfile` + `build.context`, or the old top-level keys), relative to its folder. */
export function devcontainerBuild(text: string): ScriptBuild | null {
  let doc: any;
  try {
    doc = JSON.parse(withoutJsonComments(text));
  } catch {
    return null;
  }
  const build = doc && typeof doc.build === 'object' && doc.build ? doc.build : doc;
  const file = build?.dockerfile ?? doc?.dockerFile ?? doc?.dockerfile;
  const context = build?.context ?? doc?.context ?? '.';
  if (typeof file !== 'string' || typeof context !== 'string' || file.includes('$') || context.includes('$')) return null;
  // The Dockerfile is relative to devcontainer.json's folder, not to the context.
  return { file, context };
}

/** JSON with comments and trailing commas (devcontainer.json is JSONC) as plain JSON. */
export function withoutJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
