// "Is there an instruction before this one, in its stage or a stage it is built FROM, that …?" asked for
// every COPY or WORKDIR walked every instruction before it (instructionsBefore): a stage of 10,000
// relative COPY/WORKDIR took a minute. Each instruction is now tested once per file and question.

import type { Instruction, Stage } from '../../parse/dockerfile/model.js';
import { instructionsBefore } from '../../parse/dockerfile/shell-in-effect.js';
import { work } from '../../parse/dockerfile/work.js';
import { fileMemo, kept } from './file-memo.js';

/** The first instruction of a stage (or of its chain) the test holds for or throws on; null: none. */
type Hit = { index: number; error?: unknown } | null;

/**
 * `instructionsBefore(inst).some(test)`, with the same answer and the same error when `test` throws
 * before it holds. `question` names `test` (one test per name and file); `test` must be a pure function
 * of the instruction. The stages' answers are kept while the file's rules run (fileMemo).
 */
export function someBefore(inst: Instruction, question: string, test: (i: Instruction) => boolean): boolean {
  const stage = inst.stage;
  if (!stage) return false;
  if (!fromEarlierStages(stage)) return instructionsBefore(inst).some(test);
  const hit = inheritedHit(stage, question, test) ?? ownHitBefore(stage, inst, question, test);
  if (hit?.error !== undefined) throw hit.error;
  return hit !== null;
}

/**
 * Whether the FROM chain only goes to earlier stages: then it ends, and the kept answers compose.
 * Walked up to the nearest stage that knows, and kept for each stage walked (a chain of n stages costs n).
 */
function fromEarlierStages(stage: Stage): boolean {
  const path: Stage[] = [];
  let answer: boolean | undefined;
  for (let s: Stage | null = stage; s; s = s.image.stage) {
    work.steps++;
    answer = kept<boolean>(s, EARLIER);
    if (answer !== undefined) break;
    path.push(s);
    if (s.image.stage && s.image.stage.index >= s.index) {
      answer = false;
      break;
    }
  }
  const result = answer ?? true;
  for (const s of path) fileMemo(s, EARLIER, () => result);
  return result;
}

const EARLIER = 'someBefore:fromEarlierStages';

function ownHit(stage: Stage, question: string, test: (i: Instruction) => boolean): Hit {
  return fileMemo(stage, `someBefore:${question}`, () => {
    for (const i of stage.instructions) {
      work.steps++;
      try {
        if (test(i)) return { index: i.index };
      } catch (error) {
        return { index: i.index, error };
      }
    }
    return null;
  });
}

function ownHitBefore(stage: Stage, inst: Instruction, question: string, test: (i: Instruction) => boolean): Hit {
  const hit = ownHit(stage, question, test);
  return hit && hit.index < inst.index ? hit : null;
}

/**
 * The first hit in the stages `stage` is built FROM, base first (all of their instructions count).
 * Walked up to the nearest stage whose answer is kept, then down, keeping each (no recursion: a chain
 * may be thousands of stages long).
 */
function inheritedHit(stage: Stage, question: string, test: (i: Instruction) => boolean): Hit {
  const name = `someBefore:${question}:inherited`;
  const path: Stage[] = [];
  let s: Stage | null = stage;
  let known: Hit | undefined;
  for (; s; s = s.image.stage) {
    work.steps++;
    known = kept<Hit>(s, name);
    if (known !== undefined) break;
    path.push(s);
  }
  // What the top stage of the path inherits: the kept stage's answer, else its own instructions'.
  let above: Hit = s ? (known! ?? ownHit(s, question, test)) : null;
  let answer: Hit = null;
  for (let k = path.length - 1; k >= 0; k--) {
    const here = above;
    fileMemo(path[k]!, name, () => here);
    answer = here;
    above = here ?? ownHit(path[k]!, question, test);
  }
  return path.length ? answer : known!;
}
