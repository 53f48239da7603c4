// Between keystrokes the language server keeps each unchanged Dockerfile's rule findings: an edit to one
// file runs the Dockerfile rules again only where its change reaches (that file; the Dockerfiles a
// compose edit tells something new), and the result is always the one a fresh check gives.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { checkWorkspace, type FileCheck, type OpenDoc } from '../../../src/lsp/project-check.js';
import { NO_SETTINGS, type EditorSettings } from '../../../src/lsp/settings.js';
import { Workspace } from '../../../src/lsp/workspace.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-lsp-reuse-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'a/Dockerfile': 'FROM node:20-slim\nUSER node\nCMD ["node", "a.js"]\n',
  'b/Dockerfile': 'FROM node:20-slim AS tools\nRUN npm i\nFROM node:20-slim\nCMD node b.js\n',
  'compose.yaml': 'services:\n  a:\n    build: ./a\n  b:\n    build: ./b\n',
};
for (const [name, text] of Object.entries(FILES)) {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text);
}

const doc = (name: string, text = FILES[name]!, version = 1): OpenDoc => ({
  uri: `file://${join(root, name)}`,
  path: join(root, name),
  languageId: name.endsWith('.yaml') ? 'yaml' : 'dockerfile',
  version,
  text,
});
const of = (checks: FileCheck[], name: string) => checks.find((c) => c.doc.path === join(root, name))!.findings;
const rules = (checks: FileCheck[], name: string) => of(checks, name).map((f) => f.rule);
const plain = (checks: FileCheck[]) => checks.map((c) => [c.doc.path, c.findings.map((f) => ({ ...f }))]);

test('a keystroke in one Dockerfile reuses the other Dockerfile’s findings; a compose edit that reaches it does not', async () => {
  const ws = new Workspace(root, true);
  const check = (docs: OpenDoc[], editor: EditorSettings = NO_SETTINGS) => checkWorkspace(ws, docs, editor, () => false);
  const fresh = (docs: OpenDoc[], editor: EditorSettings = NO_SETTINGS) => checkWorkspace(new Workspace(root, true), docs, editor, () => false);
  let docs = [doc('a/Dockerfile'), doc('b/Dockerfile'), doc('compose.yaml')];
  const first = await check(docs);
  assert.ok(rules(first, 'b/Dockerfile').includes('cmd-exec-form'));
  assert.ok(rules(first, 'b/Dockerfile').includes('healthcheck-missing'));

  // A comment typed in a/Dockerfile: b's findings are the very same objects (not computed again), a's are new.
  docs = [doc('a/Dockerfile', `${FILES['a/Dockerfile']}# typing\n`, 2), docs[1]!, docs[2]!];
  const second = await check(docs);
  assert.ok(of(second, 'b/Dockerfile').length > 0);
  of(second, 'b/Dockerfile').forEach((f, i) => assert.equal(f, of(first, 'b/Dockerfile')[i]));
  assert.notEqual(of(second, 'a/Dockerfile')[0], of(first, 'a/Dockerfile')[0]);
  assert.deepEqual(plain(second), plain(await fresh(docs)));

  // compose gives b a healthcheck: b's facts changed, so its rules run again.
  docs = [docs[0]!, docs[1]!, doc('compose.yaml', `${FILES['compose.yaml']}    healthcheck:\n      test: ["CMD", "true"]\n`, 2)];
  const third = await check(docs);
  assert.ok(!rules(third, 'b/Dockerfile').includes('healthcheck-missing'));
  assert.deepEqual(plain(third), plain(await fresh(docs)));

  // The editor turns a rule off: every Dockerfile's rules run again.
  const off: EditorSettings = { rules: { 'cmd-exec-form': 'off' } };
  const fourth = await check(docs, off);
  assert.ok(!rules(fourth, 'b/Dockerfile').includes('cmd-exec-form'));
  assert.deepEqual(plain(fourth), plain(await fresh(docs, off)));

  // compose ships b's tools stage: the shipped stage moved, so its rules run again.
  // The compose text keeps the healthcheck, so b's facts are the same: only the stage tells.
  docs = [docs[0]!, docs[1]!, doc('compose.yaml', docs[2]!.text.replace('build: ./b', 'build:\n      context: ./b\n      target: tools'), 3)];
  const fifth = await check(docs, off);
  assert.notDeepEqual(plain(fifth), plain(fourth));
  assert.deepEqual(plain(fifth), plain(await fresh(docs, off)));
});
