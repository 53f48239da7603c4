// ARG and ENV values as the builder sees them, and `$VAR` / `${VAR:-default}` substitution.

import type { Dockerfile, Instruction } from './model.js';
import { preFromScopeAt, stageScopeAt } from './scope-index.js';
import { fromChain } from './stages.js';
import { work } from './work.js';

/** Build arguments the builder defines itself (BuildKit); their values are not known here. */
export const PREDEFINED_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'BUILDKIT_INLINE_CACHE', 'BUILDKIT_SYNTAX', 'BUILDKIT_MULTI_PLATFORM', 'SOURCE_DATE_EPOCH',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE',
]);

/** Name → value (null: declared, value unknown). */
export type Scope = Map<string, string | null>;

/** What substitution reads: a name's value (null: declared, value unknown; undefined: not declared). */
export interface ScopeLookup {
  get(name: string): string | null | undefined;
}

/** The variables visible at one instruction: a Scope, or a view of the stage's index (scope-index.ts). */
export interface ScopeView extends ScopeLookup {
  has(name: string): boolean;
  /** The names, in the order they were first set. */
  keys(): Iterable<string>;
}

/** The ARGs declared before the first FROM (or before `until`), with their defaults. */
export function globalArgValues(df: Dockerfile, until?: Instruction): Scope {
  const scope: Scope = new Map();
  for (const inst of df.globalArgs) {
    if (until && inst.index >= until.index) break;
    for (const p of inst.properties) {
      scope.set(p.name, p.value === null ? null : substitute(p.value, scope).value);
    }
  }
  return scope;
}

/**
 * The variables visible to `inst` inside its stage: ENV inherited from parent stages,
 * ARGs declared in the stage (taking the global default when they have none), ENV set so far.
 * Answered from the stage's index (scope-index.ts); the walk below is the definition, and answers the rest.
 */
export function scopeBefore(df: Dockerfile, inst: Instruction): ScopeView {
  return (inst.stage ? stageScopeAt(df, inst.stage, inst) : preFromScopeAt(df, inst)) ?? scopeByWalk(df, inst);
}

/** scopeBefore by walking every instruction before `inst` (what the index must answer; the test compares). */
export function scopeByWalk(df: Dockerfile, inst: Instruction): Scope {
  const stage = inst.stage;
  if (!stage) {
    // Before the first FROM: global ARGs, and ENV of a snippet without FROM (judged as if it were a stage).
    const scope = globalArgValues(df, inst);
    for (const i of df.instructions) {
      if (i.index >= inst.index) break;
      work.steps++;
      if (i.keyword === 'ENV') for (const p of i.properties) scope.set(p.name, p.value === null ? null : substitute(p.value, scope).value);
    }
    return scope;
  }
  const globals = globalArgValues(df);
  const scope: Scope = new Map();
  for (const s of fromChain(stage).reverse()) {
    for (const i of s.instructions) {
      if (s === stage && i.index >= inst.index) break;
      work.steps++;
      if (i.keyword === 'ARG') {
        for (const p of i.properties) {
          const value = p.value === null ? (globals.get(p.name) ?? null) : substitute(p.value, scope).value;
          // ARGs do not cross stages; ENV does.
          if (s === stage) scope.set(p.name, value);
        }
      } else if (i.keyword === 'ENV') {
        for (const p of i.properties) scope.set(p.name, p.value === null ? null : substitute(p.value, scope).value);
      }
    }
  }
  return scope;
}

/** Is `name` defined for `inst` (declared ARG or ENV, or predefined by the builder)? */
export function isDefined(df: Dockerfile, inst: Instruction, name: string): boolean {
  return PREDEFINED_ARGS.has(name) || scopeBefore(df, inst).has(name);
}

/**
 * Substitutes `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}`, `${NAME-word}` with known values.
 * Unknown or unset names are listed in `unresolved` and replaced by their default, or left as written.
 */
export function substitute(text: string, scope: ScopeLookup): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const value = text.replace(
    /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, op?: string, word?: string, bare?: string) => {
      if (match === '\\$') return '$';
      const name = (braced ?? bare)!;
      const known = scope.get(name);
      const isSet = known !== undefined && known !== null;
      const nonEmpty = isSet && known !== '';
      if (op === ':-' || op === '-') {
        if (op === ':-' ? nonEmpty : isSet) return known!;
        if (known === undefined || known === null) return word ?? '';
        return word ?? '';
      }
      if (op === ':+' || op === '+') return (op === ':+' ? nonEmpty : isSet) ? (word ?? '') : '';
      if (isSet) return known!;
      unresolved.push(name);
      return match;
    },
  );
  return { value, unresolved };
}
