// Builds the typed Dockerfile (model.ts) from dockerfile-ast, the parser behind VS Code's and
// Docker's own language servers: it knows heredocs, flags, directives and escapes.

import { familiarPath, parseImageRef } from '../../docker/ref.js';
import type { Instruction as AstInstruction } from 'dockerfile-ast';

type AstRange = { start: { line: number; character: number }; end: { line: number; character: number } };
import { LineIndex } from '../text.js';
import type {
  Comment,
  Directive,
  Dockerfile,
  Flag,
  Heredoc,
  ImageRef,
  Instruction,
  Property,
  Stage,
  Token,
} from './model.js';
import { parseShell, SHELLS, type ShellScript } from './shell.js';
import { isNonPosixShell, shellFor } from './shell-in-effect.js';
import { substitute, globalArgValues } from './variables.js';
import { keptArguments, memoiseAst, parseAst } from './ast-memo.js';
import { linearAst } from './ast-linear.js';

memoiseAst();
linearAst();

export function parseDockerfile(text: string, path: string): Dockerfile {
  // Docker breaks lines at \n only; dockerfile-ast also at a lone \r, which would shift every position
  // after one (and a fix would land on the wrong bytes). A lone \r is shown to it as a space: same offsets.
  const ast = parseAst(text.includes('\r') ? text.replace(/\r(?!\n)/g, ' ') : text);
  const lines = new LineIndex(text);
  const escapeChar = ast.getEscapeCharacter();

  const directives: Directive[] = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    line: d.getRange().start.line + 1,
  }));
  const comments: Comment[] = ast.getComments().map((c) => ({
    text: c.getContent() ?? '',
    line: c.getRange().start.line + 1,
    start: offsetOf(lines, c.getRange().start),
    end: offsetOf(lines, c.getRange().end),
  }));

  const df: Dockerfile = {
    path,
    text,
    lines,
    escapeChar,
    directives,
    comments,
    instructions: [],
    globalArgs: [],
    stages: [],
    shipped: null,
  };

  // No closure here or in buildInstruction holds the model: V8 keeps a function that it is optimizing on
  // another thread (and so its closure's variables) until that ends, and a check drops each model once its
  // rules ran (engine-release.test.ts saw one model kept past its release when that thread lagged).
  let stage: Stage | null = null;
  const astInstructions = ast.getInstructions();
  for (let index = 0; index < astInstructions.length; index++) {
    const ai = astInstructions[index]!;
    const keyword = ai.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const s: Stage = {
        index: df.stages.length,
        name: null,
        from: null as unknown as Instruction,
        image: null as unknown as ImageRef,
        instructions: [],
        shipped: false,
        dependsOn: new Set(),
      };
      stage = s;
      df.stages.push(s);
      const inst = buildInstruction(ai, index, s, df);
      s.from = inst;
      const as = inst.args[1];
      if (as && as.value.toLowerCase() === 'as' && inst.args[2]) s.name = inst.args[2].value;
      s.image = imageRef(inst.args[0]?.value ?? '', df);
    }
    const inst = keyword === 'FROM' ? stage!.from : buildInstruction(ai, index, stage, df);
    df.instructions.push(inst);
    if (stage) stage.instructions.push(inst);
    else if (keyword === 'ARG') df.globalArgs.push(inst);
  }

  linkStages(df);
  df.shipped = df.stages.at(-1) ?? null;
  if (df.shipped) df.shipped.shipped = true;
  return df;
}

function buildInstruction(
  ai: AstInstruction,
  index: number,
  stage: Stage | null,
  df: Dockerfile,
): Instruction {
  // What the callbacks below read, taken from the model first: they must not hold it (see parseDockerfile).
  const { lines, text, escapeChar } = df;
  const offset = (r: { line: number; character: number }): number => offsetOf(lines, r);
  const range = ai.getRange();
  const start = offset(range.start);
  let end = offset(range.end);
  while (end > start && df.text.charCodeAt(end - 1) === 13) end--; // `\r\r\n`: the \r are the line end's, not the instruction's
  const keywordRange = ai.getInstructionRange();
  const keywordEnd = offset(keywordRange.end);
  const anyAi = ai as any;

  // getFlags is kept on the instruction by dockerfile-ast; only ADD, COPY, RUN, FROM, CMD… have flags.
  const astFlags: any[] = typeof anyAi.getFlags === 'function' ? anyAi.getFlags() : [];
  const flags: Flag[] = astFlags.map((f: any) => ({
    name: f.getName(),
    value: f.getValue(),
    start: offset(f.getRange().start),
    end: offset(f.getRange().end),
    valueStart: f.getValueRange() ? offset(f.getValueRange().start) : null,
    options: new Map<string, string>(f.getOptions().map((o: any) => [String(o.getName()).toLowerCase(), o.getValue() ?? ''])),
  }));
  // getArguments is the raw tokens less one per flag (ModifiableInstruction shifts them off); read
  // the kept tokens once instead of asking for a copy here and another inside getHeredocs.
  const tokens = keptArguments(ai);
  const firstArg = typeof anyAi.getFlags === 'function' ? astFlags.length : 0;
  // A heredoc needs a `<<` word among the arguments (getHeredocs reads nothing else): most
  // instructions skip its scan of the whole instruction text.
  let hasHeredoc = false;
  for (let i = firstArg; i < tokens.length; i++) if (tokens[i]!.getValue().startsWith('<<')) hasHeredoc = true;
  const heredocs: Heredoc[] = hasHeredoc
    ? anyAi.getHeredocs().map((h: any) => {
        const r: AstRange | null = h.getContentRange();
        const contentStart = r ? offset(r.start) : end;
        return {
          name: h.getName(),
          content: r ? text.slice(contentStart, offset(r.end)) : '',
          contentStart,
          terminated: Boolean(h.getDelimiterRange?.()),
        };
      })
    : [];
  // Heredoc bodies are not arguments: the words end at the first body. Made at their exact length
  // (an array grown by push keeps room for 16 more: most of the models' memory was spare slots).
  let last = tokens.length;
  if (heredocs.length) {
    const bodyStart = heredocs[0]!.contentStart;
    last = firstArg;
    while (last < tokens.length && offset(tokens[last]!.getRange().start) < bodyStart) last++;
  }
  const args: Token[] = tokens.slice(firstArg, last).map((a) => {
    const r = a.getRange();
    return { value: a.getValue(), start: offset(r.start), end: offset(r.end) };
  });
  // Flags that dockerfile-ast keeps as arguments (unknown instructions): the arguments start after them.
  const argsStart = args[0]?.start ?? end;
  const argsText = df.text.slice(argsStart, end);

  const properties: Property[] =
    typeof anyAi.getProperties === 'function' || typeof anyAi.getProperty === 'function'
      ? (typeof anyAi.getProperties === 'function' ? anyAi.getProperties() : [anyAi.getProperty()])
          .filter(Boolean)
          .map((p: any) => ({
            name: p.getName(),
            value: propertyValue(p, escapeChar),
            start: offset(p.getRange().start),
            end: offset(p.getRange().end),
            legacy: p.getAssignmentOperator() === null && p.getValue() !== null,
          }))
      : [];

  const keyword = ai.getKeyword().toUpperCase();
  let trigger: Instruction | null = null;
  if (keyword === 'ONBUILD' && typeof anyAi.getTriggerInstruction === 'function') {
    const t = anyAi.getTriggerInstruction();
    if (t) trigger = buildInstruction(t, index, stage, df);
  }

  return new ParsedInstruction(df, {
    index,
    keyword,
    keywordText: df.text.slice(offset(keywordRange.start), keywordEnd),
    start,
    end,
    keywordEnd,
    line: range.start.line + 1,
    flags,
    args,
    argsText,
    argsStart,
    json: execForm(argsText, df.escapeChar),
    heredocs,
    properties,
    stage,
    trigger,
  });
}

/** A dockerfile-ast position as an offset into the text. */
function offsetOf(lines: LineIndex, r: { line: number; character: number }): number {
  return lines.offsetAt(r.line, r.character);
}

/**
 * An instruction of the model. Its shell is parsed on first read and kept until forgetShells: a
 * check drops each Dockerfile's shells once its rules ran, so memory does not grow with the files.
 * A class, not an object literal with a getter: V8 kept ~1 in 4 such literals in dictionary mode
 * (3.7 MB on 481 real Dockerfiles).
 */
class ParsedInstruction implements Instruction {
  index: number;
  keyword: string;
  keywordText: string;
  start: number;
  end: number;
  keywordEnd: number;
  line: number;
  flags: Flag[];
  args: Token[];
  argsText: string;
  argsStart: number;
  json: string[] | null;
  heredocs: Heredoc[];
  properties: Property[];
  stage: Stage | null;
  trigger: Instruction | null;
  #df: Dockerfile;
  #shell: ShellScript | null | undefined = undefined;
  constructor(df: Dockerfile, f: Omit<Instruction, 'shell'>) {
    this.#df = df;
    this.index = f.index;
    this.keyword = f.keyword;
    this.keywordText = f.keywordText;
    this.start = f.start;
    this.end = f.end;
    this.keywordEnd = f.keywordEnd;
    this.line = f.line;
    this.flags = f.flags;
    this.args = f.args;
    this.argsText = f.argsText;
    this.argsStart = f.argsStart;
    this.json = f.json;
    this.heredocs = f.heredocs;
    this.properties = f.properties;
    this.stage = f.stage;
    this.trigger = f.trigger;
  }
  get shell(): ShellScript | null {
    if (this.#shell === undefined) this.#shell = shellOf(this, this.#df);
    return this.#shell;
  }
  forgetShell(): void {
    this.#shell = undefined;
  }
}

/** Drops the parsed shells of every instruction (ONBUILD triggers included); a later read parses again. */
export function forgetShells(df: Dockerfile): void {
  for (const inst of df.instructions) {
    if (inst instanceof ParsedInstruction) inst.forgetShell();
    if (inst.trigger instanceof ParsedInstruction) inst.trigger.forgetShell();
  }
}

/**
 * A property's value as the builder reads it: quotes removed and escapes resolved, as BuildKit's
 * word lexer does (`"a b"` → `a b`, `a\ b` → `a b`). A `$` that is literal (single-quoted or escaped)
 * stays `\$`, so that substitution later leaves it alone.
 */
function propertyValue(p: any, escapeChar: string): string | null {
  const raw: string | null = p.getUnescapedValue();
  return raw === null ? null : unquote(raw, escapeChar);
}

export function unquote(raw: string, esc = '\\'): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const body = close < 0 ? raw.slice(i + 1) : raw.slice(i + 1, close);
      out += body.replace(/\$/g, '\\$');
      i = close < 0 ? raw.length : close;
    } else if (c === '"') {
      for (i++; i < raw.length && raw[i] !== '"'; i++) {
        const d = raw[i]!;
        const next = raw[i + 1];
        if (d === esc && next !== undefined && (next === '"' || next === '$' || next === esc)) {
          out += next === '$' ? '\\$' : next;
          i++;
        } else out += d;
      }
    } else if (c === esc && i + 1 < raw.length) {
      const next = raw[++i]!;
      out += next === '$' ? '\\$' : next;
    } else out += c;
  }
  return out;
}

/** Removes `<escape><newline>` and the comment and empty lines of a continued instruction, keeping every offset. */
export function blankContinuations(text: string, escapeChar: string): string {
  // One line has nothing to blank (most instructions): skip the split and the regular expressions.
  if (!text.includes('\n')) return text;
  // Docker drops comment lines inside a continued instruction before anything else reads it, so
  // they go first: blanking the line breaks first would glue a comment onto the command before it.
  const lines = text.split('\n');
  const { continued, lineEnds } = continuationPatterns(escapeChar);
  let inContinuation = false;
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && !inContinuation) break; // the instruction ended: heredoc bodies keep their lines
    if (i > 0 && i < lines.length - 1 && /^[ \t]*(#|\r?$)/.test(lines[i]!)) {
      // the line and its line break go: the lines around it join as if it had never been there
      lines[i] = ' '.repeat(lines[i]!.length) + ' ' + lines[i + 1]!;
      lines.splice(i + 1, 1);
      i--;
      inContinuation = true;
      continue;
    }
    inContinuation = continued.test(lines[i]!);
  }
  return lines.join('\n').replace(lineEnds, (m) => ' '.repeat(m.length));
}

/** The two patterns of blankContinuations for an escape character, made once (it runs for every RUN). */
const patterns = new Map<string, { continued: RegExp; lineEnds: RegExp }>();
function continuationPatterns(escapeChar: string): { continued: RegExp; lineEnds: RegExp } {
  let p = patterns.get(escapeChar);
  if (!p) {
    const esc = escapeChar === '`' ? '`' : '\\\\';
    p = { continued: new RegExp(`${esc}[ \\t]*\\r?$`), lineEnds: new RegExp(`${esc}[ \\t]*\\r?\\n`, 'g') };
    patterns.set(escapeChar, p);
  }
  return p;
}

/** `["a", "b"]` → ['a', 'b']; anything else (shell form) → null. */
function execForm(argsText: string, escapeChar: string): string[] | null {
  // argsText starts at the first argument, which blanking cannot change: no `[`, no exec form.
  if (argsText.trimStart()[0] !== '[') return null;
  const t = blankContinuations(argsText, escapeChar).trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

/** The shell that RUN (or a shell-form CMD, ENTRYPOINT, HEALTHCHECK CMD) hands its text to. */
function shellOf(inst: Instruction, df: Dockerfile): ShellScript | null {
  let json = inst.json;
  let textStart = inst.argsStart;
  let text = inst.argsText;
  if (inst.keyword === 'HEALTHCHECK') {
    const cmd = inst.args[0];
    if (!cmd || cmd.value.toUpperCase() !== 'CMD') return null;
    textStart = inst.args[1]?.start ?? inst.end;
    text = df.text.slice(textStart, inst.end);
    json = execForm(text, df.escapeChar);
  } else if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(inst.keyword)) {
    return null;
  }
  if (json) {
    // Exec form: one command; `["sh", "-c", "..."]` still runs a shell.
    const spans = jsonStringSpans(df.text, textStart, inst.end);
    const program = (json[0] ?? '').slice((json[0] ?? '').lastIndexOf('/') + 1);
    if (SHELLS.has(program) && json[1] === '-c' && json[2] !== undefined) {
      return parseShell(json[2], spans[2]?.start !== undefined ? spans[2].start + 1 : textStart, true);
    }
    // Each word spans its string's contents; `text` keeps the JSON literal, so no rule mistakes it
    // for a shell word it could edit in place.
    const words = json.map((value, i) => ({
      value,
      text: spans[i] ? df.text.slice(spans[i]!.start, spans[i]!.end) : JSON.stringify(value),
      start: spans[i] ? spans[i]!.start + 1 : textStart,
      end: spans[i] ? spans[i]!.end - 1 : inst.end,
    }));
    return {
      commands: json.length
        ? [{ name: json[0]!, program, words, argv: json, assigns: [], start: textStart, end: inst.end, inPipe: false, pipesOut: false, inSubshell: false, viaShell: false }]
        : [],
      pipes: 0,
      error: null,
    };
  }
  // A PowerShell or cmd SHELL runs the text: it is not POSIX shell, so no commands (and no mvdan-sh).
  if (isNonPosixShell(shellFor(inst))) return { commands: [], pipes: 0, error: null };
  // `RUN <<EOF` with nothing before the heredoc: the body is the script.
  const first = inst.args[0]?.value ?? '';
  if (inst.heredocs.length && first.startsWith('<<')) {
    const script: ShellScript = { commands: [], pipes: 0, error: null };
    for (const h of inst.heredocs) {
      const shebang = /^#!\s*(\S+)/.exec(h.content);
      if (shebang && !SHELLS.has(shebang[1]!.slice(shebang[1]!.lastIndexOf('/') + 1))) continue;
      const part = parseShell(h.content, h.contentStart);
      script.commands.push(...part.commands);
      script.pipes += part.pipes;
      script.error ??= part.error;
    }
    return script;
  }
  return parseShell(blankContinuations(text, df.escapeChar), textStart);
}

/** Offsets of each string literal (quotes included) of a JSON array in text[from, to). */
function jsonStringSpans(text: string, from: number, to: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] !== '"') continue;
    const start = i;
    for (i++; i < to && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    spans.push({ start, end: Math.min(i + 1, to) });
  }
  return spans;
}

/** Parses an image reference after ARG substitution: [registry/]name[:tag][@digest]. */
export function imageRef(raw: string, df: Dockerfile): ImageRef {
  const { value: resolved, unresolved } = substitute(raw, globalArgValues(df));
  // Docker Hub's official images are reported without `library/`.
  const ref = parseImageRef(resolved);
  const { registry, tag, digest } = ref;
  const name = familiarPath(ref);
  return {
    raw,
    resolved,
    unresolved,
    registry,
    name,
    tag,
    digest,
    isScratch: resolved.toLowerCase() === 'scratch',
    stage: null,
  };
}

/** Which stage each FROM, COPY --from and RUN --mount=from reads. */
function linkStages(df: Dockerfile): void {
  // The earlier stages by lower-cased name (the first of a name wins) and by index, filled as the
  // stages are walked in order: looking each reference up in every earlier stage was quadratic in stages.
  const named = new Map<string, Stage>();
  const find = (ref: string, before: number): Stage | null => {
    const byName = named.get(ref.toLowerCase());
    const byIndex = /^(0|[1-9][0-9]*)$/.test(ref) && Number(ref) < before ? df.stages[Number(ref)]! : undefined;
    if (byName && byIndex) return byName.index < byIndex.index ? byName : byIndex;
    return byName ?? byIndex ?? null;
  };
  for (const s of df.stages) {
    const base = s.image.unresolved.length ? null : find(s.image.resolved, s.index);
    if (base && String(base.index) !== s.image.resolved) {
      s.image.stage = base;
      s.dependsOn.add(base);
    }
    for (const inst of s.instructions) {
      for (const f of inst.flags) {
        const ref = f.name === 'from' ? f.value : f.name === 'mount' ? (f.options.get('from') ?? null) : null;
        const dep = ref ? find(ref, s.index) : null;
        if (dep) s.dependsOn.add(dep);
      }
    }
    if (s.name && !named.has(s.name.toLowerCase())) named.set(s.name.toLowerCase(), s);
  }
}
