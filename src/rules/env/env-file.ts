// Env files (`.env`, `.env.production`, `.env.example`) read as docker compose reads them:
// `KEY=value`, optional `export `, `#` comments, quoted values that may span lines.
// Plus what only the disk knows (permissions, git tracking), from the project's disk facts.

import { basename } from 'node:path';
import { memoized } from '../../project/memo.js';
import type { ProjectModel, SourceFile } from '../../project/model.js';


export interface EnvEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value has something in it (never shown to the user). */
  hasValue: boolean;
  line: number;
}

export interface EnvProblem {
  start: number;
  end: number;
  message: string;
  /** An edit that is safe (spaces before `=`). */
  fix?: { start: number; end: number; text: string };
}

export interface EnvFile {
  file: SourceFile;
  entries: EnvEntry[];
  problems: EnvProblem[];
  /** `.env.example` and the like: committed on purpose, no secrets. */
  template: boolean;
}

const TEMPLATE = /\.(example|sample|template|dist|defaults|tmpl|tpl)$/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function isTemplateEnv(path: string): boolean {
  return TEMPLATE.test(basename(path));
}

export function parseEnvFile(file: SourceFile): EnvFile {
  const text = file.text;
  const entries: EnvEntry[] = [];
  const problems: EnvProblem[] = [];
  const lineCount = file.lines.lineCount;
  for (let i = 0; i < lineCount; i++) {
    const lineStart = file.lines.starts[i]!;
    const raw = file.lines.lineText(i);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body || body.startsWith('#')) continue;
    let at = lineStart + lead;
    let rest = raw.slice(lead);
    const exp = /^export\s+/.exec(rest);
    if (exp) {
      at += exp[0].length;
      rest = rest.slice(exp[0].length);
    }
    const eq = rest.indexOf('=');
    if (eq < 0) {
      const word = rest.trimEnd();
      problems.push({
        start: at,
        end: at + word.length,
        // The line is not quoted: it may be a line of a secret (a pasted token, a key's body).
        message: NAME.test(word)
          ? `a bare name with no '=': write NAME= for an empty value (compose and docker run --env-file read a bare name differently)`
          : `this line is not KEY=value: no '=' (comment it out with '#')`,
      });
      continue;
    }
    const keyRaw = rest.slice(0, eq);
    const key = keyRaw.trimEnd();
    const keyStart = at;
    const keyEnd = at + key.length;
    if (!key) {
      problems.push({ start: at, end: at + 1, message: `'=' with no variable name before it` });
      continue;
    }
    if (key !== keyRaw) {
      problems.push({
        start: keyEnd,
        end: at + eq,
        message: `space before '=' after ${key}: docker run --env-file rejects it; write ${key}=...`,
        fix: { start: keyEnd, end: at + eq, text: '' },
      });
    } else if (!NAME.test(key)) {
      problems.push({ start: keyStart, end: keyEnd, message: `'${key}' is not a valid variable name (letters, digits and _, not starting with a digit)` });
    }
    const valueStart = at + eq + 1;
    let value = rest.slice(eq + 1);
    if (/^[ \t]+\S/.test(value)) {
      const sp = value.length - value.trimStart().length;
      problems.push({
        start: valueStart,
        end: valueStart + sp,
        message: `space after '=' in ${key}: docker compose drops it, docker run --env-file keeps it in the value; remove it`,
      });
    }
    value = value.trimStart();
    const q = value[0];
    if (q === '"' || q === "'") {
      // a quoted value ends at the matching quote, possibly on a later line
      const qStart = valueStart + (rest.slice(eq + 1).length - value.length);
      const close = findClose(text, qStart + 1, q);
      if (close < 0) {
        problems.push({ start: qStart, end: qStart + 1, message: `unterminated ${q === '"' ? 'double' : 'single'} quote in the value of ${key}` });
        entries.push({ key, keyStart, keyEnd, hasValue: true, line: i + 1 });
        break;
      }
      const endLine = file.lines.positionAt(close).line - 1;
      entries.push({ key, keyStart, keyEnd, hasValue: close > qStart + 1, line: i + 1 });
      i = endLine;
      continue;
    }
    const unquoted = value.replace(/\s+#.*$/, '').trim();
    entries.push({ key, keyStart, keyEnd, hasValue: unquoted !== '', line: i + 1 });
  }
  return { file, entries, problems, template: isTemplateEnv(file.path) };
}

function findClose(text: string, from: number, q: string): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && q === '"') {
      i++;
      continue;
    }
    if (ch === q) return i;
  }
  return -1;
}

export interface EnvView extends EnvFile {
  /** Permission bits of the file on disk (null: not on disk or on Windows). */
  mode: number | null;
  /** Tracked by git: true/false, null when unknown (no git, not a repository). */
  tracked: boolean | null;
}

/** Every env file of the project, parsed, with its mode and git status from the disk facts. */
export const envFilesOf = memoized((project: ProjectModel): EnvView[] =>
  project.files
    .filter((f) => f.kind === 'env')
    .map((file) => ({ ...parseEnvFile(file), mode: project.disk.modes[file.absPath] ?? null, tracked: project.disk.gitTracked[file.absPath] ?? null })),
);
