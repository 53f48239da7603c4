// dockerfile-ast (0.7.1) has two steps whose cost grows with the product of two sizes of the file. A
// checked project may be hostile, and every file under the 4 MiB read cap must parse fast, so both are
// replaced here, without a fork, by functions that give the same answers in linear time:
//
// 1. Dockerfile.organizeComments (run by every parse) files each comment under each stage whose range
//    holds it, testing every comment against every stage's getRange(), which builds a new Range each
//    time: comments x stages. 8,000 `FROM … AS sN` / `# c` pairs took 3–15 s.
//    Here the stages' ranges are read once. The parser adds instructions in document order, so the
//    stages' ranges are sorted by start and by end; the stages holding a position are then one run
//    of neighbours, found by binary search. If the ranges are ever not sorted, dockerfile-ast's own
//    function runs instead.
// 2. Instruction.getHeredocs reads the current heredoc's name again for every line of its body
//    (getNameRange, then getName copies the name one character at a time): name length x body lines.
//    A 32,000-character name over 32,000 lines took 17 s. Both are pure functions of the heredoc's
//    `<<` word (its range object, kept by the instruction) and the instruction's document and escape
//    character, so within one getHeredocs call each answer is computed once per word.
//
// test/unit/parse/ast-linear.test.ts checks that both answer exactly as dockerfile-ast's own
// functions on every committed Dockerfile, the corpora and edge cases, and that hostile files of
// both shapes parse within a timeout that the originals would overrun by far.

import { Instruction } from 'dockerfile-ast';
import { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import { Util } from 'dockerfile-ast/lib/util.js';
import { firstNotBefore } from '../../util/first-not-before.js';

type Position = { line: number; character: number };
type Range = { start: Position; end: Position };
type Ranged = { getRange(): Range };
type Template = { getRange(): Range; addComment(c: Ranged): void };
type AstDockerfile = { getComments(): Ranged[]; initialInstructions: Template; buildStages: Template[] };

const dockerfileProto = Dockerfile.prototype as unknown as { organizeComments(this: AstDockerfile): void };
const originalOrganize = dockerfileProto.organizeComments;
type NameRange = (this: Instruction, startRange: Range) => Range;
type Name = (this: Instruction, nameRange: Range) => string;
const instructionProto = Instruction.prototype as unknown as { getHeredocs(this: Instruction): unknown[]; getNameRange: NameRange; getName: Name };
const originalHeredocs = instructionProto.getHeredocs;
const originalNameRange = instructionProto.getNameRange;
const originalName = instructionProto.getName;

/** -1, 0 or 1 as `a` is before, at or after `b`. */
function compare(a: Position, b: Position): number {
  return a.line !== b.line ? (a.line < b.line ? -1 : 1) : a.character === b.character ? 0 : a.character < b.character ? -1 : 1;
}

/** True when every range starts before it ends and starts and ends never go back. */
function sorted(ranges: Range[]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (compare(r.start, r.end) > 0) return false;
    if (i > 0 && (compare(ranges[i - 1]!.start, r.start) > 0 || compare(ranges[i - 1]!.end, r.end) > 0)) return false;
  }
  return true;
}

function organizeCommentsLinear(this: AstDockerfile): void {
  const stages = this.buildStages;
  // An ImageTemplate's range is its first and last instructions': adding comments does not change it.
  const ranges = stages.map((s) => s.getRange());
  if (!sorted(ranges)) return originalOrganize.call(this);
  const initial = this.initialInstructions;
  const initialRange = initial.getRange();
  for (const comment of this.getComments()) {
    const range = comment.getRange();
    if (Util.isInsideRange(range.end, initialRange)) {
      initial.addComment(comment);
      continue;
    }
    // With start <= end, isInsideRange(p, r) is r.start <= p <= r.end. Ends are sorted: skip the
    // stages that end before the comment starts, then take each that starts at or before it.
    const at = range.start;
    for (let i = firstNotBefore(ranges, (r) => compare(r.end, at) < 0); i < ranges.length && compare(ranges[i]!.start, at) <= 0; i++) stages[i]!.addComment(comment);
  }
}

/** Inside one getHeredocs call: getNameRange's answer by `<<` word range, getName's by name range. */
let names: { ranges: Map<Range, Range>; names: Map<Range, string> } | null = null;

function heredocsOnce(this: Instruction): unknown[] {
  const outer = names;
  names = { ranges: new Map(), names: new Map() };
  try {
    return originalHeredocs.call(this);
  } finally {
    names = outer;
  }
}

const nameRangeOnce: NameRange = function (startRange) {
  if (!names) return originalNameRange.call(this, startRange);
  let r = names.ranges.get(startRange);
  if (!r) names.ranges.set(startRange, (r = originalNameRange.call(this, startRange)));
  return r;
};

const nameOnce: Name = function (nameRange) {
  if (!names) return originalName.call(this, nameRange);
  let n = names.names.get(nameRange);
  if (n === undefined) names.names.set(nameRange, (n = originalName.call(this, nameRange)));
  return n;
};

/** Puts the linear functions in place (idempotent); `false` restores dockerfile-ast's own, for the test. */
export function linearAst(on = true): void {
  names = null;
  dockerfileProto.organizeComments = on ? organizeCommentsLinear : originalOrganize;
  instructionProto.getHeredocs = on ? heredocsOnce : originalHeredocs;
  instructionProto.getNameRange = on ? nameRangeOnce : originalNameRange;
  instructionProto.getName = on ? nameOnce : originalName;
}
