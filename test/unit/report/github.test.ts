import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGithub } from '../../../src/report/github.js';
import { input } from './fixture.js';

test('github: exact workflow commands, escaped, paths relative to cwd', () => {
  assert.equal(
    formatGithub(input()),
    [
      '::error file=Dockerfile,line=1,col=1,endLine=1,endColumn=19,title=pin-base-image::Pin the base image: "node:latest" moves',
      '::warning file=Dockerfile,line=12,col=3,endLine=13,endColumn=8,title=cmd-exec-form::Use exec form: 100%25 of <signals>, & more,%0Asee: docs',
      '::notice file=api/Dockerfile,line=2,col=1,endLine=2,endColumn=5,title=label-style::Label keys should be lower-case',
      "::error file=worker/Dockerfile,title=parse-error::Unterminated heredoc 'EOF'",
      '',
    ].join('\n'),
  );
});

test('github: property values escape : and , as well as %, CR, LF', () => {
  const base = input().result.findings[0]!;
  const out = formatGithub(input({ result: { findings: [{ ...base, file: 'a,b:c%d\r\ne', message: 'x\r\ny' }], errors: [] } }));
  assert.equal(out, '::error file=a%2Cb%3Ac%25d%0D%0Ae,line=1,col=1,endLine=1,endColumn=19,title=pin-base-image::x%0D%0Ay\n');
});

test('github: nothing to report prints nothing', () => {
  assert.equal(formatGithub(input({ result: { findings: [], errors: [] } })), '');
});
