// What the build-context rules share: where to report (the .dockerignore, or the Dockerfile),
// the append fix, secret and junk classification, and which COPY sources reach a path.

import type { BuildContext } from '../../parse/context/context.js';
import { CREDENTIAL_CONFIGS, credentialIn, envSecretName, isEnvFileName, notReadWhole } from '../../parse/credentials.js';
import { keyFileHolds } from '../../parse/key-file.js';
import { humanSize } from '../../parse/context/context.js';

export { humanSize };
import { sourceCovers, sourceMatches, type CopySource, type SourceInstruction } from '../../parse/context/copy-sources.js';
import type { ContextEntry } from '../../parse/context/entries.js';
import { neededSources } from '../../parse/context/missing-sources.js';
import type { SourceFile } from '../../project/model.js';
import type { TextEdit } from '../../types.js';
import type { FileReport, ProjectContext } from '../types.js';

/** Reports once per file, span and message (two Dockerfiles may share a folder and its .dockerignore). */
export function dedupedReport(ctx: ProjectContext): (r: FileReport) => void {
  const seen = new Set<string>();
  return (r) => {
    const key = `${r.file.absPath}\0${r.start}\0${r.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    ctx.report(r);
  };
}

/** The first instruction line of the Dockerfile (the FROM, usually), or its first line. */
export function dockerfileHead(c: BuildContext): { file: SourceFile; start: number; end: number } | null {
  if (!c.dockerfile) return null;
  const start = c.outline?.firstStart ?? 0;
  const nl = c.dockerfile.text.indexOf('\n', start);
  let end = nl < 0 ? c.dockerfile.text.length : nl;
  if (c.dockerfile.text[end - 1] === '\r') end--;
  return { file: c.dockerfile, start, end };
}

/** The first line of the .dockerignore (a place to report about the whole file). */
export function ignoreHead(file: SourceFile): { start: number; end: number } {
  return { start: 0, end: file.lines.lineText(0).length };
}

/** Characters that would make a path mean something else as a .dockerignore pattern. */
const SPECIAL = /[*?[\]\\#!\s]|^\/|\n/;

/** A pattern that excludes exactly this context path, or null when it cannot be written safely. */
export function exactPattern(path: string): string | null {
  return path && !SPECIAL.test(path) && !path.split('/').some((p) => p === '..' || p === '.') ? path : null;
}

/** An edit appending lines to the .dockerignore (a file without a final newline keeps that style). */
export function appendEdit(file: SourceFile, lines: string[]): TextEdit[] {
  const text = file.text;
  const at = text.length;
  if (text === '' || text.endsWith('\n')) return [{ start: at, end: at, text: `${lines.join('\n')}\n` }];
  return [{ start: at, end: at, text: `\n${lines.join('\n')}` }];
}

/** Sources of COPY/ADD in the stages the build runs. */
export const sourcesOf = neededSources;

/** COPY/ADD sources that bring `path` into a layer. */
export function copiersOf(c: BuildContext, path: string): CopySource<SourceInstruction>[] {
  return sourcesOf(c).filter((s) => sourceCovers(s.path, path));
}

/** Does a COPY/ADD name this path itself, or something inside it (not just a parent folder)? */
export function namedByCopy(c: BuildContext, path: string): boolean {
  return sourcesOf(c).some((s) => s.path !== '' && (sourceMatches(s.path, path) || sourceCovers(path, s.path)));
}

/** `Dockerfile:5` for a COPY source. */
export function where(c: BuildContext, s: CopySource<SourceInstruction>): string {
  return `${c.dockerfile?.path ?? 'Dockerfile'}:${s.inst.line}`;
}

/** `COPY . .` as written, for messages. */
export function copyText(c: BuildContext, s: CopySource<SourceInstruction>): string {
  // The model's text is the Dockerfile's own: quoted from the file, which outlives the model.
  const text = c.outline ? (c.dockerfile?.text ?? c.df!.text) : null;
  const first = text !== null ? text.slice(s.inst.start, s.inst.end).split('\n')[0]!.trim() : s.inst.keyword;
  return first.length > 60 ? `${first.slice(0, 57)}...` : first;
}

const PUBLIC_CERT = /(^|[-_.])(ca|cacert|cert|certs|certificate|chain|fullchain|bundle|root|public|pub|trust)([-_.]|$)/i;
const SECRET_DIRS = new Map([
  ['.aws', 'AWS credentials'],
  ['.ssh', 'SSH keys'],
  ['.gnupg', 'GnuPG keys'],
]);

export interface SecretHit {
  /** The file, or the secret folder (`.aws`). */
  path: string;
  why: string;
}

/** What kind of secret a sent file is, or null. `.npmrc`/`.yarnrc.yml` by the token in their head. */
export function secretOf(c: BuildContext, e: ContextEntry): string | null {
  const base = e.path.slice(e.path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (isEnvFileName(lower)) {
    if (e.type !== 'file') return 'an environment file';
    // By content: many env files hold only ports, image names and public build settings (VITE_…).
    const head = c.head(e.path);
    if (head === null) return notReadWhole('an environment file');
    const name = envSecretName(head);
    return name ? `an environment file with ${name}` : null;
  }
  if (/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/.test(lower)) return 'an SSH private key';
  if (lower === '.pypirc' || lower === '.git-credentials' || lower === '.netrc') return 'credentials';
  if (lower === 'credentials.json') return 'a credentials file';
  if (CREDENTIAL_CONFIGS.includes(lower) && e.type === 'file') return credentialIn(lower, c.head(e.path));
  if (/\.(key|p12|pfx)$/.test(lower) || (lower.endsWith('.pem') && !PUBLIC_CERT.test(lower.slice(0, -4)))) {
    // By content when it can be read: a public PGP key or a certificate under a .key name is no secret.
    return e.type === 'file' && keyFileHolds(c.head(e.path) ?? '') === 'public' ? null : 'a private key';
  }
  return null;
}

/**
 * Kept per listing: a context's entries and the heads its rules read come from one disk-facts load and
 * do not change after it, and three rules ask for every context (the language server, on every keystroke).
 */
const secretsByListing = new WeakMap<ContextEntry[], SecretHit[]>();

/** Secrets among the sent files; files under `.aws/`, `.ssh/` are reported as their folder. Shared: do not mutate. */
export function secretsOf(c: BuildContext): SecretHit[] {
  let hits = secretsByListing.get(c.entries);
  if (!hits) secretsByListing.set(c.entries, (hits = findSecrets(c)));
  return hits;
}

function findSecrets(c: BuildContext): SecretHit[] {
  const out: SecretHit[] = [];
  const dirs = new Set<string>();
  for (const e of c.files) {
    const parts = e.path.split('/');
    const d = parts.findIndex((p, i) => i < parts.length - 1 && SECRET_DIRS.has(p));
    if (d >= 0) {
      const dir = parts.slice(0, d + 1).join('/');
      if (!dirs.has(dir)) {
        dirs.add(dir);
        out.push({ path: dir, why: SECRET_DIRS.get(parts[d]!)! });
      }
      continue;
    }
    const why = secretOf(c, e);
    if (why) out.push({ path: e.path, why });
  }
  return out;
}

/**
 * Where a finding about a context path goes: the editable .dockerignore (on the `!` line that
 * brings the path back, else its first line; with the append fix), else the Dockerfile.
 */
export function reportOnContext(
  c: BuildContext,
  report: (r: FileReport) => void,
  r: { path: string; message: string; pattern: string | null; dockerfileSpan?: { start: number; end: number } },
): void {
  const ig = c.dockerignore;
  if (ig?.file) {
    const deciding = ig.matcher.decidingPattern(r.path);
    const span = deciding?.negative ? { start: deciding.start, end: deciding.end } : ignoreHead(ig.file);
    report({ file: ig.file, ...span, message: r.message, ...(r.pattern ? { fix: appendEdit(ig.file, [r.pattern]) } : {}) });
    return;
  }
  const head = dockerfileHead(c);
  if (!head) return;
  report({ file: head.file, ...(r.dockerfileSpan ?? head), message: r.message });
}
