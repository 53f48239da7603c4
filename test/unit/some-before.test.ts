// someBefore (some-before.ts) and run-cd's workdirBefore keep per-stage answers instead of walking every
// instruction before the one asked about. They must answer as the walk — instructionsBefore(inst).some(test),
// and the WORKDIR walk run-cd did — for every instruction and ONBUILD trigger of generated stage graphs,
// edge cases and every committed Dockerfile (and the real corpora when SLIPWAY_REAL_CORPUS /
// SLIPWAY_FRESH_CORPUS name them), asked in file order and backwards, inside a file's rule scope.

import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Instruction } from '../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { instructionsBefore } from '../../src/parse/dockerfile/shell-in-effect.js';
import { fromChain } from '../../src/parse/dockerfile/stages.js';
import { withFileMemo } from '../../src/rules/dockerfile/file-memo.js';
import { workdirBefore } from '../../src/rules/dockerfile/instructions/run-cd.js';
import { someBefore } from '../../src/rules/dockerfile/some-before.js';
import { prng } from '../../bench/prng.js';
import { committedDockerfiles } from './parse/committed-dockerfiles.js';
import { EDGE_CASES, variants } from './parse/edge-cases.js';
import { stageGraph } from './parse/stage-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** run-cd's walk as it was. */
function walkedWorkdir(inst: Instruction): string | null {
  if (!inst.stage) return null;
  const chain = fromChain(inst.stage).reverse();
  let dir: string | null = chain[0]!.image.isScratch ? '/' : null;
  for (const stage of chain) {
    for (const i of stage.instructions) {
      if (i === inst) return dir;
      if (i.keyword !== 'WORKDIR') continue;
      const value = i.args[0]?.value ?? '';
      if (value.includes('$')) dir = null;
      else if (value.startsWith('/')) dir = posix.normalize(value);
      else dir = dir === null ? null : posix.join(dir, value);
    }
  }
  return dir;
}

const QUESTIONS: Record<string, (i: Instruction) => boolean> = {
  WORKDIR: (i) => i.keyword === 'WORKDIR',
  'absolute WORKDIR': (i) => i.keyword === 'WORKDIR' && (i.args[0]?.value ?? '').startsWith('/'),
  // Throws on some instructions: the same error must come out, where the walk met it first.
  'throwing test': (i) => {
    if (i.keyword === 'USER') throw new Error(`USER on line ${i.line}`);
    return i.keyword === 'WORKDIR' && (i.args[0]?.value ?? '').startsWith('/');
  },
};

function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return `throws ${String(error)}`;
  }
}

function assertSame(text: string, label: string): number {
  const df = parseDockerfile(text, 'Dockerfile');
  const all = df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
  // One scope asked in file order then backwards, one backwards first (a stage asked before its parents).
  for (const order of [[...all, ...[...all].reverse()], [...all].reverse()]) {
    withFileMemo(() => {
      for (const inst of order) {
        for (const [q, test] of Object.entries(QUESTIONS)) {
          assert.deepStrictEqual(outcome(() => someBefore(inst, q, test)), outcome(() => instructionsBefore(inst).some(test)), `${label}: line ${inst.line}, ${q}`);
        }
        assert.equal(workdirBefore(inst), walkedWorkdir(inst), `${label}: line ${inst.line}, workdir`);
      }
    });
  }
  return all.length;
}

function generated(next: () => number): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const lines: string[] = [];
  if (next() < 0.2) lines.push('ARG X=1', 'WORKDIR /before-from');
  const body = ['WORKDIR /app', 'WORKDIR sub', 'WORKDIR ../up', 'WORKDIR $X', 'WORKDIR', 'WORKDIR /a/./b/', 'RUN cd x && make', 'COPY a b', 'USER app', 'ONBUILD WORKDIR /o', 'ONBUILD RUN cd y', 'ONBUILD USER u'];
  lines.push(...stageGraph(next, ['alpine', 'scratch'], 7, () => pick(body)));
  return lines.join('\n') + '\n';
}

describe('someBefore and workdirBefore answer as the walk over the instructions before', () => {
  it('on edge cases (LF, CRLF, BOM, lone CR) and 3,000 generated stage graphs', () => {
    let n = 0;
    for (const [i, text] of EDGE_CASES.entries()) for (const [kind, t] of variants(text)) n += assertSame(t, `edge case ${i} (${kind})`);
    const next = prng(21);
    for (let k = 0; k < 3000; k++) {
      const text = generated(next);
      n += assertSame(text, text);
    }
    assert.ok(n > 15_000, `instructions compared: ${n}`);
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    let n = 0;
    for (const file of committedDockerfiles(ROOT)) n += assertSame(readFileSync(file, 'utf8'), file);
    assert.ok(n > 300, `instructions compared: ${n}`);
  });
});
