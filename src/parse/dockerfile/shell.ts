// The shell of a RUN, parsed by mvdan/sh (the Go shell parser behind shfmt, compiled to JS),
// flattened into the simple commands it runs. Rules ask "which commands, with which words",
// never match regular expressions against the raw text.

import { requireWithCodeCache } from '../../util/code-cache.js';
import { parseSimpleShell } from './shell-simple.js';

/** One word of a command after quote removal; `value` is null when it is dynamic ($X, $(..)). */
export interface ShellWord {
  value: string | null;
  text: string;
  start: number;
  end: number;
}

export interface ShellCommand {
  /** The program as written (`apt-get`, `/usr/bin/pip`), '' when dynamic. */
  name: string;
  /** The program's base name (`pip` for `/usr/bin/pip`). */
  program: string;
  /** argv, program first. */
  words: ShellWord[];
  /** Literal values of `words` (dynamic words keep their source text). */
  argv: string[];
  /** `NAME=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get ...`). */
  assigns: { name: string; value: string | null }[];
  start: number;
  end: number;
  /** Part of a pipeline (`a | b`). */
  inPipe: boolean;
  /** Its output goes into the next command of a pipeline (`a` in `a | b`): its failure is what pipefail reports. */
  pipesOut: boolean;
  /** Inside a subshell or command substitution: `( cd x && make )`, `$(cd x && pwd)`. */
  inSubshell: boolean;
  /** Reached through `sh -c '...'`. */
  viaShell: boolean;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Number of `|` or `|&` operators. */
  pipes: number;
  /** A syntax error the shell would also reject, with its offset. */
  error: { message: string; start: number } | null;
}

export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

// mvdan-sh is a 1.5 MB GopherJS bundle: load it on first use only.
let syntaxModule: any = null;
let parser: any = null;
function shSyntax(): any {
  if (!syntaxModule) {
    syntaxModule = requireWithCodeCache('mvdan-sh', import.meta.url).syntax;
    parser = syntaxModule.NewParser(syntaxModule.Variant(syntaxModule.LangBash));
  }
  return syntaxModule;
}

/** Maps mvdan's UTF-8 byte offsets back to UTF-16 offsets of `source`. */
function byteToCharMapper(source: string): (byteOffset: number) => number {
  if (!/[^\x00-\x7f]/.test(source)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const code = source.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (code >= 0x10000) i++;
  }
  return (b) => (b >= map.length ? source.length : map[b]!);
}

// mvdan-sh's JavaScript API wraps every Go value in a new JS object on each access (syntax.Walk and
// node.Pos().Offset() cost ~1 ms per RUN). The tree is walked on GopherJS's internal Go objects
// instead: `constructor.string` is the Go type ("*syntax.CallExpr"), slices are {$array, $offset,
// $length}, positions are {offs} in UTF-8 bytes. mvdan-sh is pinned, as these are its internals.

/** A Go nil pointer is a sentinel object whose fields throw when read. */
function isNil(x: any): boolean {
  return !x || typeof x !== 'object' || (x.constructor !== undefined && x === x.constructor.nil);
}

/** Go strings are UTF-8 bytes, one per JS char: decode to a JS string. */
function goString(s: unknown): string {
  const str = String(s);
  return /[^\x00-\x7f]/.test(str) ? Buffer.from(str, 'latin1').toString('utf8') : str;
}

/** A Go slice's elements. */
function items(slice: any): any[] {
  if (!slice || !slice.$array) return [];
  const out = [];
  for (let i = 0; i < slice.$length; i++) out.push(slice.$array[slice.$offset + i]);
  return out;
}

/** The syntax node type ("CallExpr") of an internal Go object, or null for anything else. */
function nodeType(node: any): string | null {
  if (isNil(node)) return null;
  const t: unknown = node.constructor?.string;
  return typeof t === 'string' && t.startsWith('*syntax.') ? t.slice(8) : null;
}

/** Pre-order walk over every syntax node below `node`; a loop, not recursion: `a && b && …` 2,000 deep nests as deep. */
function walk(root: any, visit: (type: string, node: any) => void): void {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    const type = nodeType(node);
    if (!type) continue;
    visit(type, node);
    const children: any[] = [];
    for (const key of Object.keys(node)) {
      if (key === '$val') continue;
      const v = node[key];
      if (isNil(v)) continue;
      if (v.$array) {
        for (const el of items(v)) if (!isNil(el)) children.push(el);
      } else {
        children.push(v);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Past this many commands (`;`, `&&`, `|`, newlines) a RUN is not parsed: its time and memory would have no bound. */
export const MAX_SHELL_COMMANDS = 5_000;

/** A cheap upper bound of the commands in `source` (operators and line breaks, quotes ignored). */
export function roughCommandCount(source: string): number {
  let n = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 59 /* ; */ || c === 124 /* | */ || c === 38 /* & */ || c === 10) n++;
  }
  return n;
}

/** SLIPWAY_SHELL_PARSER=mvdan turns the simple-script parser off (to measure it, or rule it out). */
let simpleParserOn = process.env.SLIPWAY_SHELL_PARSER !== 'mvdan';

/** For the differential test and the benchmark: every script through mvdan-sh when false. */
export function useSimpleShellParser(on: boolean): void {
  simpleParserOn = on;
}

/** Parses `source` (whose first character sits at `base` in the file). Never throws. */
export function parseShell(source: string, base: number, viaShell = false): ShellScript {
  // Too many to check: no commands, no error (the file-level limit reports it, src/project/limits.ts).
  if (roughCommandCount(source) > MAX_SHELL_COMMANDS * 2) return { commands: [], pipes: 0, error: null };
  const simple = simpleParserOn ? parseSimpleShell(source, base, viaShell) : null;
  if (!simple) return parseShellWithMvdan(source, base, viaShell);
  const script: ShellScript = { commands: [], pipes: simple.pipes, error: null };
  for (const command of simple.commands) withNested(script, command, parseShell);
  return script;
}

/** Adds `command`, then the commands of its `sh -c '…'` script, as the tree walk meets them. */
function withNested(script: ShellScript, command: ShellCommand, parse: typeof parseShell): void {
  script.commands.push(command);
  const nested = nestedScript(command);
  if (nested) {
    const inner = parse(nested.source, nested.start, true);
    script.commands.push(...inner.commands);
    script.pipes += inner.pipes;
  }
}

/** parseShell through mvdan-sh alone: what the simple parser is compared with. */
export function parseShellWithMvdan(source: string, base: number, viaShell = false): ShellScript {
  if (roughCommandCount(source) > MAX_SHELL_COMMANDS * 2) return { commands: [], pipes: 0, error: null };
  shSyntax();
  const toChar = byteToCharMapper(source);
  let file: any;
  try {
    file = parser.Parse(source, '').__internal_object__;
  } catch (e: any) {
    const text = typeof e?.Text === 'string' ? e.Text : String(e?.Error?.() ?? e);
    let start = base;
    try {
      if (e?.Pos) start = base + toChar(e.Pos.Offset());
    } catch {
      // keep the start of the script
    }
    return { commands: [], pipes: 0, error: { message: text, start } };
  }
  const script: ShellScript = { commands: [], pipes: 0, error: null };
  // Pre-order: a pipeline or subshell is seen before the commands inside it.
  const pipeRanges: [number, number][] = [];
  const pipeLeftRanges: [number, number][] = [];
  const subshellRanges: [number, number][] = [];
  const rangeOf = (node: any): [number, number] => [toChar(node.Pos().offs), toChar(node.End().offs)];
  const within = (ranges: [number, number][], s: number, e: number) => ranges.some(([a, b]) => s >= a && e <= b);
  /** Where a command stands: its file offsets and the pipeline or subshell around it. */
  const placed = (node: any) => {
    const [s, e] = rangeOf(node);
    return { start: base + s, end: base + e, inPipe: within(pipeRanges, s, e), pipesOut: within(pipeLeftRanges, s, e), inSubshell: within(subshellRanges, s, e), viaShell };
  };
  walk(file, (type, node) => {
    if (type === 'BinaryCmd') {
      const at = toChar(node.OpPos.offs);
      const op = source.slice(at, at + 2);
      if (op.startsWith('|') && op !== '||') {
        script.pipes++;
        pipeRanges.push(rangeOf(node));
        pipeLeftRanges.push(rangeOf(node.X));
      }
    } else if (type === 'Subshell' || type === 'CmdSubst' || type === 'ProcSubst') {
      subshellRanges.push(rangeOf(node));
    } else if (type === 'DeclClause') {
      // `export A=1`, `declare`, `local`, `readonly`: a command whose assignments set the environment.
      const where = placed(node);
      const name = isNil(node.Variant) ? 'export' : goString(node.Variant.Value);
      const assigns = items(node.Args)
        .filter((a: any) => !isNil(a) && !isNil(a.Name))
        .map((a: any) => ({ name: goString(a.Name.Value), value: !isNil(a.Value) ? wordValue(a.Value) : a.Naked ? null : '' }));
      script.commands.push({
        name,
        program: name,
        words: [{ value: name, text: name, start: where.start, end: where.start + name.length }],
        argv: [name, ...assigns.map((a) => (a.value === null ? a.name : `${a.name}=${a.value}`))],
        assigns,
        ...where,
      });
    } else if (type === 'CallExpr') {
      const words: ShellWord[] = items(node.Args).map((w: any) => wordOf(w, source, toChar, base));
      const assigns = items(node.Assigns).map((a: any) => ({
        name: isNil(a.Name) ? '' : goString(a.Name.Value),
        value: isNil(a.Value) ? '' : wordValue(a.Value),
      }));
      if (words.length === 0 && assigns.length === 0) return;
      const name = words[0]?.value ?? '';
      const command: ShellCommand = {
        name,
        program: name.slice(name.lastIndexOf('/') + 1),
        words,
        argv: words.map((w) => w.value ?? w.text),
        assigns,
        ...placed(node),
      };
      withNested(script, command, parseShellWithMvdan);
    }
  });
  return script;
}

/** `sh -c 'script'`: the script, when it is literal. */
function nestedScript(command: ShellCommand): { source: string; start: number } | null {
  if (!SHELLS.has(command.program)) return null;
  const c = command.words.findIndex((w, i) => i > 0 && w.value !== null && /^-[a-z]*c[a-z]*$/.test(w.value));
  const script = c > 0 ? command.words[c + 1] : undefined;
  if (!script || script.value === null) return null;
  const quoted = script.text.startsWith("'") || script.text.startsWith('"');
  return { source: script.value, start: script.start + (quoted ? 1 : 0) };
}

function wordOf(w: any, source: string, toChar: (b: number) => number, base: number): ShellWord {
  const s = toChar(w.Pos().offs);
  const e = toChar(w.End().offs);
  return { value: wordValue(w), text: source.slice(s, e), start: base + s, end: base + e };
}

/** The word after quote removal, or null when any part is expanded at run time. */
function wordValue(word: any): string | null {
  return partsValue(word.Parts);
}

function partsValue(parts: any): string | null {
  let out = '';
  for (const part of items(parts)) {
    const v = partValue(part);
    if (v === null) return null;
    out += v;
  }
  return out;
}

function unescapeLit(lit: string): string {
  return lit.includes('\\') ? lit.replace(/\\(.)/g, '$1') : lit;
}

function partValue(part: any): string | null {
  switch (nodeType(part)) {
    case 'Lit':
      return unescapeLit(goString(part.Value));
    case 'SglQuoted':
      return goString(part.Value);
    case 'DblQuoted':
      return partsValue(part.Parts);
    default:
      return null;
  }
}
