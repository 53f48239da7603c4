// `slipway lsp` driven over stdio by vscode-jsonrpc, as an editor would: the server is the esbuild
// bundle of the CLI (as dist/ ships it), run as a child process in a temporary project.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-'));
// Inside the repository, so the bundle's run-time requires (mvdan-sh) resolve as dist/'s do.
const bundle = fileURLToPath(new URL(`../../../node_modules/.cache/slipway-lsp-test-${process.pid}/cli.cjs`, import.meta.url));
let child: ChildProcess;
let conn: MessageConnection;
let stderr = '';
const published: PublishDiagnosticsParams[] = [];
const waiters: (() => void)[] = [];

before(async () => {
  await build({
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    entryPoints: [new URL('../../../src/cli/bin.ts', import.meta.url).pathname], outfile: bundle,
    define: { __SLIPWAY_VERSION__: '"test"', 'import.meta.url': '__slipwayUrl' },
    banner: { js: "const __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  child = spawn(process.execPath, [bundle, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d) => (stderr += d));
  conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
    initializationOptions: { debounceMs: 20 },
  });
  assert.equal((init as any).serverInfo.name, 'slipway');
  await conn.sendNotification('initialized', {});
});
after(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(bundle), { recursive: true, force: true });
});

/** The next diagnostics published for `uri` (with `version`, when given) matching `ok`. */
async function diagnostics(uri: string, version?: number, ok: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const hit = published.find((p) => p.uri === uri && (version === undefined || p.version === version) && ok(p.diagnostics));
    if (hit) return hit.diagnostics;
    assert.ok(Date.now() < deadline, `no diagnostics for ${uri} v${version}; stderr: ${stderr}`);
    await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
  }
}

const docs = new Map<string, TextDocument>();
async function open(name: string, text: string, languageId = 'plaintext'): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, ''); // on disk empty: the server must use the editor's text
  const uri = pathToFileURL(path).href;
  docs.set(uri, TextDocument.create(uri, languageId, 1, text));
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}
async function change(uri: string, edits: TextEdit[]): Promise<number> {
  const doc = docs.get(uri)!;
  const version = doc.version + 1;
  docs.set(uri, TextDocument.update(doc, edits.map((e) => ({ range: e.range, text: e.newText })), version));
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
  return version;
}
async function apply(uri: string, edit: WorkspaceEdit): Promise<number> {
  const changes = edit.documentChanges as { textDocument: { uri: string; version: number }; edits: TextEdit[] }[];
  assert.equal(changes.length, 1);
  assert.equal(changes[0]!.textDocument.uri, uri);
  assert.equal(changes[0]!.textDocument.version, docs.get(uri)!.version);
  // An editor applies a TextEdit[] against the same text, so later ranges refer to the original text.
  const doc = docs.get(uri)!;
  const text = TextDocument.applyEdits(doc, changes[0]!.edits);
  const full = { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) };
  return change(uri, [{ range: full, newText: text }]);
}
const rules = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();
const actionsAt = (uri: string, d: Diagnostic): Promise<CodeAction[]> =>
  conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });

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
  assert.ok(!published.some((p) => p.uri === uri && p.version === v - 1), 'the debounced intermediate version is not checked');
});

test('a quick fix applied makes its diagnostic go away, and nothing else changes', async () => {
  const uri = await open('app.Dockerfile', DOCKERFILE);
  const ds = await diagnostics(uri, 1);
  const cmd = ds.find((d) => d.code === 'cmd-exec-form')!;
  const actions = await actionsAt(uri, cmd);
  const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'cmd-exec-form' && a.title.startsWith('Fix'))!;
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  const v = await apply(uri, fix.edit!);
  assert.equal(docs.get(uri)!.getText(), DOCKERFILE.replace('CMD node app.js', 'CMD ["node", "app.js"]'));
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
    docs.get(uri)!.getText(),
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nLABEL org.opencontainers.image.authors="me"\nCMD ["node", "app.js"]\n',
  );
  const left = await diagnostics(uri, v);
  assert.deepEqual(rules(left), ['apt-lists-cleanup', 'apt-pin-versions', 'healthcheck-missing', 'non-root-user']);

  const lists = left.find((d) => d.code === 'apt-lists-cleanup')!;
  const suppress = (await actionsAt(uri, lists)).find((a) => a.title === 'Suppress apt-lists-cleanup on this line')!;
  const v2 = await apply(uri, suppress.edit!);
  assert.match(docs.get(uri)!.getText(), /^FROM debian:12\n# slipway ignore=apt-lists-cleanup\nRUN apt-get/);
  assert.deepEqual(rules(await diagnostics(uri, v2)), ['apt-pin-versions', 'healthcheck-missing', 'non-root-user']);
  // source.fixAll is offered to clients that ask for it on save.
  const onSave: CodeAction[] = await conn.sendRequest('textDocument/codeAction', {
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
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  const workflow = await open('.github/workflows/ci.yml', 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n');
  await diagnostics(workflow, 1); // published (possibly empty): only files check reads are checked
  const other = await open('notes.txt', 'FROM x\n');
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(!published.some((p) => p.uri === other), 'a file check would not read gets no diagnostics');
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
  writeFileSync(join(dir, '.slipway.yaml'), 'rules:\n  maintainer-deprecated: [oops\n');
  const uri = await open('Dockerfile.cfg', 'FROM debian:12\nMAINTAINER me\n');
  const bad = await diagnostics(uri, 1);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!.message, /config error: .*\.slipway\.yaml:\d+:\d+: /);
  writeFileSync(join(dir, '.slipway.yaml'), 'rules:\n  maintainer-deprecated: off\n');
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.slipway.yaml')).href, type: 2 }] });
  await diagnostics(uri, 1, (ds) => ds.length > 0 && !ds.some((d) => /config error/.test(d.message)) && !rules(ds).includes('maintainer-deprecated'));
  rmSync(join(dir, '.slipway.yaml'));
});

test('close clears the diagnostics; shutdown and exit end the process with 0', async () => {
  const uri = await open('Dockerfile.close', DOCKERFILE);
  await diagnostics(uri, 1, (d) => d.length > 0);
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await diagnostics(uri, undefined, (d) => d.length === 0);
  await conn.sendRequest('shutdown');
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await conn.sendNotification('exit');
  assert.equal(await exited, 0);
  assert.equal(stderr, '');
});
