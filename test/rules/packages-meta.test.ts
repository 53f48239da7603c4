// Every package rule: its `bad` example triggers it, its `good` example does not, and it never throws on odd input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfileText } from '../../src/engine/check-dockerfile.js';
import { NO_FACTS } from '../../src/project/facts.js';
import { packageRules } from '../../src/rules/dockerfile/packages/index.js';

const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };
const run = (rule: (typeof packageRules)[number], code: string) =>
  checkDockerfileText(code, 'Dockerfile', { rules: [{ rule, severity: rule.meta.severity }], settings, project: NO_FACTS }).findings;

const ODD = [
  '',
  'RUN',
  'FROM',
  'FROM alpine\nRUN\n',
  'FROM alpine\nRUN []\n',
  'FROM alpine\nRUN ["apt-get"]\n',
  'FROM alpine\nRUN [""]\n',
  'FROM alpine\nRUN apt-get\nRUN apk\nRUN pip\nRUN npm\nRUN yum\nRUN zypper\nRUN gem\nRUN go\nRUN yarn\nRUN curl\nRUN wget\n',
  'FROM alpine\nRUN $CMD install $PKG\nRUN apt-get $SUB\nRUN pip install "$@"\n',
  'FROM alpine\nRUN apt-get install -o\nRUN pip install -r\nRUN apk add --virtual\nRUN python -m\nRUN uv pip\n',
  'FROM alpine\nRUN <<EOF\napt-get install curl\nEOF\n',
  'FROM alpine\nRUN if then fi ((\n',
  'FROM alpine\nENV\nARG\nENV A\nARG B=\n',
  'FROM alpine\nONBUILD RUN apt-get install curl\n',
  'FROM a AS a\nFROM a AS b\nFROM b AS a\nRUN apt-get update\n',
  'RUN apt-get update\nFROM alpine\n',
  'FROM alpine\nRUN --mount=type=cache apt-get update\n',
];

describe('package rules: examples and robustness', () => {
  for (const rule of packageRules) {
    it(`${rule.meta.id}: bad triggers, good does not`, () => {
      assert.ok(run(rule, rule.meta.bad).length > 0, `bad example of ${rule.meta.id} does not trigger it`);
      assert.deepEqual(run(rule, rule.meta.good).map((f) => `${f.line}:${f.column} ${f.message}`), [], `good example of ${rule.meta.id}`);
    });
    it(`${rule.meta.id}: never throws`, () => {
      for (const code of ODD) run(rule, code);
    });
  }
});
