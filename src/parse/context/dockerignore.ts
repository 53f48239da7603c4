// A .dockerignore file: its patterns with their lines, and Docker's matcher for them
// (@balena/dockerignore ports moby's: `!` exceptions, `**`, leading and trailing `/`, last match wins).

import dockerignoreModule from '@balena/dockerignore';
import { memoByText } from '../../util/memo-by-text.js';

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
  const single: { pattern: IgnorePattern; ig: Ignore }[] = [];
  for (const pattern of parseIgnorePatterns(text)) {
    const ig = dockerignore({ ignorecase: false }).add(pattern.negative ? pattern.text.slice(1) : pattern.text);
    try {
      ig.ignores('a/b');
      patterns.push(pattern);
      single.push({ pattern, ig });
    } catch {
      invalid.push(pattern);
    }
  }
  const all = dockerignore({ ignorecase: false }).add(patterns.map((p) => p.text));
  return {
    patterns,
    invalid,
    hasExceptions: patterns.some((p) => p.negative && p.text.slice(1).trim() !== ''),
    ignores: (rel) => rel !== '' && rel !== '.' && all.ignores(rel),
    decidingPattern(rel) {
      for (let i = single.length - 1; i >= 0; i--) {
        if (single[i]!.ig.ignores(rel)) return single[i]!.pattern;
      }
      return null;
    },
  };
}
