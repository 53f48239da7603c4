// The Dockerfile model as it was built until session 6: every field read through dockerfile-ast's own
// accessors (getFlags, getHeredocs, getArguments, getProperties, positions through its ranges), one
// instruction at a time. parse.ts now derives most of it from fewer calls; model-differential.test.ts
// holds the two equal, field by field, on every Dockerfile it can find. Frozen: do not "fix" it.

import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction as AstInstruction } from 'dockerfile-ast';
import { familiarPath, parseImageRef } from '../../../src/docker/ref.js';
import { LineIndex } from '../../../src/parse/text.js';
import { unquote, blankContinuations } from '../../../src/parse/dockerfile/parse.js';
import { substitute, globalArgValues } from '../../../src/parse/dockerfile/variables.js';
import type { Comment, Directive, Dockerfile, Flag, Heredoc, ImageRef, Instruction, Property, Stage, Token } from '../../../src/parse/dockerfile/model.js';

type AstRange = { start: { line: number; character: number }; end: { line: number; character: number } };
type OracleInstruction = Omit<Instruction, 'shell'>;

export function oracleDockerfile(text: string, path: string): Dockerfile {
  const ast = DockerfileParser.parse(text.includes('\r') ? text.replace(/\r(?!\n)/g, ' ') : text);
  const lines = new LineIndex(text);
  const offset = (r: { line: number; character: number }): number => lines.offsetAt(r.line, r.character);
  const escapeChar = ast.getEscapeCharacter();
  const directives: Directive[] = ast.getDirectives().map((d) => ({
    name: d.getName().toLowerCase(),
    value: d.getValue(),
    line: d.getRange().start.line + 1,
  }));
  const comments: Comment[] = ast.getComments().map((c) => ({
    text: c.getContent() ?? '',
    line: c.getRange().start.line + 1,
    start: offset(c.getRange().start),
    end: offset(c.getRange().end),
  }));
  const df: Dockerfile = { path, text, lines, escapeChar, directives, comments, instructions: [], globalArgs: [], stages: [], shipped: null };
  const build = (ai: AstInstruction, index: number, stage: Stage | null) => buildInstruction(ai, index, stage, df, offset) as Instruction;
  let stage: Stage | null = null;
  ast.getInstructions().forEach((ai, index) => {
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
      const inst = build(ai, index, s);
      s.from = inst;
      const as = inst.args[1];
      if (as && as.value.toLowerCase() === 'as' && inst.args[2]) s.name = inst.args[2].value;
      s.image = imageRef(inst.args[0]?.value ?? '', df);
    }
    const inst = keyword === 'FROM' ? stage!.from : build(ai, index, stage);
    df.instructions.push(inst);
    if (stage) stage.instructions.push(inst);
    else if (keyword === 'ARG') df.globalArgs.push(inst);
  });
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
  offset: (r: { line: number; character: number }) => number,
): OracleInstruction {
  const range = ai.getRange();
  const start = offset(range.start);
  let end = offset(range.end);
  while (end > start && df.text.charCodeAt(end - 1) === 13) end--;
  const keywordRange = ai.getInstructionRange();
  const keywordEnd = offset(keywordRange.end);
  const anyAi = ai as any;
  const flags: Flag[] =
    typeof anyAi.getFlags === 'function'
      ? anyAi.getFlags().map((f: any) => ({
          name: f.getName(),
          value: f.getValue(),
          start: offset(f.getRange().start),
          end: offset(f.getRange().end),
          valueStart: f.getValueRange() ? offset(f.getValueRange().start) : null,
          options: new Map<string, string>(f.getOptions().map((o: any) => [String(o.getName()).toLowerCase(), o.getValue() ?? ''])),
        }))
      : [];
  const heredocs: Heredoc[] =
    typeof anyAi.getHeredocs === 'function'
      ? anyAi.getHeredocs().map((h: any) => {
          const r: AstRange | null = h.getContentRange();
          const contentStart = r ? offset(r.start) : end;
          return {
            name: h.getName(),
            content: r ? df.text.slice(contentStart, offset(r.end)) : '',
            contentStart,
            terminated: Boolean(h.getDelimiterRange?.()),
          };
        })
      : [];
  const bodyStart = heredocs[0]?.contentStart ?? Infinity;
  const args: Token[] = ai
    .getArguments()
    .map((a) => ({ value: a.getValue(), start: offset(a.getRange().start), end: offset(a.getRange().end) }))
    .filter((a) => a.start < bodyStart);
  const argsStart = args[0]?.start ?? end;
  const argsText = df.text.slice(argsStart, end);
  const properties: Property[] =
    typeof anyAi.getProperties === 'function' || typeof anyAi.getProperty === 'function'
      ? (typeof anyAi.getProperties === 'function' ? anyAi.getProperties() : [anyAi.getProperty()])
          .filter(Boolean)
          .map((p: any) => ({
            name: p.getName(),
            value: p.getUnescapedValue() === null ? null : unquote(p.getUnescapedValue(), df.escapeChar),
            start: offset(p.getRange().start),
            end: offset(p.getRange().end),
            legacy: p.getAssignmentOperator() === null && p.getValue() !== null,
          }))
      : [];
  const keyword = ai.getKeyword().toUpperCase();
  let trigger: Instruction | null = null;
  if (keyword === 'ONBUILD' && typeof anyAi.getTriggerInstruction === 'function') {
    const t = anyAi.getTriggerInstruction();
    if (t) trigger = buildInstruction(t, index, stage, df, offset) as Instruction;
  }
  return {
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
  };
}

function execForm(argsText: string, escapeChar: string): string[] | null {
  const t = blankContinuations(argsText, escapeChar).trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  } catch {
    return null;
  }
}

function imageRef(raw: string, df: Dockerfile): ImageRef {
  const { value: resolved, unresolved } = substitute(raw, globalArgValues(df));
  const ref = parseImageRef(resolved);
  return {
    raw,
    resolved,
    unresolved,
    registry: ref.registry,
    name: familiarPath(ref),
    tag: ref.tag,
    digest: ref.digest,
    isScratch: resolved.toLowerCase() === 'scratch',
    stage: null,
  };
}

function linkStages(df: Dockerfile): void {
  const find = (ref: string, before: number): Stage | null => {
    const lower = ref.toLowerCase();
    for (const s of df.stages) {
      if (s.index >= before) break;
      if ((s.name && s.name.toLowerCase() === lower) || String(s.index) === ref) return s;
    }
    return null;
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
  }
}
