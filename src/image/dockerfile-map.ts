// Which Dockerfile instruction made which history entry, so image findings can point at file:line.
// The shipped stage's FROM chain made the last entries of the history, one per instruction after
// FROM (BuildKit and the legacy builder both record every instruction): the two are aligned from
// the end while keywords and a word of the arguments agree; the rest came from the base image.

import type { Dockerfile, Instruction } from '../parse/dockerfile/model.js';
import { fromChain } from '../parse/dockerfile/stages.js';
import { historyKeyword } from './history.js';
import type { HistoryEntry } from './model.js';

function agrees(entry: HistoryEntry, inst: Instruction): boolean {
  if (historyKeyword(entry.createdBy) !== inst.keyword) return false;
  // A word of the arguments (a destination, a variable name, a command) must appear in the entry.
  const words = (inst.json ?? inst.args.map((a) => a.value)).map((w) => w.replace(/^["']|["']$/g, '').split('=')[0]!).filter((w) => w.length > 1 && !w.includes('$'));
  return !words.length || words.some((w) => entry.createdBy.includes(w));
}

export function mapHistory(history: HistoryEntry[], df: Dockerfile): Map<number, Instruction> {
  const map = new Map<number, Instruction>();
  if (!df.shipped) return map;
  const instructions = fromChain(df.shipped)
    .reverse()
    .flatMap((s) => s.instructions.filter((i) => i.keyword !== 'FROM'));
  let i = instructions.length - 1;
  for (let h = history.length - 1; h >= 0 && i >= 0; h--, i--) {
    if (!agrees(history[h]!, instructions[i]!)) break;
    map.set(h, instructions[i]!);
  }
  return map;
}
