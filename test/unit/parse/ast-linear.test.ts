// ast-linear.ts replaces two of dockerfile-ast's functions whose cost is the product of two sizes of
// the file. They must answer exactly as dockerfile-ast's own (comments filed under the same stages in
// the same order; every heredoc field the same) on every committed Dockerfile, the real corpora when
// SLIPWAY_REAL_CORPUS / SLIPWAY_FRESH_CORPUS name them, and edge cases; and hostile files of both
// shapes must parse in seconds, where dockerfile-ast's own functions take many minutes (the timeout
// is the only timing here: generous, for a loaded machine).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { linearAst } from '../../../src/parse/dockerfile/ast-linear.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { committedDockerfiles } from './committed-dockerfiles.js';
import { EDGE_CASES, variants } from './edge-cases.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

type Ranged = { getRange(): unknown };

/** Where organizeComments filed each comment (by its index in the file's list) and every heredoc's fields. */
function answers(text: string): unknown {
  const df = DockerfileParser.parse(text) as any;
  const all: Ranged[] = df.getComments();
  const at = (cs: Ranged[]) => cs.map((c) => all.indexOf(c));
  const heredocs: unknown[] = [];
  const visit = (i: Instruction) => {
    const any = i as any;
    for (let round = 0; round < 2; round++) {
      heredocs.push(
        any.getHeredocs?.().map((h: any) => [h.getName(), h.getNameRange(), h.getStartRange(), h.getContentRange(), h.getDelimiterRange()]),
      );
    }
    const trigger = any.getTriggerInstruction?.();
    if (trigger) visit(trigger);
  };
  for (const i of df.getInstructions()) visit(i);
  return {
    comments: all.map((c) => c.getRange()),
    initial: at(df.initialInstructions.getComments()),
    stages: df.buildStages.map((s: { getComments(): Ranged[] }) => at(s.getComments())),
    heredocs,
  };
}

function assertSame(text: string, label: string): void {
  linearAst(false);
  const original = answers(text);
  linearAst(true);
  assert.deepStrictEqual(answers(text), original, label);
}

// Comments before, between, inside and after stages; a stage with only comments after it; comments in
// continuation lines; heredoc bodies with lines like their own and other heredocs' names.
const COMMENT_CASES = [
  '# a\nARG A\n# b\nFROM x AS one\n# c\nRUN a \\\n# in\n b\n# d\n\nFROM y\n# e\n# f\nFROM z\n',
  '# only\n# comments\n',
  'FROM a\n# c\n',
  '#x\nFROM a\nFROM b\n#y\nFROM c\n  # indented\nRUN x\n#z',
  'ARG A\n# c\n#d\nARG B\n',
  '# escape=`\n# c\nFROM a\nRUN x `\n# in\n y\n# after\n',
  'FROM a\nRUN <<EOF\n# not a comment\nEOF\n# a comment\nFROM b\n',
  'FROM a\nRUN <<"A" <<-B cat\nB\nA\n\tB\nB\nRUN <<A\nAA\n A\nA \nA\n',
  'FROM a\nCOPY <<"x y" /z\nx y\nONBUILD RUN <<E\nE\n',
];

describe('ast-linear answers as dockerfile-ast', () => {
  it('on edge cases, each as LF, CRLF, with a BOM and with lone CRs', () => {
    let n = 0;
    for (const [i, text] of [...EDGE_CASES, ...COMMENT_CASES].entries()) {
      for (const [kind, t] of variants(text)) {
        assertSame(t, `case ${i} (${kind}): ${JSON.stringify(t)}`);
        n++;
      }
    }
    assert.ok(n > 250);
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    const files = committedDockerfiles(ROOT);
    assert.ok(files.length > 50, `committed Dockerfiles found: ${files.length}`);
    let comments = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assertSame(text, file);
      comments += DockerfileParser.parse(text).getComments().length;
    }
    assert.ok(comments > 100, `comments compared: ${comments}`);
  });
});

describe('hostile shapes parse in linear time', () => {
  // 50,000 stages with a comment each (1.9 MB): ~1.3 billion range tests in dockerfile-ast's own
  // organizeComments (8,000 pairs took 3-15 s, x4 per doubling).
  it('50,000 `FROM … AS sN` / `# c` pairs', { timeout: 30_000 }, () => {
    linearAst(true);
    const text = Array.from({ length: 50_000 }, (_, i) => `FROM alpine AS s${i}\n# c${i}\nRUN true\n`).join('');
    const df = parseDockerfile(text, 'Dockerfile');
    assert.equal(df.stages.length, 50_000);
    assert.equal(df.comments.length, 50_000);
  });

  // A 200,000-character heredoc name over 200,000 body lines (1 MB): dockerfile-ast's own getHeredocs
  // copies the name once per line, 4e10 characters (32,000 x 32,000 took 17 s).
  for (const quote of ['', '"']) {
    it(`a heredoc with a 200,000-character ${quote ? 'quoted ' : ''}name and 200,000 lines`, { timeout: 30_000 }, () => {
      linearAst(true);
      const name = 'A'.repeat(200_000);
      const text = `FROM alpine\nRUN <<${quote}${name}${quote}\n${'x\n'.repeat(200_000)}${name}\nRUN true\n`;
      const df = parseDockerfile(text, 'Dockerfile');
      const heredoc = df.instructions[1]!.heredocs[0]!;
      assert.equal(heredoc.name, name);
      assert.equal(heredoc.terminated, true);
      assert.equal(heredoc.content, 'x\n'.repeat(199_999) + 'x');
      assert.equal(df.instructions.length, 3);
    });
  }
});
