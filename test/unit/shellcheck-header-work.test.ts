// The header slipway writes above each RUN script for ShellCheck (`export NAME=1` for the ARG/ENV names
// the script uses) is found word by word in the script: its work grows like the Dockerfile, not like
// RUNs × visible names (8,000 ARG/RUN pairs took 16 s that way). Counting work, not time (see
// hostile-work.test.ts): linear is 8× from N to 8N, the bound 10×.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mentionedNames, runScripts } from '../../src/engine/shellcheck/scripts.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { work } from '../../src/parse/dockerfile/work.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lines = (n: number, line: (i: number) => string) => range(n).map(line).join('\n') + '\n';

const SHAPES: Record<string, (n: number) => string> = {
  'ARG/RUN pairs': (n) => `FROM alpine:3\n${lines(n, (i) => `ARG A${i}=x\nRUN echo $A${i} $B${i}`)}`,
  'ENV/RUN pairs over a chain of stages': (n) => `FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nENV A${i}=x\nRUN echo "$A${i}"`)}`,
  'many ARGs, then many RUNs naming one each': (n) => `FROM alpine:3\n${lines(n, (i) => `ARG A${i}`)}${lines(n, (i) => `RUN echo \${A${i}:-none} A${i}A`)}`,
};

function steps(text: string): number {
  const df = parseDockerfile(text, 'Dockerfile');
  const before = work.steps;
  runScripts(df);
  return work.steps - before;
}

describe('ShellCheck headers: the work grows linearly', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, { timeout: 60_000 }, () => {
      const n = 150;
      const small = steps(make(n));
      const big = steps(make(8 * n));
      assert.ok(small > n, `the shape exercises the look-ups (${small} steps at N)`);
      assert.ok(big <= 10 * small, `${big} steps at 8N vs ${small} at N: ${(big / small).toFixed(1)}×, more than linear`);
    });
  }
});

describe('ShellCheck headers: the names the script uses as words', () => {
  it('exports the visible names written as whole words, in order of first use, each once', () => {
    const visible = (n: string) => ['A', 'AB', 'VERSION', 'X', 'HTTP_PROXY'].includes(n);
    assert.deepEqual(mentionedNames('echo $AB ${X:-1} $((A+1)) "$AB" NODE_VERSION=1 1VERSION $HTTP_PROXY', visible), ['AB', 'X', 'A', 'HTTP_PROXY']);
  });

  it('a few visible names searched for in the script give what a lookup of its words gives', () => {
    const names = ['A', 'AB', 'B_1', 'VERSION', 'X', 'http_proxy', 'Z'];
    const bodies = ['echo $AB${A}1A $((X+B_1)) "$VERSION"', 'AB=1 A=2 X', '1A A1 _A A_ ${!A*} a', 'VERSION', '$http_proxy/$Z$Z', 'nothing here', ''];
    for (const body of bodies) assert.deepEqual(mentionedNames(body, names), mentionedNames(body, (n) => names.includes(n)), body);
  });

  it('a RUN gets the ARG/ENV and proxy names it uses, not every one visible to it', () => {
    const df = parseDockerfile('FROM alpine:3\nARG V=1\nARG VERSION=2\nENV HOME_DIR=/h\nRUN echo $VERSION $HTTP_PROXY && cd "${HOME_DIR}"\n', 'Dockerfile');
    const [script] = runScripts(df);
    assert.deepEqual(script!.text.split('\n'), ['#!/bin/sh', 'export VERSION=1', 'export HTTP_PROXY=1', 'export HOME_DIR=1', 'echo $VERSION $HTTP_PROXY && cd "${HOME_DIR}"']);
    assert.equal(script!.headerLines, 4, "the shebang and three exports");
  });
});
