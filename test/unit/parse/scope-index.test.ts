// scopeBefore answers from each stage's index (scope-index.ts) instead of walking every instruction
// before the one asked about. It must answer as the walk (scopeByWalk) for every instruction and ONBUILD
// trigger: the same names in the same order, the same value for each, the same `has`, and an error where
// the walk threw. Inputs: edge cases, generated stage graphs with ARG/ENV (substitutions, defaults, global
// ARGs, pairs naming each other, long chains of stages with ENV), every committed Dockerfile
// and the real corpora when SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS name them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Dockerfile, Instruction } from '../../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { scopeBefore, scopeByWalk } from '../../../src/parse/dockerfile/variables.js';
import { prng } from '../../../bench/prng.js';
import { committedDockerfiles } from './committed-dockerfiles.js';
import { EDGE_CASES, variants } from './edge-cases.js';
import { stageGraph } from './stage-graph.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function answer(f: () => { keys(): Iterable<string>; get(n: string): unknown; has(n: string): boolean }, probe: string[]) {
  try {
    const s = f();
    const keys = [...s.keys()];
    return { keys, values: keys.map((k) => s.get(k)), has: probe.map((n) => s.has(n)), get: probe.map((n) => s.get(n)) };
  } catch (error) {
    return { error: String(error) };
  }
}

function assertSame(text: string, label: string): number {
  const df: Dockerfile = parseDockerfile(text, 'Dockerfile');
  const all: Instruction[] = df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
  const probe = ['A', 'B', 'C', 'a', 'PATH', 'HOME', 'X0', 'X1', 'NOPE'];
  // Asked in file order and then backwards: what the index keeps must not depend on the order.
  for (const inst of [...all, ...[...all].reverse()]) {
    assert.deepStrictEqual(answer(() => scopeBefore(df, inst), probe), answer(() => scopeByWalk(df, inst), probe), `${label}: line ${inst.line}`);
  }
  // And a fresh parse asked backwards first (a stage's index built before its parents were asked about).
  const again = parseDockerfile(text, 'Dockerfile');
  for (const inst of again.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i])).reverse()) {
    assert.deepStrictEqual(answer(() => scopeBefore(again, inst), probe), answer(() => scopeByWalk(again, inst), probe), `${label}: line ${inst.line}, backwards`);
  }
  return all.length;
}

/** A random multi-stage Dockerfile: global ARGs, FROMs naming earlier/later/unknown stages, ARG and ENV that read each other. */
function generated(next: () => number): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const names = ['A', 'B', 'C', 'a', 'PATH', 'X0', 'X1'];
  const value = () => pick(['1', '', '$A', '${B}', '${C:-d}', '${A:+x}', '$PATH:/x', '"q $B"', "'$A'", '\\$A', '${X0-y}', '$X1$X1']);
  const lines: string[] = [];
  // Before the first FROM: global ARGs, and (a snippet, or a broken file) ENV, ARG after ENV, RUN.
  for (let k = Math.floor(next() * 4); k > 0; k--) {
    const r = next();
    lines.push(r < 0.7 ? `ARG ${pick(names)}${next() < 0.6 ? `=${value()}` : ''}` : r < 0.9 ? `ENV ${pick(names)}=${value()}` : 'RUN before-from');
  }
  const bodyLine = () =>
    pick([
      `ARG ${pick(names)}`,
      `ARG ${pick(names)}=${value()}`,
      `ARG ${pick(names)}=${value()} ${pick(names)}=${value()}`,
      `ENV ${pick(names)}=${value()}`,
      `ENV ${pick(names)}=${value()} ${pick(names)}=${value()} ${pick(names)}=${value()}`,
      `ENV ${pick(names)} ${value()}`,
      `ONBUILD ENV ${pick(names)}=${value()}`,
      'RUN echo $A',
      `COPY $${pick(names)} /d/`,
      `WORKDIR /$${pick(names)}`,
    ]);
  lines.push(...stageGraph(next, ['alpine', 'scratch'], 7, bodyLine));
  return lines.join('\n') + '\n';
}

describe('scopeBefore answers as the walk over the instructions before', () => {
  it('on edge cases (each as LF, CRLF, with a BOM and with lone CRs) and 3,000 generated stage graphs', () => {
    let n = 0;
    for (const [i, text] of EDGE_CASES.entries()) for (const [kind, t] of variants(text)) n += assertSame(t, `edge case ${i} (${kind})`);
    const next = prng(8);
    for (let k = 0; k < 3000; k++) {
      const text = generated(next);
      n += assertSame(text, text);
    }
    assert.ok(n > 20_000, `instructions compared: ${n}`);
  });

  it('on long chains of stages with ENV (and with stages without ENV between)', () => {
    for (const every of [1, 2, 5]) {
      let text = 'ARG G=g\nFROM alpine AS s0\nENV A=0\n';
      for (let i = 1; i < 120; i++) text += `FROM s${i - 1} AS s${i}\n${i % every ? 'RUN a' : `ENV A=$A.${i} X${i % 7}=$G B=\${A}`}\nARG G\nCOPY $A$X3 /d/\n`;
      assertSame(text, `chain, ENV every ${every}`);
    }
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    let n = 0;
    for (const file of committedDockerfiles(ROOT)) n += assertSame(readFileSync(file, 'utf8'), file);
    assert.ok(n > 300, `instructions compared: ${n}`);
  });
});
