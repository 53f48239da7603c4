// Two memos on dockerfile-ast, each computing once what it computed again with the same inputs.
//
// 1. The parser builds every instruction twice: once to look for heredocs after its first line, then
//    again to keep (parser.js processArguments, then processInstruction), with the same text, offsets
//    and escape character. An instruction is a pure function of those; the second build now takes the
//    first one's instance (when heredocs made the instruction longer, the offsets differ: built anew).
// 2. It tokenises an instruction's arguments again from its text on every getArguments, getFlags,
//    getHeredocs or getRawArgumentsContent call: 5–7 times per instruction while it parses
//    (JSONInstruction's constructor alone asks three times) and again while parse.ts builds the model.
//    An instruction's document and range never change once it is made, so its tokens are kept on it.
//    Callers get a new list (ModifiableInstruction.getArguments shifts the flags off the list it
//    receives) of the same Argument objects: dockerfile-ast changes no Argument or range anywhere but
//    in From.getImageNameRange, which assigns to its image token's range, so FROM gets whole copies.
// test/unit/parse/ast-memo.test.ts checks every getter answers as without them, twice in a row.

import { Argument, DockerfileParser, From, Instruction } from 'dockerfile-ast';
import type { Dockerfile as AstDockerfile } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser.js';

type Tokens = Argument[];
// getRawArguments and createInstruction are private in dockerfile-ast's types.
const proto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Tokens };
const originalTokens = proto.getRawArguments;
type Build = (this: Parser, dockerfile: AstDockerfile, keyword: string, start: number, keywordEnd: number, end: number) => Instruction;
const parserProto = Parser.prototype as unknown as { createInstruction: Build };
const originalBuild = parserProto.createInstruction;

// Kept on the instruction itself: a WeakMap lookup per getter call cost more than the tokens saved.
const KEPT = Symbol('slipway tokens');

/**
 * The instruction's tokens as dockerfile-ast's getRawArguments makes them, kept, not copied: the model
 * reads them once per instruction and must not change them (the getters' callers get copies).
 */
export function keptArguments(instruction: Instruction): readonly Argument[] {
  const holder = instruction as unknown as { [KEPT]?: Tokens };
  return (holder[KEPT] ??= originalTokens.call(instruction));
}

/** The instruction the parser built last and what it was built from; cleared once taken again. */
let lastBuilt: { parser: Parser; dockerfile: AstDockerfile; keyword: string; start: number; keywordEnd: number; end: number; instruction: Instruction } | null = null;

const buildOnce: Build = function (dockerfile, keyword, start, keywordEnd, end) {
  const l = lastBuilt;
  if (l && l.parser === this && l.dockerfile === dockerfile && l.keyword === keyword && l.start === start && l.keywordEnd === keywordEnd && l.end === end) {
    lastBuilt = null;
    return l.instruction;
  }
  const instruction = originalBuild.call(this, dockerfile, keyword, start, keywordEnd, end);
  lastBuilt = { parser: this, dockerfile, keyword, start, keywordEnd, end, instruction };
  return instruction;
};

function copiedTokens(this: Instruction): Tokens {
  const tokens = keptArguments(this);
  if (!(this instanceof From)) return tokens.slice();
  return tokens.map((a) => {
    const r = a.getRange();
    return new Argument(a.getValue(), { start: r.start, end: r.end });
  });
}

/** dockerfile-ast's parse, letting go of the last instruction built afterwards (it holds the whole tree). */
export function parseAst(text: string): AstDockerfile {
  try {
    return DockerfileParser.parse(text);
  } finally {
    lastBuilt = null;
  }
}

/** Turns both memos on (idempotent); `false` restores dockerfile-ast's own functions, for the test. */
export function memoiseAst(on = true): void {
  lastBuilt = null;
  proto.getRawArguments = on ? copiedTokens : originalTokens;
  parserProto.createInstruction = on ? buildOnce : originalBuild;
}
