// dockerfile-ast tokenises an instruction's arguments again from its text on every getArguments,
// getFlags, getHeredocs or getRawArgumentsContent call: 5–7 times per instruction while it parses
// (JSONInstruction's constructor alone asks three times) and again while parse.ts builds the model.
// An instruction's document and range never change once it is made, so its tokens are kept on it
// after the first call. The parser also builds every instruction twice (once to look for heredocs,
// once to keep): the second build takes the first one's tokens when it covers the same text.
// Callers get a new list (ModifiableInstruction.getArguments shifts the flags off the list it
// receives) of the same Argument objects; dockerfile-ast changes no Argument or range anywhere but in
// From.getImageNameRange, which assigns to its image token's range: FROM gets whole copies.
// test/unit/parse/ast-memo.test.ts checks every getter answers as without this, twice in a row.

import { Argument, From, Instruction } from 'dockerfile-ast';

type Tokens = Argument[];
type Position = { line: number; character: number };
type Range = { start: Position; end: Position };
// getRawArguments is private in dockerfile-ast's types; every other getter reads it.
const proto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Tokens };
const original = proto.getRawArguments;
// Kept on the instruction itself: a WeakMap lookup per getter call cost more than the tokens saved.
const KEPT = Symbol('slipway tokens');

/** The last instruction tokenised: what its tokens depend on (document, escape, ranges) and them. */
let last: { document: unknown; escapeChar: string; range: Range; keywordRange: Range; tokens: Tokens } | null = null;

const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range): boolean => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/**
 * The instruction's tokens as dockerfile-ast's getRawArguments makes them, kept, not copied: the model
 * reads them once per instruction and must not change them (the getters' callers get copies).
 */
export function keptArguments(instruction: Instruction): readonly Argument[] {
  let tokens = (instruction as any)[KEPT] as Tokens | undefined;
  if (tokens) return tokens;
  const i = instruction as unknown as { document: unknown; escapeChar: string };
  const range = instruction.getRange();
  const keywordRange = instruction.getInstructionRange();
  if (
    last &&
    last.document === i.document &&
    last.escapeChar === i.escapeChar &&
    sameRange(last.range, range) &&
    sameRange(last.keywordRange, keywordRange)
  ) {
    tokens = last.tokens;
  } else {
    tokens = original.call(instruction);
    last = { document: i.document, escapeChar: i.escapeChar, range, keywordRange, tokens };
  }
  (instruction as any)[KEPT] = tokens;
  return tokens;
}

/** Keeps each instruction's tokens (idempotent; `false` restores dockerfile-ast's own, for the test). */
export function memoiseArguments(on = true): void {
  last = null;
  proto.getRawArguments = on
    ? function (this: Instruction): Tokens {
        const tokens = keptArguments(this);
        if (!(this instanceof From)) return tokens.slice();
        return tokens.map((a) => {
          const r = a.getRange();
          return new Argument(a.getValue(), { start: r.start, end: r.end });
        });
      }
    : original;
}
