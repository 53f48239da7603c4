// `slipway lsp` driven over stdio by vscode-jsonrpc, as an editor would (harness.ts): one server, one
// workspace folder, many documents.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { bundle, rules, start, type Client } from './harness.js';

let c: Client;
let program: string;
before(async () => {
  program = await bundle();
  c = await start(program);
});
after(() => {
  c?.stop();
  rmSync(dirname(program), { recursive: true, force: true });
});
const dir = () => c.dir;
const published = () => c.published;
const diagnostics = (uri: string, version?: number, ok?: (d: Diagnostic[]) => boolean) => c.diagnostics(uri, version, ok);
const open = (name: string, text: string, languageId?: string) => c.open(name, text, languageId);
const change = (uri: string, edits: TextEdit[]) => c.change(uri, edits);
const apply = (uri: string, edit: WorkspaceEdit) => c.apply(uri, edit);
const actionsAt = (uri: string, d: Diagnostic): Promise<CodeAction[]> => c.actionsAt(uri, d);

const DOCKERFILE = 'FROM debian:12\nRUN apt-get update && apt-get install curl\nMAINTAINER me\nCMD node app.js\n';

test('open a Dockerfile: the findings of `slipway check`, with rule ids, aliases, doc links and severities', async () => {
  const uri = await open('Dockerfile', DOCKERFILE);
  const ds = await diagnostics(uri, 1);
  assert.deepEqual(rules(ds), ['apt-get-yes', 'apt-lists-cleanup', 'apt-no-install-recommends', 'apt-pin-versions', 'cmd-exec-form', 'healthcheck-missing', 'maintainer-deprecated', 'non-root-user'], JSON.stringify(ds));
  const yes = ds.find((d) => d.code === 'apt-get-yes')!;
  assert.deepEqual(yes.range, { start: { line: 1, character: 22 }, end: { line: 1, character: 37 } });
  assert.equal(yes.severity, 2); // warning
  assert.match(yes.codeDescription!.href, /docs\/rules\/apt-get-yes\.md$/);
  assert.ok((yes.data as any).aliases.includes('DL3014'));
  assert.match(yes.message, /DL3014/);
  assert.equal(ds.find((d) => d.code === 'maintainer-deprecated')!.severity, 1); // error
});

test('a change re-checks the unsaved text; only the newest version is published', async () => {
  const uri = await open('Dockerfile.dev', DOCKERFILE);
  await diagnostics(uri, 1);
  // Two quick edits: delete the MAINTAINER line, then add -y.
  await change(uri, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '' }]);
  const v = await change(uri, [{ range: { start: { line: 1, character: 37 }, end: { line: 1, character: 37 } }, newText: ' -y' }]);
  const ds = await diagnostics(uri, v);
  assert.ok(!rules(ds).includes('maintainer-deprecated'));
  assert.ok(!rules(ds).includes('apt-get-yes'));
  assert.ok(rules(ds).includes('cmd-exec-form'));
  assert.ok(!published().some((p) => p.uri === uri && p.version === v - 1), 'the debounced intermediate version is not checked');
});

test('a quick fix applied makes its diagnostic go away, and nothing else changes', async () => {
  const uri = await open('app.Dockerfile', DOCKERFILE);
  const ds = await diagnostics(uri, 1);
  const cmd = ds.find((d) => d.code === 'cmd-exec-form')!;
  const actions = await actionsAt(uri, cmd);
  const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'cmd-exec-form' && a.title.startsWith('Fix'))!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const v = await apply(uri, fix.edit!);
  assert.equal(c.text(uri), DOCKERFILE.replace('CMD node app.js', 'CMD ["node", "app.js"]'));
  const after = await diagnostics(uri, v);
  assert.deepEqual(rules(after), rules(ds).filter((r) => r !== 'cmd-exec-form'));
});

test('fix all in file gives what `check --fix` writes; suppress inserts the pragma and the finding goes', async () => {
  const uri = await open('Dockerfile.all', DOCKERFILE);
  const ds = await diagnostics(uri, 1);
  const actions = await actionsAt(uri, ds.find((d) => d.code === 'apt-get-yes')!);
  const all = actions.find((a) => a.kind === 'quickfix' && /Fix all/.test(a.title))!;
  const v = await apply(uri, all.edit!);
  assert.equal(
    c.text(uri),
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nLABEL org.opencontainers.image.authors="me"\nCMD ["node", "app.js"]\n',
  );
  const left = await diagnostics(uri, v);
  assert.deepEqual(rules(left), ['apt-lists-cleanup', 'apt-pin-versions', 'healthcheck-missing', 'non-root-user']);

  const lists = left.find((d) => d.code === 'apt-lists-cleanup')!;
  const suppress = (await actionsAt(uri, lists)).find((a) => a.title === 'Suppress apt-lists-cleanup on this line')!;
  const v2 = await apply(uri, suppress.edit!);
  assert.match(c.text(uri), /^FROM debian:12\n# slipway ignore=apt-lists-cleanup\nRUN apt-get/);
  assert.deepEqual(rules(await diagnostics(uri, v2)), ['apt-pin-versions', 'healthcheck-missing', 'non-root-user']);
  // source.fixAll is offered to clients that ask for it on save.
  const onSave: CodeAction[] = await c.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: lists.range, context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.deepEqual(onSave, []); // nothing fixable is left
});

test('compose files, env files and workflows get diagnostics too', async () => {
  const compose = await open('compose.yaml', 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n');
  const cds = await diagnostics(compose, 1, (d) => d.length > 0);
  assert.ok(cds.every((d) => typeof d.code === 'string' && d.source === 'slipway'));
  assert.ok(cds.some((d) => d.range.start.line === 3), JSON.stringify(rules(cds)));
  const env = await open('.env', 'DATABASE_URL=postgres://app:hunter2@db/app\n');
  await diagnostics(env, 1);
  mkdirSync(join(dir(), '.github/workflows'), { recursive: true });
  const workflow = await open('.github/workflows/ci.yml', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n');
  await diagnostics(workflow, 1); // published (possibly empty): only files check reads are checked
  const other = await open('notes.txt', 'FROM x\n');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!published().some((p) => p.uri === other), 'a file check would not read gets no diagnostics');
});

test('malformed documents never crash the server: errors at their position', async () => {
  const compose = await open('docker-compose.yml', 'services:\n  web: [unclosed\n  x: {\n');
  const ds = await diagnostics(compose, 1, (d) => d.length > 0);
  assert.ok(ds.some((d) => d.severity === 1 && d.range.start.line >= 1), JSON.stringify(ds));
  const binary = await open('Dockerfile.bin', 'FROM \u0000\u0001\uffff\nRUN \\\n\\\n<<EOF\n');
  await diagnostics(binary, 1);
  const huge = await open('Dockerfile.huge', `FROM debian:12\n${'RUN echo x \\\n'.repeat(5000)}\n`);
  await diagnostics(huge, 1);
  // Still answering.
  const uri = await open('Dockerfile.alive', 'FROM debian:12\nMAINTAINER me\n');
  assert.ok(rules(await diagnostics(uri, 1)).includes('maintainer-deprecated'));
});

test('a bad .slipway.yaml is a diagnostic; a fixed one counts without a restart', async () => {
  writeFileSync(join(dir(), '.slipway.yaml'), 'rules:\n  maintainer-deprecated: [oops\n');
  const uri = await open('Dockerfile.cfg', 'FROM debian:12\nMAINTAINER me\n');
  const bad = await diagnostics(uri, 1);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.message, /config error: .*\.slipway\.yaml:\d+:\d+: /);
  writeFileSync(join(dir(), '.slipway.yaml'), 'rules:\n  maintainer-deprecated: off\n');
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir(), '.slipway.yaml')).href, type: 2 }] });
  await diagnostics(uri, 1, (ds) => ds.length > 0 && !ds.some((d) => /config error/.test(d.message)) && !rules(ds).includes('maintainer-deprecated'));
  rmSync(join(dir(), '.slipway.yaml'));
});

test('close clears the diagnostics; shutdown and exit end the process with 0', async () => {
  const uri = await open('Dockerfile.close', DOCKERFILE);
  await diagnostics(uri, 1, (d) => d.length > 0);
  await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await diagnostics(uri, undefined, (d) => d.length === 0);
  await c.conn.sendRequest('shutdown');
  const exited = new Promise<number | null>((r) => c.child.on('exit', (code) => r(code)));
  await c.conn.sendNotification('exit');
  assert.equal(await exited, 0);
  assert.equal(c.stderr(), '');
});
