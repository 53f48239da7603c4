// The model reads a Dockerfile (and YAML) as Docker does: comment lines inside a continued
// instruction, quoted ARG/ENV values, empty Dockerfiles, aliases without an anchor.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkProject } from '../../../src/engine/check-project.js';
import { blankContinuations, parseDockerfile, unquote } from '../../../src/parse/dockerfile/parse.js';
import { scopeBefore } from '../../../src/parse/dockerfile/variables.js';
import { discover } from '../../../src/project/discover.js';
import { NO_FACTS } from '../../../src/project/facts.js';
import { projectOf } from '../../rules/project-harness.js';

describe('comment lines inside a continued instruction', () => {
  const cases: [string, string[]][] = [
    ['RUN apt-get update \\\n    # install curl\n    && apt-get install -y curl\n', ['apt-get', 'apt-get']],
    ['RUN a \\\n  # one\n  # two \\\n\n  && b\n', ['a', 'b']],
    ['RUN set -e; \\\n#no indent\n  c --x \\\n  # trailing\n  d\n', ['set', 'c']],
  ];
  for (const [run, names] of cases) {
    it(JSON.stringify(run), () => {
      const df = parseDockerfile(`FROM debian:12\n${run}`, 'Dockerfile');
      const sh = df.instructions[1]!.shell!;
      assert.equal(sh.error, null);
      assert.deepEqual(sh.commands.map((c) => c.name), names);
    });
  }
  it('keeps offsets', () => {
    const t = 'a \\\n  # c\n  b';
    assert.equal(blankContinuations(t, '\\').length, t.length);
  });
  it('keeps # lines of a heredoc body', () => {
    const df = parseDockerfile('FROM debian:12\nRUN <<EOF\n# a comment of the script\necho hi\nEOF\n', 'Dockerfile');
    assert.equal(df.instructions[1]!.shell!.error, null);
    assert.deepEqual(df.instructions[1]!.shell!.commands.map((c) => c.name), ['echo']);
  });
  it('with the backtick escape', () => {
    const df = parseDockerfile('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a `\n  # note\n  && b\n', 'Dockerfile');
    assert.deepEqual(df.instructions[1]!.shell!.commands.map((c) => c.name), ['a', 'b']);
  });
});

describe('ARG and ENV values as the builder reads them', () => {
  const cases: [string, string][] = [
    ['"/app"', '/app'],
    ["'/opt/venv'", '/opt/venv'],
    ['"3.12-slim"', '3.12-slim'],
    ['a\\ b', 'a b'],
    ['"a \\"b\\""', 'a "b"'],
    ['"C:\\path"', 'C:\\path'],
    ['""', ''],
    ["'$HOME'", '\\$HOME'],
    ['pre"mid"post', 'premidpost'],
  ];
  for (const [raw, want] of cases) it(`${raw} → ${want}`, () => assert.equal(unquote(raw), want));

  it('substitutes unquoted values, and leaves single-quoted $ alone', () => {
    const df = parseDockerfile(
      'ARG VARIANT="3.12-slim"\nFROM python:${VARIANT}\nENV APP_HOME="/app" \\\n    VENV=\'/opt/venv\' LIT=\'$APP_HOME\'\nWORKDIR $APP_HOME\n',
      'Dockerfile',
    );
    assert.equal(df.stages[0]!.image.resolved, 'python:3.12-slim');
    const scope = scopeBefore(df, df.instructions.at(-1)!);
    assert.equal(scope.get('APP_HOME'), '/app');
    assert.equal(scope.get('VENV'), '/opt/venv');
    assert.equal(scope.get('LIT'), '$APP_HOME');
  });
});

describe('files Docker refuses', () => {
  for (const text of ['', '# nothing here\n', '# syntax=docker/dockerfile:1\n\n# a comment\n']) {
    it(`${JSON.stringify(text)} is an error`, () => {
      const project = projectOf({ Dockerfile: text });
      const r = checkProject(project, { rules: [], settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false }, factsFor: () => NO_FACTS });
      assert.equal(r.errors.length, 1);
      assert.match(r.errors[0]!.message, /no instructions/);
    });
  }
  it('an alias without an anchor is an error at the alias', () => {
    const project = projectOf({ 'compose.yaml': 'services:\n  app:\n    image: nginx:1.27\n    environment:\n      A: ******\n      B: *missing\n' });
    const r = checkProject(project, { rules: [], settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false }, factsFor: () => NO_FACTS });
    assert.deepEqual(
      r.errors.map((e) => `${e.line}:${e.column}`),
      ['5:10', '6:10'],
    );
    assert.match(r.errors[1]!.message, /\*missing/);
  });
});

describe('the lowercase dockerfile', () => {
  it('is found when there is no Dockerfile, as the docker CLI finds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-lower-'));
    try {
      writeFileSync(join(dir, 'dockerfile'), 'FROM alpine:3.20\n');
      assert.deepEqual(discover([dir]).files.map((f) => f.kind), ['dockerfile']);
      writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
      assert.deepEqual(discover([dir]).files.map((f) => f.path.slice(dir.length + 1)), ['Dockerfile']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
