// dockerfile-ast tokenises an instruction's arguments again from its text on every getArguments,
// getFlags, getHeredocs or getRawArgumentsContent call: 5–7 times per instruction while it parses
// (JSONInstruction's constructor alone asks three times) and again while parse.ts builds the model.
// An instruction's document and range never change once it is made, so its tokens are kept on it
// after the first call. Callers get copies: ModifiableInstruction.getArguments shifts the flags off the
// list it receives, and From.getImageNameRange assigns to the range object of the image's token. On the 481 Dockerfiles of the real corpus this halves the model's
// parse time (test/unit/parse/ast-memo.test.ts checks every instruction answers as without it).

import { Argument, Instruction } from 'dockerfile-ast';

type Tokens = Argument[];
// getRawArguments is private in dockerfile-ast's types; every other getter reads it.
const proto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Tokens };
const original = proto.getRawArguments;
const kept = new WeakMap<Instruction, Tokens>();

/** Keeps each instruction's tokens (idempotent; `false` restores dockerfile-ast's own, for the test). */
export function memoiseArguments(on = true): void {
  proto.getRawArguments = on
    ? function (this: Instruction): Tokens {
        let tokens = kept.get(this);
        if (!tokens) kept.set(this, (tokens = original.call(this)));
        return tokens.map((a) => {
          const r = a.getRange();
          return new Argument(a.getValue(), { start: r.start, end: r.end });
        });
      }
    : original;
}
