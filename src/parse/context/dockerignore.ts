// A .dockerignore file: its patterns with their lines, and Docker's matcher for them
// (@balena/dockerignore ports moby's: `!` exceptions, `**`, leading and trailing `/`, last match wins).

import dockerignoreModule from '@balena/dockerignore';
import { sep } from 'node:path';
import { memoByText } from '../../util/memo-by-text.js';
import { work } from '../dockerfile/work.js';
import { ignoreCandidates, type RulePattern } from './ignore-candidates.js';

// A CommonJS module whose types declare an ES default export: `module.exports.default` is the factory too.
const dockerignore = (dockerignoreModule as unknown as { default: typeof dockerignoreModule.default }).default;
type Ignore = ReturnType<typeof dockerignore>;

export interface IgnorePattern {
  /** 0-based line in the file. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
  negative: boolean;
  /** Offsets of the pattern in the file text. */
  start: number;
  end: number;
}

export interface IgnoreMatcher {
  /** Valid patterns, in order. */
  patterns: IgnorePattern[];
  /** Patterns Docker would refuse (`syntax error in pattern`); left out of matching. */
  invalid: IgnorePattern[];
  /** Has at least one `!` exception (then an excluded folder must still be walked). */
  hasExceptions: boolean;
  /** Is this context-relative path (forward slashes, no leading `./`) left out of the context? */
  ignores(rel: string): boolean;
  /** The pattern that decides a path's fate (the last one matching it or a parent), or null. */
  decidingPattern(rel: string): IgnorePattern | null;
}

/** Patterns of a .dockerignore text, as moby reads them: `#` lines are comments, blank lines skipped. */
export function parseIgnorePatterns(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed && !trimmed.startsWith('#')) {
      out.push({ line: i, text: trimmed, negative: trimmed.startsWith('!'), start: offset + lead, end: offset + lead + trimmed.length });
    }
    offset += lines[i]!.length + 1;
  }
  return out;
}

/**
 * Docker's matcher for a .dockerignore text (case-sensitive, as on Linux). Kept for the last texts: a
 * root .dockerignore serves every context listed from the root, and a .gitignore every missing source
 * (on every keystroke, in the language server). Few are kept: a matcher remembers each path it was asked.
 */
export const ignoreMatcher: (text: string) => IgnoreMatcher = memoByText(compileMatcher, 32);

function compileMatcher(text: string): IgnoreMatcher {
  const patterns: IgnorePattern[] = [];
  const invalid: IgnorePattern[] = [];
  /** Per valid pattern: its rule as the whole file's matcher has it, and as asked alone (without `!`). */
  const own: Ignore[] = [];
  const single: Ignore[] = [];
  const processed: (RulePattern | undefined)[] = [];
  for (const pattern of parseIgnorePatterns(text)) {
    const ig = dockerignore({ ignorecase: false }).add(pattern.negative ? pattern.text.slice(1) : pattern.text);
    try {
      ig.ignores('a/b');
      const whole = pattern.negative ? dockerignore({ ignorecase: false }).add(pattern.text) : ig;
      patterns.push(pattern);
      single.push(ig);
      own.push(whole);
      // Indexed only when both forms compile the same pattern (`!!a` does not: `!a` and `a`).
      const a = rulePattern(whole);
      processed.push(a === rulePattern(ig) ? a : undefined);
    } catch {
      invalid.push(pattern);
    }
  }
  const index = ignoreCandidates(processed);
  // Docker's matcher for the patterns that could match a path: the others cannot change its answer
  // (the last matching pattern decides). Kept for the candidate sets seen lately; rules are shared.
  const subsets = new Map<string, Ignore>();
  const matcherFor = (indices: number[]): Ignore => {
    const key = indices.join(',');
    let ig = subsets.get(key);
    if (!ig) {
      if (subsets.size >= 64) subsets.clear();
      ig = dockerignore({ ignorecase: false }).add(indices.map((i) => own[i]!));
      subsets.set(key, ig);
    }
    return ig;
  };
  return {
    patterns,
    invalid,
    hasExceptions: patterns.some((p) => p.negative && p.text.slice(1).trim() !== ''),
    ignores(rel) {
      if (rel === '' || rel === '.') return false;
      const indices = index.candidates(rel);
      work.steps += indices.length;
      return indices.length > 0 && matcherFor(indices).ignores(rel);
    },
    decidingPattern(rel) {
      const indices = index.candidates(rel);
      for (let k = indices.length - 1; k >= 0; k--) {
        work.steps++;
        if (single[indices[k]!]!.ignores(rel)) return patterns[indices[k]!]!;
      }
      return null;
    },
  };
}

/** The pattern of a matcher's one rule as it compiles it; null without a rule, undefined if unreadable. */
function rulePattern(ig: Ignore): RulePattern | undefined {
  // The library keeps its rules in `_rules` (@balena/dockerignore 1.0.x); anything else is not indexed.
  const rules = (ig as unknown as { _rules?: unknown })._rules;
  if (!Array.isArray(rules) || rules.length > 1) return undefined;
  if (rules.length === 0) return null;
  const p = (rules[0] as { pattern?: unknown }).pattern;
  return typeof p === 'string' && sep === '/' ? p : undefined;
}
