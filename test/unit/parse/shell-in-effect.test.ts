// shellFor keeps each stage's SHELLs and the SHELL each stage starts with, instead of walking every
// instruction before the one asked about. It must answer as that walk (the last exec-form SHELL of
// instructionsBefore) for every instruction and ONBUILD trigger of every committed Dockerfile, the
// real corpora when SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS name them, edge cases and generated
// stage graphs (references by name and index, forward, to itself, chains); and hostile files must
// take seconds where the walk takes many minutes (the timeout is the only timing here).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Instruction } from '../../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { instructionsBefore, shellFor } from '../../../src/parse/dockerfile/shell-in-effect.js';
import { fromChain } from '../../../src/parse/dockerfile/stages.js';
import { prng } from '../../../bench/prng.js';
import { committedDockerfiles } from './committed-dockerfiles.js';
import { EDGE_CASES, variants } from './edge-cases.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** shellFor as it was: the last SHELL in exec form among the instructions before. */
function walked(inst: Instruction): string[] | null {
  let shell: string[] | null = null;
  for (const i of instructionsBefore(inst)) if (i.keyword === 'SHELL' && i.json) shell = i.json;
  return shell;
}

/** fromChain as it was (chain.includes for the cycle cut). */
function chainAsItWas(stage: NonNullable<Instruction['stage']>) {
  const chain: (typeof stage)[] = [];
  for (let s: typeof stage | null = stage; s && !chain.includes(s); s = s.image.stage) chain.push(s);
  return chain;
}

function assertSame(text: string, label: string): number {
  const df = parseDockerfile(text, 'Dockerfile');
  const all = df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
  // Asked in file order and then backwards: the kept answers must not depend on the order.
  for (const inst of [...all, ...all.reverse()]) assert.deepStrictEqual(shellFor(inst), walked(inst), `${label}: line ${inst.line}`);
  for (const stage of df.stages) assert.deepStrictEqual(fromChain(stage), chainAsItWas(stage), `${label}: stage ${stage.index}`);
  return all.length;
}

/** A random multi-stage Dockerfile: FROMs naming earlier, later or unknown stages by name or index, SHELLs, RUNs, ONBUILD. */
function generated(next: () => number): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const stages = 1 + Math.floor(next() * 8);
  const lines: string[] = [];
  if (next() < 0.3) lines.push('SHELL ["/bin/bash", "-c"]', 'RUN before-from');
  for (let s = 0; s < stages; s++) {
    const base = pick(['alpine', `s${Math.floor(next() * stages)}`, String(Math.floor(next() * stages)), 'S0', `s${s}`, 'mcr.microsoft.com/windows/servercore']);
    lines.push(`FROM ${base} AS s${s}`);
    for (let k = Math.floor(next() * 5); k > 0; k--) {
      lines.push(
        pick([
          'RUN echo a',
          'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
          'SHELL ["pwsh", "-Command"]',
          'SHELL bash -c',
          'SHELL []',
          `SHELL ["sh${s}", "-c"]`,
          'ONBUILD RUN echo b',
          'ONBUILD SHELL ["zsh", "-c"]',
          'CMD x',
          'HEALTHCHECK CMD y',
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}

describe('shellFor answers as the walk over the instructions before', () => {
  it('on edge cases (each as LF, CRLF, with a BOM and with lone CRs) and 2,000 generated stage graphs', () => {
    let n = 0;
    for (const [i, text] of EDGE_CASES.entries()) for (const [kind, t] of variants(text)) n += assertSame(t, `edge case ${i} (${kind})`);
    const next = prng(15);
    for (let k = 0; k < 2000; k++) {
      const text = generated(next);
      n += assertSame(text, text);
    }
    assert.ok(n > 10_000, `instructions compared: ${n}`);
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    const files = committedDockerfiles(ROOT);
    let n = 0;
    for (const file of files) n += assertSame(readFileSync(file, 'utf8'), file);
    assert.ok(n > 300, `instructions compared: ${n}`);
  });
});

describe('hostile shapes: shellFor of every RUN in linear time', () => {
  // The walk was quadratic in one stage's instructions (200,000 RUNs: 2e10 steps; 100,000 took 33 s).
  it('200,000 RUNs after a SHELL in one stage', { timeout: 30_000 }, () => {
    const df = parseDockerfile(`FROM alpine\nSHELL ["/bin/bash", "-c"]\n${'RUN a\n'.repeat(200_000)}`, 'Dockerfile');
    for (const inst of df.instructions.slice(2)) assert.deepEqual(shellFor(inst), ['/bin/bash', '-c']);
  });

  // And cubic in a chain of stages (each walk built the chain with chain.includes): 20,000 stages.
  it('a chain of 20,000 stages, each FROM the one before, a RUN in each', { timeout: 30_000 }, () => {
    let text = 'FROM alpine AS s0\nSHELL ["/bin/ash", "-c"]\n';
    for (let i = 1; i < 20_000; i++) text += `FROM s${i - 1} AS s${i}\nRUN a\n`;
    const df = parseDockerfile(text, 'Dockerfile');
    const runs = df.instructions.filter((i) => i.keyword === 'RUN');
    assert.equal(runs.length, 19_999);
    for (const inst of runs.reverse()) assert.deepEqual(shellFor(inst), ['/bin/ash', '-c']);
  });
});
