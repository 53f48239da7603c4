// A parser for the scripts most RUNs are: commands of plain, quoted, `$VAR`, `${VAR:-x}` and `$(…)`
// words joined by `&&`, `||`, `;`, `&`, `|` and newlines, inside `if`, `for`, `while`, `case`, `( … )` and
// `{ …; }`, with `export`/`local` declarations and comments. It gives exactly what mvdan-sh gives
// through shell.ts for those (test/unit/parse/shell-simple.test.ts compares both on real RUNs and
// fuzzed scripts) in a fraction of the time: mvdan-sh is GopherJS output that V8 must warm up
// (~1.5 ms per RUN cold, 40 ms to load). Simple redirections (`> f`, `2>&1`) are read and left out, as
// mvdan-sh leaves them out of a command, and so are here-documents whose bodies cannot hold commands.
// Anything else — other here-documents, backquotes, `$((…))`,
// arrays, functions, `[[ … ]]` — returns null and the caller asks mvdan-sh: this
// parser never guesses.
//
// Commands come out in the order of shell.ts's pre-order walk of mvdan-sh's tree: a command before
// the commands of the `$(…)` in its words, in source order otherwise. Flags that shell.ts derives from
// ranges (in a pipe, piping out, in a subshell) hold for every command inside the range, nested ones too.

import type { ShellCommand, ShellWord } from './shell.js';

/** Commands before `sh -c` scripts are expanded (the caller does that, as for mvdan-sh's tree). */
export interface SimpleScript {
  commands: ShellCommand[];
  pipes: number;
}

// Words that make a command something other than a plain call in bash (mvdan-sh gives them their own
// node types) when they stand first. The compound commands and declarations below are parsed; the
// others (and these words anywhere this parser does not expect them) are left to mvdan-sh.
const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'while', 'until', 'do', 'done', 'case', 'esac', 'select',
  'function', 'time', 'coproc', '{', '}', '!', '[[', ']]',
  'declare', 'local', 'export', 'readonly', 'typeset', 'nameref', 'let',
]);
/** Declarations mvdan-sh makes a DeclClause of (shell.ts turns it into a command named after it). */
const DECLARATIONS = new Set(['export', 'local', 'declare', 'readonly', 'typeset', 'nameref']);

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Characters that end an unquoted literal. */
const SPECIAL = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>', '"', "'", '`', '$', '\\']);
/** SPECIAL by character code, for the per-character loop of literals. */
const SPECIAL_CODE = new Uint8Array(128);
for (const c of SPECIAL) SPECIAL_CODE[c.charCodeAt(0)] = 1;
/** Characters after which a keyword ends (`fi;`, `done)`, `}` at the end). */
const KEYWORD_END = new Set([undefined, ' ', '\t', '\n', ';', '&', '|', ')']);
/** Parameters of one character after `$`: `$1`, `$@`, `$?`. */
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
/** Operators of `${NAME<op>word}` (defaults, trimming, replacing, case). */
const PARAM_OP = /^(?::[-=+?]|[-=+?]|##?|%%?|\/\/?|\^\^?|,,?)/;

/** Nesting (lists inside `( )`, `$( )`, `if`…, and `${X:-${Y:-…}}`) past which mvdan-sh decides: the parser recurses. */
const MAX_DEPTH = 100;

// Not an Error: a fifth of the RUNs step aside, and an Error would record a stack trace each time.
const FALLBACK = Symbol('fallback');
const fallback = (): never => {
  throw FALLBACK;
};


/** Where a list of statements ends: at one of these keywords, at `)`, or (a case item) at `;;`. */
interface ListEnd {
  keywords: ReadonlySet<string>;
  paren: boolean;
  caseItem: boolean;
}
const TOP: ListEnd = { keywords: new Set(), paren: false, caseItem: false };
const end = (keywords: string[], paren = false, caseItem = false): ListEnd => ({ keywords: new Set(keywords), paren, caseItem });
const THEN = end(['then']);
const AFTER_THEN = end(['elif', 'else', 'fi']);
const FI = end(['fi']);
const DO = end(['do']);
const DONE = end(['done']);
const BRACE = end(['}']);
const PAREN = end([], true);
const CASE_ITEM = end(['esac'], false, true);

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
  private depth = 0;
  /** Of the last word(): its literal text before the first `=` is a variable name (it can be an assignment)… */
  private assignable = false;
  /** …and the value after `NAME=` (null when it expands anything). */
  private assignValue: string | null = null;
  /** Here-documents opened on this line: their bodies follow the next newline (see newline()). */
  private heredocs: { delimiter: string; stripTabs: boolean; literal: boolean }[] = [];
  private readonly out: SimpleScript = { commands: [], pipes: 0 };
  constructor(
    private readonly src: string,
    private readonly base: number,
    private readonly viaShell: boolean,
  ) {}

  script(): SimpleScript {
    this.list(TOP);
    if (this.heredocs.length) fallback(); // a here-document without a body
    return this.out;
  }

  /**
   * Statements up to the end `until` names; returns what ended them (a keyword, ')', ';;', or '' at the
   * end of the script), not consumed. Lists must hold a statement, except a case item's.
   */
  private list(until: ListEnd): string {
    if (++this.depth > MAX_DEPTH) fallback(); // a hostile `( ( ( …` must not exhaust the stack
    let statements = 0;
    this.skip(true);
    for (;;) {
      const ended = this.listEnd(until);
      if (ended !== null) {
        if (statements === 0 && !until.caseItem && until !== TOP) fallback();
        this.depth--;
        return ended;
      }
      this.andOr();
      statements++;
      this.skip(false);
      const c = this.src[this.i];
      if (c === undefined) continue; // listEnd decides
      if (c === ')' && until.paren) continue;
      if (this.src.startsWith(';;', this.i)) {
        if (!until.caseItem || this.src[this.i + 2] === '&') fallback();
        continue;
      }
      // `a & b` runs `a` in the background: mvdan-sh's tree holds the same commands as for `a; b`.
      if (c === '\n') {
        this.newline();
        this.skip(true);
      } else if ((c === ';' && this.src[this.i + 1] !== '&') || (c === '&' && this.src[this.i + 1] !== '&')) {
        this.i++;
        this.skip(true);
      } else {
        fallback();
      }
    }
  }

  /** What ends the list here, or null when a statement follows. */
  private listEnd(until: ListEnd): string | null {
    const c = this.src[this.i];
    if (c === undefined) return until === TOP ? '' : fallback();
    if (c === ')') return until.paren ? ')' : fallback();
    if (this.src.startsWith(';;', this.i)) return until.caseItem ? ';;' : fallback();
    const kw = this.keyword();
    return kw !== null && until.keywords.has(kw) ? kw : null;
  }

  /** The reserved word standing here as a whole word (`fi`, `{`, `}`), else null. */
  private keyword(): string | null {
    let j = this.i;
    const c = this.src[j];
    if (c === '{' || c === '}' || c === '!') j++;
    else while (j < this.src.length && this.src.charCodeAt(j) >= 97 && this.src.charCodeAt(j) <= 122) j++; // a-z
    if (j === this.i || !KEYWORD_END.has(this.src[j])) return null;
    const word = this.src.slice(this.i, j);
    return RESERVED.has(word) ? word : null;
  }

  private expectKeyword(word: string): void {
    if (this.keyword() !== word) fallback();
    this.i += word.length;
  }

  private andOr(): void {
    this.pipeline();
    for (;;) {
      this.skip(false);
      if (!this.src.startsWith('&&', this.i) && !this.src.startsWith('||', this.i)) return;
      this.i += 2;
      this.skip(true);
      this.pipeline();
    }
  }

  private pipeline(): void {
    if (this.keyword() === '!') {
      this.i++;
      this.skip(false);
      if (this.keyword() === '!') fallback();
    }
    const starts = [this.out.commands.length];
    this.statement();
    for (;;) {
      this.skip(false);
      if (this.src[this.i] !== '|' || this.src[this.i + 1] === '|') break;
      if (this.src[this.i + 1] === '&') fallback(); // |&
      this.i++;
      this.skip(true);
      starts.push(this.out.commands.length);
      this.statement();
    }
    if (starts.length === 1) return;
    // mvdan-sh's pipe ranges then reach the end of the here-document's body, over the commands after it on its line.
    if (this.heredocs.length) fallback();
    // Every command inside a side of the pipe, nested ones too, is in a pipe; all but the last side's pipe out.
    this.out.pipes += starts.length - 1;
    const all = this.out.commands;
    for (let k = 0; k < starts.length; k++) {
      const last = k === starts.length - 1;
      for (let n = starts[k]!; n < (last ? all.length : starts[k + 1]!); n++) {
        all[n]!.inPipe = true;
        if (!last) all[n]!.pipesOut = true;
      }
    }
  }

  /** A command, simple or compound, with the redirections of a compound one. */
  private statement(): void {
    const c = this.src[this.i];
    if (c === '(') {
      if (this.src[this.i + 1] === '(') fallback(); // arithmetic
      this.i++;
      this.subshell();
      this.i++; // )
      this.trailingRedirects();
      return;
    }
    const kw = this.keyword();
    if (kw === 'if') this.ifClause();
    else if (kw === 'for') this.forClause();
    else if (kw === 'while' || kw === 'until') this.whileClause(kw);
    else if (kw === 'case') this.caseClause();
    else if (kw === '{') {
      this.i++;
      this.list(BRACE);
      this.i++; // }
    } else if (kw !== null && DECLARATIONS.has(kw)) {
      this.declaration(kw);
      return;
    } else {
      this.command();
      return;
    }
    this.trailingRedirects();
  }

  /** Statements up to `)`, every command of them in a subshell (the `(` is consumed, the `)` is not). */
  private subshell(): void {
    const from = this.out.commands.length;
    this.list(PAREN);
    for (let n = from; n < this.out.commands.length; n++) this.out.commands[n]!.inSubshell = true;
  }

  private ifClause(): void {
    this.expectKeyword('if');
    for (;;) {
      this.list(THEN);
      this.expectKeyword('then');
      const kw = this.list(AFTER_THEN);
      if (kw === 'elif') {
        this.expectKeyword('elif');
        continue;
      }
      if (kw === 'else') {
        this.expectKeyword('else');
        this.list(FI);
      }
      break;
    }
    this.expectKeyword('fi');
  }

  private forClause(): void {
    this.expectKeyword('for');
    this.skip(false);
    this.name();
    this.skip(false);
    this.expectKeyword('in');
    for (;;) {
      this.skip(false);
      const c = this.src[this.i];
      if (c === ';' && this.src[this.i + 1] !== ';' && this.src[this.i + 1] !== '&') {
        this.i++;
        break;
      }
      if (c === '\n') break;
      if (c === undefined || c === '#' || SPECIAL.has(c) && c !== '"' && c !== "'" && c !== '$' && c !== '\\') fallback();
      if (this.keyword() !== null) fallback(); // `for x in a do` reads `do` as an item in bash: leave it to mvdan-sh
      this.wordWithCommands();
    }
    this.skip(true);
    this.expectKeyword('do');
    this.list(DONE);
    this.expectKeyword('done');
  }

  private whileClause(kw: string): void {
    this.expectKeyword(kw);
    this.list(DO);
    this.expectKeyword('do');
    this.list(DONE);
    this.expectKeyword('done');
  }

  private caseClause(): void {
    this.expectKeyword('case');
    this.skip(false);
    this.wordWithCommands();
    this.skip(false);
    this.expectKeyword('in');
    this.skip(true);
    for (;;) {
      if (this.keyword() === 'esac') break;
      if (this.src[this.i] === '(') this.i++;
      for (;;) {
        this.skip(false);
        const c = this.src[this.i];
        if (c === undefined || c === '#' || c === ')' || c === '|' || c === '(' || c === '\n' || c === ';' || c === '&' || c === '<' || c === '>') fallback();
        this.wordWithCommands();
        this.skip(false);
        if (this.src[this.i] === '|') this.i++;
        else if (this.src[this.i] === ')') break;
        else fallback();
      }
      this.i++; // )
      const ended = this.list(CASE_ITEM);
      if (ended === 'esac') break;
      this.i += 2; // ;;
      this.skip(true);
    }
    this.expectKeyword('esac');
  }

  /** `export A=1 B`, `local X=$(…)`: one command named after the declaration, as shell.ts makes of mvdan-sh's DeclClause. */
  private declaration(kw: string): void {
    const at = this.out.commands.length;
    const start = this.i;
    this.i += kw.length;
    let end = this.base + this.i;
    const assigns: { name: string; value: string | null }[] = [];
    for (;;) {
      this.skip(false);
      const c = this.src[this.i];
      if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')' || c === '#') break;
      if (c === '<' || c === '>' || /[0-9]/.test(c)) fallback(); // redirections, `declare 1`
      const w = this.word();
      if (this.assignable) assigns.push({ name: w.text.slice(0, w.text.indexOf('=')), value: this.assignValue });
      else if (NAME.test(w.text)) assigns.push({ name: w.text, value: null });
      else fallback(); // options (`-x`), quoted names
      end = w.end;
    }
    const words = [{ value: kw, text: kw, start: this.base + start, end: this.base + start + kw.length }];
    const argv = [kw];
    for (const a of assigns) argv.push(a.value === null ? a.name : `${a.name}=${a.value}`);
    this.insert(at, kw, kw, words, argv, assigns, this.base + start, end);
  }

  /** A simple command; the commands of its `$(…)` words come after it. */
  private command(): void {
    const at = this.out.commands.length;
    const words: ShellWord[] = [];
    const argv: string[] = [];
    const assigns: { name: string; value: string | null }[] = [];
    let start = -1;
    let end = -1;
    for (;;) {
      this.skip(false);
      const c = this.src[this.i];
      if (this.redirect()) continue; // not a word: mvdan-sh keeps redirections out of the command's words and span
      if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      const w = this.word();
      if (start < 0) start = w.start;
      end = w.end;
      if (words.length === 0 && this.assignable) {
        assigns.push({ name: w.text.slice(0, w.text.indexOf('=')), value: this.assignValue });
        continue;
      }
      if (words.length === 0 && RESERVED.has(w.text)) fallback();
      words.push(w);
      argv.push(w.value ?? w.text);
    }
    if (start < 0) fallback(); // an empty command: `;;`, `| |`, a leading `&&`
    const name = words[0]?.value ?? '';
    this.insert(at, name, name.slice(name.lastIndexOf('/') + 1), words, argv, assigns, start, end);
  }

  /** Puts a command at `at` (before the commands of its `$(…)` words); pipes and subshells are marked later. */
  private insert(at: number, name: string, program: string, words: ShellWord[], argv: string[], assigns: ShellCommand['assigns'], start: number, end: number): void {
    // One literal, one shape for every command; most go at the end (no `$(…)` in their words).
    const cmd: ShellCommand = { name, program, words, argv, assigns, start, end, inPipe: false, pipesOut: false, inSubshell: false, viaShell: this.viaShell };
    if (at === this.out.commands.length) this.out.commands.push(cmd);
    else this.out.commands.splice(at, 0, cmd);
  }

  /** Redirections after a compound command (`{ …; } > f`, `done < list`). */
  private trailingRedirects(): void {
    for (;;) {
      this.skip(false);
      if (!this.redirect()) return;
    }
  }

  /**
   * A redirection where a word could start — `>f`, `>> f`, `2>&1`, `<in`, `&>log`, `1>&2` — consumed with
   * its target word; false when there is none. Here-documents, here-strings, `<>`, `>|` and process
   * substitution are left to mvdan-sh, and so are targets with `$(…)` (mvdan-sh's walk meets them after the command).
   */
  private redirect(): boolean {
    const first = this.src.charCodeAt(this.i);
    if (first !== 60 /* < */ && first !== 62 /* > */ && first !== 38 /* & */ && !(first >= 48 && first <= 57)) return false;
    if (this.heredoc()) return true;
    const m = /^(?:[0-9]*(?:>>|>&|<&|>|<)|&>>|&>)/.exec(this.src.slice(this.i, this.i + 24));
    if (!m) return false;
    const after = this.src[this.i + m[0].length];
    if (after === '<' || after === '>' || after === '|' || after === '(' || after === '&') fallback();
    this.i += m[0].length;
    this.skip(false);
    const c = this.src[this.i];
    if (c === undefined || c === '\n' || c === ';' || c === '&' || c === '|' || c === '#' || c === '<' || c === '>' || c === ')') fallback(); // no target
    const commands = this.out.commands.length;
    this.word();
    if (this.out.commands.length !== commands) fallback();
    return true;
  }

  /**
   * `<<EOF`, `<<-EOF`, `<<'EOF'` or `<<"EOF"` (a plain name as delimiter): consumed, its body skipped at
   * the next newline (see expansions() for what an unquoted body may hold). Any other delimiter is left
   * to mvdan-sh.
   */
  private heredoc(): boolean {
    const m = /^[0-9]*<<(-?)[ \t]*(?:([A-Za-z0-9_]+)|'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)")/.exec(this.src.slice(this.i, this.i + 80));
    if (!m) return false;
    const after = this.src[this.i + m[0].length];
    if (after !== ' ' && after !== '\t' && after !== '\n') fallback(); // `<<EOF;`, `<<E"O"F`, `<<<`, the end of the script
    this.heredocs.push({ delimiter: m[2] ?? m[3] ?? m[4]!, stripTabs: m[1] === '-', literal: m[2] === undefined });
    this.i += m[0].length;
    return true;
  }

  /** Consumes a newline, and the bodies of the here-documents opened on the line it ends. */
  private newline(): void {
    this.i++;
    for (const h of this.heredocs) {
      for (;;) {
        if (this.i >= this.src.length) fallback(); // no closing delimiter
        const from = this.i;
        const nl = this.src.indexOf('\n', from);
        const end = nl < 0 ? this.src.length : nl;
        const line = h.stripTabs ? this.src.slice(from, end).replace(/^\t+/, '') : this.src.slice(from, end);
        if (!h.literal && line !== h.delimiter) this.expansions(from, end);
        this.i = nl < 0 ? end : nl + 1;
        if (line === h.delimiter) break;
      }
    }
    this.heredocs = [];
  }

  /**
   * The parameters in src[from, to), a line of a here-document body that expands them: checked as
   * mvdan-sh reads them (it rejects a bad `${…}` there too). Commands (`$(…)`, backquotes) and a line
   * joined to the next (`\` at its end) are left to mvdan-sh.
   */
  private expansions(from: number, to: number): void {
    const at = this.i;
    for (let j = from; j < to; ) {
      const c = this.src[j];
      if (c === '`') fallback();
      if (c === '\\') {
        if (j + 1 >= to) fallback();
        j += 2;
      } else if (c === '$') {
        if (this.src[j + 1] === '(') fallback();
        this.i = j;
        this.dollar();
        if (this.i > to) fallback();
        j = this.i;
      } else {
        j++;
      }
    }
    this.i = at;
  }

  /** A word whose `$(…)` commands stand in the tree where they are met (for items, case words and patterns). */
  private wordWithCommands(): void {
    this.word();
  }

  /**
   * One word: literal runs, '…', "…", $NAME, ${NAME…} and $(…), side by side; its offsets in the file.
   * Sets `assignable` and `assignValue`.
   */
  private word(): ShellWord {
    const start = this.i;
    let value: string | null = '';
    let assignable = false;
    let afterEquals: number | null = null; // where the value part starts, in `value`
    let dynamicAfterEquals = false;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
      // Each part's value is added to the word's (null: dynamic, and the word's value is null from then on).
      let part: string | null;
      if (c === "'") {
        const close = this.src.indexOf("'", this.i + 1);
        if (close < 0) fallback();
        part = this.src.slice(this.i + 1, close);
        this.i = close + 1;
      } else if (c === '"') {
        part = this.doubleQuoted();
      } else if (c === '$') {
        this.dollar();
        part = null;
      } else if (c === '(' || c === '<' || c === '>' || c === '`') {
        part = fallback();
      } else {
        // mvdan-sh reads `#` right after a quote or an expansion as a comment (bash does not): leave it be.
        if (c === '#' && this.i > start) fallback();
        // An unquoted literal run; `\x` keeps both characters here, as mvdan-sh's Lit does.
        const from = this.i;
        while (this.i < this.src.length) {
          const d = this.src.charCodeAt(this.i);
          if (d === 92 /* \\ */) {
            const next = this.src[this.i + 1];
            if (next === undefined || next === '\n') fallback(); // a line continuation or a trailing backslash
            this.i += 2;
            continue;
          }
          if (d < 128 && SPECIAL_CODE[d]) break;
          this.i++;
        }
        const raw = this.src.slice(from, this.i);
        if (from === start && ASSIGN.test(raw)) {
          if (/^[A-Za-z_][A-Za-z0-9_]*=\(/.test(this.src.slice(from, this.i + 1))) fallback(); // an array
          assignable = true;
          afterEquals = raw.indexOf('=') + 1;
          if (value !== null) value += raw.slice(0, afterEquals) + literalValue(raw.slice(afterEquals));
          continue;
        }
        if (from === start && NAME_START.test(raw[0] ?? '') && /^[A-Za-z_][A-Za-z0-9_]*(\+=|\[)/.test(raw + this.src.slice(this.i, this.i + 2))) fallback();
        part = literalValue(raw);
      }
      if (part === null) {
        value = null;
        if (afterEquals !== null) dynamicAfterEquals = true;
      } else if (value !== null) value += part;
    }
    if (this.i === start) fallback(); // no word here (`a ))`)
    const text = this.src.slice(start, this.i);
    let assignValue: string | null = null;
    if (assignable) {
      const eq = text.indexOf('=');
      assignValue = dynamicAfterEquals ? null : text.length === eq + 1 ? '' : (value as string | null)?.slice(afterEquals!) ?? null;
    }
    this.assignable = assignable;
    this.assignValue = assignValue;
    return { value, text, start: this.base + start, end: this.base + this.i };
  }

  /** "…" with literal text, parameters and $(…); the value, or null when it expands anything. */
  private doubleQuoted(): string | null {
    this.i++; // the opening quote
    let value: string | null = '';
    let from = this.i;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) fallback();
      if (c === '"') {
        if (value !== null) value += literalValue(this.src.slice(from, this.i));
        this.i++;
        return value;
      }
      if (c === '\\') {
        if (this.src[this.i + 1] === undefined || this.src[this.i + 1] === '\n') fallback();
        this.i += 2;
      } else if (c === '`') {
        fallback();
      } else if (c === '$') {
        this.dollar();
        value = null;
        from = this.i;
      } else {
        this.i++;
      }
    }
  }

  /** `$NAME`, `$1`, `${NAME}`, `${#NAME}`, `${NAME<op>word}` or `$(…)`; anything else after `$` is left to mvdan-sh. */
  private dollar(): void {
    this.i++; // $
    const c = this.src[this.i];
    if (c === '(') {
      if (this.src[this.i + 1] === '(') fallback(); // arithmetic
      this.i++;
      this.subshell();
      this.i++; // )
    } else if (c === '{') {
      this.i++;
      if (this.src[this.i] === '#' && NAME_START.test(this.src[this.i + 1] ?? '')) {
        this.i++;
        this.name();
        if (this.src[this.i] !== '}') fallback();
      } else {
        if (/[0-9]/.test(this.src[this.i] ?? '')) while (/[0-9]/.test(this.src[this.i] ?? '')) this.i++; // ${1:-x}
        else this.name();
        if (this.src[this.i] !== '}') {
          const op = PARAM_OP.exec(this.src.slice(this.i, this.i + 2));
          if (!op) fallback();
          this.i += op![0].length;
          this.operand();
        }
      }
      this.i++; // }
    } else if (c !== undefined && SPECIAL_PARAMS.has(c)) {
      this.i++;
    } else {
      this.name();
    }
  }

  /** The word of `${NAME<op>word}` up to its `}` (not consumed): literal text and parameters only. */
  private operand(): void {
    if (++this.depth > MAX_DEPTH) fallback();
    for (;;) {
      const c = this.src[this.i];
      if (c === '}') {
        this.depth--;
        return;
      }
      if (c === '\\') {
        const next = this.src[this.i + 1];
        if (next === undefined || next === '\n') fallback();
        this.i += 2;
      } else if (c === '$') {
        if (this.src[this.i + 1] === '(') fallback(); // commands inside a parameter: rare, left to mvdan-sh
        this.dollar();
      } else if (c === undefined || c === "'" || c === '"' || c === '`' || c === '{' || c === '\n') {
        fallback(); // quotes mean different things inside and outside "…"; mvdan-sh knows
      } else {
        this.i++;
      }
    }
  }

  private name(): void {
    if (!NAME_START.test(this.src[this.i] ?? '')) fallback();
    while (NAME_CHAR.test(this.src[this.i] ?? '')) this.i++;
  }

  /**
   * Blanks and a comment (called only where a word could start, so `#` starts one); line breaks too when
   * `newlines` (after an operator, or between commands).
   */
  private skip(newlines: boolean): void {
    for (;;) {
      const c = this.src[this.i];
      if (c === ' ' || c === '\t') this.i++;
      else if (newlines && c === '\n') this.newline();
      else if (c === '\\' && this.src[this.i + 1] === '\n') this.i += 2; // a line continuation between words (in a word: mvdan-sh)
      else if (c === '#') {
        const nl = this.src.indexOf('\n', this.i);
        if (nl > 0 && this.src[nl - 1] === '\\') fallback(); // mvdan-sh continues a comment over `\` and the newline
        this.i = nl < 0 ? this.src.length : nl;
      } else return;
    }
  }
}

/** What shell.ts makes of a mvdan-sh literal: each backslash escape gives the character after it. */
function literalValue(raw: string): string {
  return !raw.includes('\\') ? raw : raw.replace(/\\(.)/g, '$1');
}
