// A parser for the simple scripts most RUNs are: commands of plain, quoted and `$VAR` words joined by
// `&&`, `||`, `;`, `|` and newlines. It gives exactly what mvdan-sh gives through shell.ts for those
// (test/unit/parse/shell-simple.test.ts compares both on real RUNs and fuzzed scripts) in a fraction of
// the time: mvdan-sh is GopherJS output that V8 must warm up (~1.5 ms per RUN cold, 40 ms to load).
// Simple redirections (`> f`, `2>&1`) are read and left out, as mvdan-sh leaves them out of a command.
// Anything else — here-documents, subshells, `$(..)`, keywords, comments, `export` — returns null and
// the caller asks mvdan-sh: this parser never guesses.

import type { ShellCommand, ShellWord } from './shell.js';

/** Commands before `sh -c` scripts are expanded (the caller does that, as for mvdan-sh's tree). */
export interface SimpleScript {
  commands: ShellCommand[];
  pipes: number;
}

// Words that make a command something other than a plain call in bash (mvdan-sh gives them their own
// node types) when they stand first: such commands are left to mvdan-sh.
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'while', 'until', 'do', 'done', 'case', 'esac', 'select',
  'function', 'time', 'coproc', '{', '}', '!', '[[', ']]',
  'declare', 'local', 'export', 'readonly', 'typeset', 'nameref', 'let',
]);

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Characters that end an unquoted literal. */
const SPECIAL = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', '"', "'", '`', '$', '\\']);

// Not an Error: a fifth of the RUNs step aside, and an Error would record a stack trace each time.
const FALLBACK = Symbol('fallback');
const fallback = (): never => {
  throw FALLBACK;
};

interface Word extends ShellWord {
  /** The literal text before the first `=` is a variable name (it can be an assignment). */
  assignable: boolean;
  /** Offset of the value after `NAME=` and its value, for assignments. */
  assignValue: string | null;
}

/** `source`'s commands when it is in the simple subset, else null (ask mvdan-sh). Never throws. */
export function parseSimpleShell(source: string, base: number, viaShell: boolean): SimpleScript | null {
  // Characters mvdan-sh treats in ways this parser does not model.
  if (/[\r\v\f\0]/.test(source)) return null;
  try {
    return new SimpleParser(source, base, viaShell).script();
  } catch (e) {
    if (e === FALLBACK) return null;
    throw e;
  }
}

class SimpleParser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly viaShell: boolean,
  ) {}

  script(): SimpleScript {
    const out: SimpleScript = { commands: [], pipes: 0 };
    this.skip(true);
    while (this.i < this.src.length) {
      this.pipeline(out);
      this.skip(false);
      const c = this.src[this.i];
      if (c === undefined) break;
      const two = this.src.slice(this.i, this.i + 2);
      if (two === '&&' || two === '||') {
        this.i += 2;
        this.skip(true);
        if (this.i >= this.src.length) fallback(); // `a &&` at the end: a syntax error
      } else if ((c === ';' && two !== ';;' && two !== ';&') || c === '\n') {
        this.i++;
        this.skip(true);
      } else {
        fallback();
      }
    }
    return out;
  }

  private pipeline(out: SimpleScript): void {
    const commands = [this.command()];
    for (;;) {
      this.skip(false);
      const two = this.src.slice(this.i, this.i + 2);
      if (this.src[this.i] !== '|' || two === '||') break;
      if (two === '|&') fallback();
      this.i++;
      this.skip(true);
      commands.push(this.command());
    }
    if (commands.length > 1) {
      out.pipes += commands.length - 1;
      for (const c of commands) c.inPipe = true;
      for (const c of commands.slice(0, -1)) c.pipesOut = true;
    }
    out.commands.push(...commands);
  }

  private command(): ShellCommand {
    const words: Word[] = [];
    const assigns: { name: string; value: string | null }[] = [];
    let start = -1;
    let end = -1;
    for (;;) {
      this.skip(false);
      const c = this.src[this.i];
      if (this.redirect()) continue; // not a word: mvdan-sh keeps redirections out of the command's words and span
      if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|') break;
      if (c === '#') fallback(); // a comment
      const w = this.word();
      if (start < 0) start = w.start;
      end = w.end;
      if (words.length === 0 && w.assignable) {
        assigns.push({ name: w.text.slice(0, w.text.indexOf('=')), value: w.assignValue });
        continue;
      }
      if (words.length === 0 && RESERVED.has(w.text)) fallback();
      words.push(w);
    }
    if (start < 0) fallback(); // an empty command: `;;`, `| |`, a leading `&&`
    const name = words[0]?.value ?? '';
    return {
      name,
      program: name.slice(name.lastIndexOf('/') + 1),
      words: words.map(({ value, text, start: s, end: e }) => ({ value, text, start: this.base + s, end: this.base + e })),
      argv: words.map((w) => w.value ?? w.text),
      assigns,
      start: this.base + start,
      end: this.base + end,
      inPipe: false,
      pipesOut: false,
      inSubshell: false,
      viaShell: this.viaShell,
    };
  }

  /**
   * A redirection where a word could start — `>f`, `>> f`, `2>&1`, `<in`, `&>log`, `1>&2` — consumed with
   * its target word; false when there is none. Here-documents, here-strings, `<>`, `>|` and process
   * substitution are left to mvdan-sh.
   */
  private redirect(): boolean {
    const m = /^(?:[0-9]*(?:>>|>&|<&|>|<)|&>>|&>)/.exec(this.src.slice(this.i, this.i + 24));
    if (!m) return false;
    const after = this.src[this.i + m[0].length];
    if (after === '<' || after === '>' || after === '|' || after === '(' || after === '&') fallback();
    this.i += m[0].length;
    this.skip(false);
    const c = this.src[this.i];
    if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === '#' || c === '<' || c === '>') fallback(); // no target
    this.word();
    return true;
  }

  /** One word: literal runs, '…', "…", $NAME and ${NAME}, side by side. */
  private word(): Word {
    const start = this.i;
    let value: string | null = '';
    let assignable = false;
    let afterEquals: number | null = null; // where the value part starts, in `value`
    let dynamicAfterEquals = false;
    const add = (v: string | null) => {
      if (v === null) {
        value = null;
        if (afterEquals !== null) dynamicAfterEquals = true;
      } else if (value !== null) value += v;
    };
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|') break;
      if (c === "'") {
        const close = this.src.indexOf("'", this.i + 1);
        if (close < 0) fallback();
        add(this.src.slice(this.i + 1, close));
        this.i = close + 1;
      } else if (c === '"') {
        add(this.doubleQuoted());
      } else if (c === '$') {
        this.parameter();
        add(null);
      } else if (c === '(' || c === ')' || c === '<' || c === '>' || c === '`') {
        fallback();
      } else {
        // An unquoted literal run; `\x` keeps both characters here, as mvdan-sh's Lit does.
        const from = this.i;
        while (this.i < this.src.length) {
          const d = this.src[this.i]!;
          if (d === '\\') {
            const next = this.src[this.i + 1];
            if (next === undefined || next === '\n') fallback(); // a line continuation or a trailing backslash
            this.i += 2;
            continue;
          }
          if (SPECIAL.has(d)) break;
          this.i++;
        }
        const raw = this.src.slice(from, this.i);
        if (from === start && ASSIGN.test(raw)) {
          if (/^[A-Za-z_][A-Za-z0-9_]*=\(/.test(this.src.slice(from, this.i + 1))) fallback(); // an array
          assignable = true;
          afterEquals = raw.indexOf('=') + 1;
          add(raw.slice(0, afterEquals));
          add(literalValue(raw.slice(afterEquals)));
          continue;
        }
        if (from === start && /^[A-Za-z_][A-Za-z0-9_]*(\+=|\[)/.test(raw + this.src.slice(this.i, this.i + 2))) fallback();
        add(literalValue(raw));
      }
    }
    const text = this.src.slice(start, this.i);
    let assignValue: string | null = null;
    if (assignable) {
      const eq = text.indexOf('=');
      assignValue = dynamicAfterEquals ? null : text.length === eq + 1 ? '' : (value as string | null)?.slice(afterEquals!) ?? null;
    }
    return { value, text, start, end: this.i, assignable, assignValue };
  }

  /** "…" with literal text and $NAME/${NAME} only; the value, or null when it expands anything. */
  private doubleQuoted(): string | null {
    this.i++; // the opening quote
    let value: string | null = '';
    let from = this.i;
    const flush = () => {
      if (value !== null) value += literalValue(this.src.slice(from, this.i));
    };
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) fallback();
      if (c === '"') {
        flush();
        this.i++;
        return value;
      }
      if (c === '\\') {
        if (this.src[this.i + 1] === undefined || this.src[this.i + 1] === '\n') fallback();
        this.i += 2;
      } else if (c === '`') {
        fallback();
      } else if (c === '$') {
        flush();
        this.parameter();
        value = null;
        from = this.i;
      } else {
        this.i++;
      }
    }
  }

  /** `$NAME` or `${NAME}`; anything else after `$` ($(…), ${X:-y}, $1, $@) is left to mvdan-sh. */
  private parameter(): void {
    this.i++; // $
    if (this.src[this.i] === '{') {
      this.i++;
      this.name();
      if (this.src[this.i] !== '}') fallback();
      this.i++;
    } else {
      this.name();
    }
  }

  private name(): void {
    if (!NAME_START.test(this.src[this.i] ?? '')) fallback();
    while (NAME_CHAR.test(this.src[this.i] ?? '')) this.i++;
  }

  /** Blanks; line breaks too when `newlines` (after an operator, or between commands). */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.src[this.i];
      if (c === ' ' || c === '\t' || (newlines && c === '\n')) this.i++;
      else if (c === '\\' && this.src[this.i + 1] === '\n') fallback();
      else return;
    }
  }
}

/** What shell.ts makes of a mvdan-sh literal: each backslash escape gives the character after it. */
function literalValue(raw: string): string {
  return !raw.includes('\\') ? raw : raw.replace(/\\(.)/g, '$1');
}
