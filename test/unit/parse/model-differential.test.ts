// parse.ts builds the Dockerfile model from as few dockerfile-ast calls as it can; model-oracle.ts is the
// model as it was built before, every field through dockerfile-ast's accessors. The two must be equal,
// every field and every offset, on every committed Dockerfile, on edge cases written here (heredocs,
// continuations with comments, the escape directive, CRLF, BOM, odd JSON, empty instructions), and on
// the real corpora when SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS name their folders.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Dockerfile, Instruction, Stage } from '../../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { committedDockerfiles } from './committed-dockerfiles.js';
import { oracleDockerfile } from './model-oracle.js';
import { EDGE_CASES, variants } from './edge-cases.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Every field of the model as plain data: stages and instructions by index, maps and sets as lists. */
export function modelJson(df: Dockerfile): unknown {
  const inst = (i: Instruction): unknown => ({
    index: i.index,
    keyword: i.keyword,
    keywordText: i.keywordText,
    start: i.start,
    end: i.end,
    keywordEnd: i.keywordEnd,
    line: i.line,
    flags: i.flags.map((f) => ({ ...f, options: [...f.options] })),
    args: i.args,
    argsText: i.argsText,
    argsStart: i.argsStart,
    json: i.json,
    heredocs: i.heredocs,
    properties: i.properties,
    stage: i.stage?.index ?? null,
    trigger: i.trigger ? inst(i.trigger) : null,
  });
  const stage = (s: Stage): unknown => ({
    index: s.index,
    name: s.name,
    from: s.from.index,
    image: { ...s.image, stage: s.image.stage?.index ?? null },
    instructions: s.instructions.map((i) => i.index),
    shipped: s.shipped,
    dependsOn: [...s.dependsOn].map((d) => d.index).sort((a, b) => a - b),
  });
  return {
    path: df.path,
    text: df.text,
    lines: df.lines.starts,
    escapeChar: df.escapeChar,
    directives: df.directives,
    comments: df.comments,
    instructions: df.instructions.map(inst),
    globalArgs: df.globalArgs.map((i) => i.index),
    stages: df.stages.map(stage),
    shipped: df.shipped?.index ?? null,
  };
}

function assertSame(text: string, label: string): void {
  assert.deepStrictEqual(modelJson(parseDockerfile(text, 'Dockerfile')), modelJson(oracleDockerfile(text, 'Dockerfile')), label);
}

describe('the model equals the oracle (every field, every offset)', () => {
  it('on edge cases, each as LF, CRLF, with a BOM and with lone CRs', () => {
    let n = 0;
    for (const [i, text] of EDGE_CASES.entries()) {
      for (const [kind, t] of variants(text)) {
        assertSame(t, `edge case ${i} (${kind}): ${JSON.stringify(t)}`);
        n++;
      }
    }
    assert.equal(n, EDGE_CASES.length * 5);
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    const files = committedDockerfiles(ROOT);
    assert.ok(files.length > 50, `committed Dockerfiles found: ${files.length}`);
    let instructions = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assertSame(text, file);
      instructions += parseDockerfile(text, file).instructions.length;
    }
    assert.ok(instructions > 300, `instructions compared: ${instructions}`);
  });
});
