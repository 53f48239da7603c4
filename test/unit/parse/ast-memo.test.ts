// ast-memo.ts keeps each dockerfile-ast instruction's tokens after the first call: every getter must
// answer exactly as dockerfile-ast does without it, on every committed Dockerfile (and the real
// 25-repository corpus when SLIPWAY_REAL_CORPUS names its folder), read twice in a row.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { memoiseAst } from '../../../src/parse/dockerfile/ast-memo.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { dockerfilesUnder } from './committed-dockerfiles.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What every argument-reading getter of dockerfile-ast answers, for each instruction (ONBUILD's trigger too). */
function answers(text: string): unknown[] {
  const out: unknown[] = [];
  const visit = (i: Instruction) => {
    const any = i as any;
    const tokens = (xs: { getValue(): string; getRange(): unknown }[]) => xs.map((a) => [a.getValue(), a.getRange()]);
    for (let round = 0; round < 2; round++) {
      out.push(
        i.toString(),
        tokens(i.getArguments()),
        i.getArgumentsContent(),
        i.getRawArgumentsContent(),
        i.getArgumentsRange(),
        i.getArgumentsRanges(),
        tokens(i.getExpandedArguments()),
        any.getFlags?.().map((f: any) => [f.getName(), f.getValue(), f.getRange(), f.getOptions().map((o: any) => [o.getName(), o.getValue()])]),
        any.getHeredocs?.().map((h: any) => [h.getName(), h.getContentRange(), h.getDelimiterRange()]),
        any.getProperties?.().map((p: any) => [p.getName(), p.getValue(), p.getRange()]),
        any.getJSONStrings?.().map((s: any) => [s.getValue(), s.getRange()]),
        any.getImageName?.(),
      );
    }
    const trigger = any.getTriggerInstruction?.();
    if (trigger) visit(trigger);
  };
  for (const i of DockerfileParser.parse(text).getInstructions()) visit(i);
  return out;
}

it('every dockerfile-ast getter answers as without the kept tokens; the model is the same', () => {
  const files = [...dockerfilesUnder(join(ROOT, 'test')), ...dockerfilesUnder(join(ROOT, 'examples'))];
  if (process.env.SLIPWAY_REAL_CORPUS) files.push(...dockerfilesUnder(process.env.SLIPWAY_REAL_CORPUS));
  assert.ok(files.length > 50, `committed Dockerfiles found: ${files.length}`);
  let instructions = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    memoiseAst(false);
    const plain = answers(text);
    const plainModel = parseDockerfile(text, 'Dockerfile').instructions.map(({ stage: _s, trigger, ...rest }) => ({ ...rest, trigger: trigger?.argsText }));
    memoiseAst(true);
    assert.deepStrictEqual(answers(text), plain, file);
    const model = parseDockerfile(text, 'Dockerfile').instructions.map(({ stage: _s, trigger, ...rest }) => ({ ...rest, trigger: trigger?.argsText }));
    assert.deepStrictEqual(model, plainModel, file);
    instructions += plainModel.length;
  }
  assert.ok(instructions > 300, `instructions compared: ${instructions}`);
});
