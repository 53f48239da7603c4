// Context and env rules never throw: odd COPY/ADD words, broken .dockerignore patterns, binary and
// malformed env files, compose text of any shape — on a real folder, 500 generated cases.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkProject } from '../../../src/engine/check-project.js';
import { buildProject } from '../../../src/project/build.js';
import { NO_FACTS } from '../../../src/project/facts.js';
import { contextRules } from '../../../src/rules/context/index.js';
import { envRules } from '../../../src/rules/env/index.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-ctx-robust-'));
after(() => rmSync(root, { recursive: true, force: true }));

const WORDS = ['.', './', '/', '..', '../..', '*', '**', '[', '[a-', '\\', '${X}', '${X:-a}', '$', '"', "'", '["a"', '<<EOF', '--from=x', '--chown=1', 'a b', '.env', '.git', 'node_modules', 'x/../../y', '~', '', ' ', '\t', '#', '!', 'é', '\u0000'];
const IGNORE = ['*', '!', '!*', '**', '/', '//', '[', '[]', '\\', '#x', '  ', '!.env', '../x', '**/**/a', 'a/**/', '\r', '*.[ch]', '?'];

function rnd(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

test('500 generated projects: no rule throws', () => {
  writeFileSync(join(root, 'a'), 'x');
  writeFileSync(join(root, '.env'), 'A=1');
  const r = rnd(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const rules = [...contextRules, ...envRules].map((rule) => ({ rule, severity: rule.meta.severity }));
  for (let i = 0; i < 500; i++) {
    const words = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(WORDS)).join(' ');
    const df = `FROM x\nARG X\n${pick(['COPY', 'ADD', 'copy'])} ${words}\n${r() < 0.3 ? `COPY ["${pick(WORDS)}", "${pick(WORDS)}"]\n` : ''}`;
    const ig = Array.from({ length: Math.floor(r() * 4) }, () => pick(IGNORE)).join('\n');
    const env = Array.from({ length: Math.floor(r() * 4) }, () => pick(['A=1', 'B = 2', '"', "C='", 'export', '=', '\u0000\u0001', 'D="a\\"', 'E'])).join(pick(['\n', '\r\n']));
    const compose = `services:\n  a:\n    image: ${pick(['${', '${A', '$${B}', '${C:-', '${D}', '"${E}', "'"])}\n`;
    writeFileSync(join(root, 'Dockerfile'), df);
    const project = buildProject(root, [
      { kind: 'dockerfile', path: 'Dockerfile', absPath: join(root, 'Dockerfile'), text: df },
      { kind: 'dockerignore', path: '.dockerignore', absPath: join(root, '.dockerignore'), text: ig },
      { kind: 'env', path: '.env', absPath: join(root, '.env'), text: env },
      { kind: 'compose', path: 'compose.yaml', absPath: join(root, 'compose.yaml'), text: compose },
    ]);
    assert.doesNotThrow(
      () => checkProject(project, { rules, settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false }, factsFor: () => NO_FACTS }),
      `case ${i}:\n${df}\n--- .dockerignore\n${ig}\n--- .env\n${env}`,
    );
  }
});
