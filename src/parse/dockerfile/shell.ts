// The shell of a RUN, parsed by mvdan/sh (the Go shell parser behind shfmt, compiled to JS),
// flattened into the simple commands it runs. Rules ask "which commands, with which words",
// never match regular expressions against the raw text.

import { requireWithCodeCache } from '../../util/code-cache.js';

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

/** Parses `source` (whose first character sits at `base` in the file). Never throws. */
export function parseShell(source: string, base: number, viaShell = false): ShellScript {
  const syntax = shSyntax();
  const toChar = byteToCharMapper(source);
  const at = (pos: any): number => base + toChar(pos.Offset());
  let file: any;
  try {
    file = parser.Parse(source, '');
  } catch (e: any) {
    const text = typeof e?.Text === 'string' ? e.Text : String(e?.Error?.() ?? e);
    const start = e?.Pos ? at(e.Pos) : base;
    return { commands: [], pipes: 0, error: { message: text, start } };
  }
  const script: ShellScript = { commands: [], pipes: 0, error: null };
  // GopherJS hands out fresh wrapper objects, so nodes are matched by their ranges, not identity.
  // Walk is pre-order: a pipeline or subshell is seen before the commands inside it.
  const pipeRanges: [number, number][] = [];
  const subshellRanges: [number, number][] = [];
  const rangeOf = (node: any): [number, number] => [toChar(node.Pos().Offset()), toChar(node.End().Offset())];
  const within = (ranges: [number, number][], s: number, e: number) => ranges.some(([a, b]) => s >= a && e <= b);
  syntax.Walk(file, (node: any) => {
    if (!node) return true;
    const type = syntax.NodeType(node);
    if (type === 'BinaryCmd') {
      const op = source.slice(toChar(node.OpPos.Offset()), toChar(node.OpPos.Offset()) + 2);
      if (op.startsWith('|') && op !== '||') {
        script.pipes++;
        pipeRanges.push(rangeOf(node));
      }
    } else if (type === 'Subshell' || type === 'CmdSubst' || type === 'ProcSubst') {
      subshellRanges.push(rangeOf(node));
    } else if (type === 'DeclClause') {
      // `export A=1`, `declare`, `local`, `readonly`: a command whose assignments set the environment.
      const [s, e] = rangeOf(node);
      const name = node.Variant ? String(node.Variant.Value) : 'export';
      const assigns = node.Args.filter((a: any) => a.Name).map((a: any) => ({
        name: String(a.Name.Value),
        value: a.Value ? wordValue(syntax, a.Value) : a.Naked ? null : '',
      }));
      script.commands.push({
        name,
        program: name,
        words: [{ value: name, text: name, start: base + s, end: base + s + name.length }],
        argv: [name, ...assigns.map((a: { name: string; value: string | null }) => (a.value === null ? a.name : `${a.name}=${a.value}`))],
        assigns,
        start: base + s,
        end: base + e,
        inPipe: within(pipeRanges, s, e),
        inSubshell: within(subshellRanges, s, e),
        viaShell,
      });
    } else if (type === 'CallExpr') {
      const [s, e] = rangeOf(node);
      const words: ShellWord[] = node.Args.map((w: any) => wordOf(syntax, w, source, toChar, base));
      const assigns = node.Assigns.map((a: any) => ({
        name: a.Name ? a.Name.Value : '',
        value: a.Value ? wordValue(syntax, a.Value) : '',
      }));
      if (words.length === 0 && assigns.length === 0) return true;
      const name = words[0]?.value ?? '';
      const command: ShellCommand = {
        name,
        program: name.slice(name.lastIndexOf('/') + 1),
        words,
        argv: words.map((w) => w.value ?? w.text),
        assigns,
        start: at(node.Pos()),
        end: at(node.End()),
        inPipe: within(pipeRanges, s, e),
        inSubshell: within(subshellRanges, s, e),
        viaShell,
      };
      script.commands.push(command);
      const nested = nestedScript(command);
      if (nested) {
        const inner = parseShell(nested.source, nested.start, true);
        script.commands.push(...inner.commands);
        script.pipes += inner.pipes;
      }
    }
    return true;
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

function wordOf(syntax: any, w: any, source: string, toChar: (b: number) => number, base: number): ShellWord {
  const s = toChar(w.Pos().Offset());
  const e = toChar(w.End().Offset());
  return { value: wordValue(syntax, w), text: source.slice(s, e), start: base + s, end: base + e };
}

/** The word after quote removal, or null when any part is expanded at run time. */
function wordValue(syntax: any, word: any): string | null {
  let out = '';
  for (const part of word.Parts) {
    const v = partValue(syntax, part);
    if (v === null) return null;
    out += v;
  }
  return out;
}

function partValue(syntax: any, part: any): string | null {
  switch (syntax.NodeType(part)) {
    case 'Lit':
      return String(part.Value).replace(/\\(.)/g, '$1');
    case 'SglQuoted':
      return String(part.Value);
    case 'DblQuoted': {
      let out = '';
      for (const p of part.Parts) {
        const v = partValue(syntax, p);
        if (v === null) return null;
        out += v;
      }
      return out;
    }
    default:
      return null;
  }
}
