// `slipway lsp` on a workspace as a project: cross-file re-checks with unsaved texts, hover, editor
// settings through workspace/configuration, cancellation, and what a malformed request does.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node.js';
import type { Hover } from 'vscode-languageserver';
import { bundle, rules, start, type Client } from './harness.js';

let program: string;
const clients: Client[] = [];
before(async () => {
  program = await bundle();
});
after(() => {
  for (const c of clients) c.stop();
  rmSync(dirname(program), { recursive: true, force: true });
});
async function server(opts: Parameters<typeof start>[1] = {}): Promise<Client> {
  const c = await start(program, opts);
  clients.push(c);
  return c;
}

const DOCKERFILE = 'FROM node:20-slim AS build\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app\nUSER node\nCMD ["node", "/app/server.js"]\n';
const hoverText = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value ?? '';

test('editing a compose file re-checks the Dockerfile it builds, with both unsaved texts', async () => {
  const c = await server({ files: { 'app/Dockerfile': DOCKERFILE } });
  const df = await c.open('app/Dockerfile', DOCKERFILE, 'dockerfile', DOCKERFILE);
  assert.ok(rules(await c.diagnostics(df, 1)).includes('healthcheck-missing'));
  // The compose file exists only in the editor: its healthcheck covers the image the Dockerfile makes.
  const compose = await c.open(
    'compose.yaml',
    'services:\n  web:\n    build: ./app\n    healthcheck:\n      test: ["CMD", "node", "/app/health.js"]\n',
  );
  await c.diagnostics(df, 1, (ds) => !rules(ds).includes('healthcheck-missing'));
  // The healthcheck deleted (still unsaved): the Dockerfile is told again.
  await c.replace(compose, 'services:\n  web:\n    build: ./app\n');
  await c.diagnostics(df, 1, (ds) => rules(ds).includes('healthcheck-missing'));
});

test('editing a Dockerfile re-checks the compose file that builds it; closing falls back to the disk text', async () => {
  const compose = 'services:\n  api:\n    build:\n      context: ./api\n      target: prod\n';
  const c = await server({ files: { 'compose.yaml': compose, 'api/Dockerfile': DOCKERFILE } });
  const cu = await c.open('compose.yaml', compose, 'yaml', compose);
  const missing = (ds: { code?: unknown }[]) => ds.some((d) => d.code === 'compose-build-target-missing');
  assert.ok(missing(await c.diagnostics(cu, 1, missing)));
  // The stage appears in the unsaved Dockerfile: the compose file's finding goes.
  const df = await c.open('api/Dockerfile', DOCKERFILE.replace('FROM node:20-slim\n', 'FROM node:20-slim AS prod\n'), 'dockerfile', DOCKERFILE);
  await c.diagnostics(cu, 1, (ds) => !missing(ds));
  // Hover on the FROM: compose builds it, with the target that makes it ship.
  const h = hoverText(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: df }, position: { line: 2, character: 2 } }));
  assert.match(h, /\*\*Ships\*\*/);
  assert.match(h, /compose build target `prod`/);
  assert.match(h, /\*\*Compose\*\* builds it for `api` \(`compose\.yaml`, target `prod`\)/);
  assert.match(h, /\*\*A service image\*\*: CMD node server\.js/); // the image purpose, with its reason
  // Closed unsaved: the disk's Dockerfile (no `prod` stage) counts again.
  await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: df } });
  await c.diagnostics(cu, 1, missing);
});

test('hover: a finding explains its rule; FROM says whether the stage ships; project values stay code', async () => {
  const c = await server();
  const text = 'FROM [x](http://evil.example/`y`) AS build\nRUN make\nFROM debian:12\nMAINTAINER me\nCMD ["app"]\n';
  const uri = await c.open('Dockerfile', text, 'dockerfile');
  const ds = await c.diagnostics(uri, 1, (d) => d.length > 0);
  const m = ds.find((d) => d.code === 'maintainer-deprecated')!;
  const h = hoverText(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: m.range.start }));
  assert.match(h, /\*\*maintainer-deprecated\*\* \(error, /);
  assert.match(h, /\*\*Why:\*\* /);
  assert.match(h, /DL4000/);
  assert.match(h, /docs\/rules\/maintainer-deprecated\.md/);
  const build = hoverText(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }));
  assert.match(build, /Stage 1 of 2\*\* `build`/);
  assert.match(build, /Does not ship\*\*, and the shipped stage does not need it/);
  assert.ok(!/\]\(http:\/\/evil/.test(build.replace(/`[^`]*`/g, '')), build); // the link is inside code, not Markdown
  assert.match(build, /No compose service in the workspace builds this Dockerfile/);
  const last = hoverText(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 0 } }));
  assert.match(last, /\*\*Ships\*\*: this stage becomes the image \(the last stage\)/);
  assert.match(last, /Base image `debian`, tag `12`, no digest/);
  assert.match(last, /\*\*A (app|service|tool|base|toolchain|test) image\*\*: /); // what slipway decided the image is for, and why
  assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } }), null);
});

test('settings through workspace/configuration: rules off, threshold as hints; a change is picked up', async () => {
  let section: unknown = { rules: { 'maintainer-deprecated': 'off', DL9999: 'off' }, failureThreshold: 'error' };
  const asked: unknown[] = [];
  const warnings: string[] = [];
  const registered: unknown[] = [];
  const c = await start(program, {
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  clients.push(c);
  c.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
    asked.push(...p.items);
    return p.items.map(() => section);
  });
  c.conn.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => void registered.push(...p.registrations));
  c.conn.onNotification('window/showMessage', (p: { message: string }) => warnings.push(p.message));
  const uri = await c.open('Dockerfile', 'FROM debian:12\nMAINTAINER me\nRUN apt-get install curl\n', 'dockerfile');
  const ds = await c.diagnostics(uri, 1, (d) => d.length > 0 && !rules(d).includes('maintainer-deprecated'));
  const warning = ds.find((d) => d.code === 'apt-get-yes')!;
  assert.equal(warning.severity, 4, 'a warning does not fail at threshold error: a hint');
  assert.equal((warning.data as { severity: string }).severity, 'warning');
  assert.ok(asked.some((i) => (i as { section: string }).section === 'slipway'));
  assert.ok(warnings.some((w) => /unknown rule 'DL9999'/.test(w)), JSON.stringify(warnings));
  const watchers = JSON.stringify(registered);
  assert.match(watchers, /workspace\/didChangeWatchedFiles/);
  assert.match(watchers, /\.slipway\.\{yaml,yml\}/);
  // The editor's setting changes: asked again, checked again.
  section = { rules: { 'apt-get-yes': 'off' } };
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const again = await c.diagnostics(uri, 1, (d) => rules(d).includes('maintainer-deprecated') && !rules(d).includes('apt-get-yes'));
  assert.equal(again.find((d) => d.code === 'maintainer-deprecated')!.severity, 1);
  // Settings that are not an object are a warning, never a crash.
  section = 42;
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await c.diagnostics(uri, 1, (d) => rules(d).includes('apt-get-yes'));
  assert.ok(warnings.some((w) => /expected an object/.test(w)));
});

test('.slipway.yaml is read once, not per keystroke, and again when it changes', async () => {
  const c = await server({ files: { '.slipway.yaml': 'rules:\n  maintainer-deprecated: off\n' } });
  const uri = await c.open('Dockerfile', 'FROM debian:12\nMAINTAINER me\n', 'dockerfile');
  assert.ok(!rules(await c.diagnostics(uri, 1)).includes('maintainer-deprecated'));
  // Same size and a new mtime: the config's stamp changed, so it is read again (no watcher needed).
  writeFileSync(join(c.dir, '.slipway.yaml'), 'rules:\n  cmd-exec-form: off\n');
  const v = await c.replace(uri, 'FROM debian:12\nMAINTAINER us\n');
  assert.ok(rules(await c.diagnostics(uri, v)).includes('maintainer-deprecated'));
});

test('a newer edit stops the check in progress; a cancelled request is answered at once', async () => {
  // Twenty Dockerfiles of 150 lines: a check long enough to be interrupted between Dockerfiles.
  const files: Record<string, string> = {};
  const big = (n: number) => ['FROM debian:12', ...Array.from({ length: 150 }, (_, i) => `RUN apt-get update && apt-get install -y p${n}x${i} && rm -rf /var/lib/apt/lists/*`)].join('\n') + '\n';
  for (let n = 0; n < 20; n++) files[`svc${n}/Dockerfile`] = big(n);
  const c = await server({ trace: 'verbose', files });
  const t0 = Date.now();
  const uri = await c.open('svc0/Dockerfile', big(0), 'dockerfile', big(0));
  await new Promise((r) => setTimeout(r, 30));
  // While the worker checks: hovers the editor cancels (before and after the server took them) are answered at once.
  const early = new CancellationTokenSource();
  const late = new CancellationTokenSource();
  const hover = (token: CancellationTokenSource['token']) => c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }, token);
  const first = hover(early.token);
  early.cancel();
  const second = hover(late.token);
  first.catch(() => {});
  second.catch(() => {});
  await new Promise((r) => setTimeout(r, 50));
  late.cancel();
  const answers = await Promise.allSettled([first, second]);
  for (const a of answers) assert.ok(a.status === 'rejected' && (a.reason as { code?: number }).code === -32800, JSON.stringify(a));
  assert.ok(!c.published.some((p) => p.uri === uri), `the cancels were answered while the check still ran (${Date.now() - t0} ms)`);
  const v = await c.replace(uri, big(0).replace('FROM debian:12', 'FROM debian:12\nMAINTAINER me'));
  const ds = await c.diagnostics(uri, v);
  assert.ok(rules(ds).includes('maintainer-deprecated'));
  assert.ok(!c.published.some((p) => p.uri === uri && p.version === 1), 'the superseded version is never published');
  assert.ok(c.logs.some((l) => /check of .* stopped: the workspace changed/.test(l)), JSON.stringify(c.logs));
});

test('requests on unknown or stale documents and odd positions get empty answers, never a crash', async () => {
  const c = await server();
  const uri = await c.open('Dockerfile', 'FROM debian:12\n', 'dockerfile');
  await c.diagnostics(uri, 1);
  assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } }), null);
  assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 999, character: -5 } }), null);
  assert.deepEqual(await c.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 50, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } }), []);
  await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere/x', version: 3 }, contentChanges: [{ text: 'x' }] });
  const v = await c.replace(uri, 'FROM debian:12\nMAINTAINER me\n');
  assert.ok(rules(await c.diagnostics(uri, v)).includes('maintainer-deprecated'));
  assert.equal(c.stderr(), '');
});

test('ShellCheck findings follow the rules’ ones; an unchanged script is not run again', async () => {
  const c = await server();
  const text = 'FROM debian:12\nRUN echo $1 > /tmp/x\nUSER 1000\nCMD ["app"]\n';
  const uri = await c.open('Dockerfile', text, 'dockerfile');
  const ds = await c.diagnostics(uri, 1, (d) => d.some((x) => x.code === 'SC2086'));
  const sc = ds.find((d) => d.code === 'SC2086')!;
  assert.deepEqual(sc.range.start, { line: 1, character: 9 });
  assert.equal(sc.codeDescription!.href, 'https://www.shellcheck.net/wiki/SC2086');
  const h = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: sc.range.start })) as Hover;
  assert.match(hoverText(h), /\*\*SC2086\*\* .*ShellCheck wiki/);
  // Another line edited: the RUN script is known, so its finding is in the first publication of the new version.
  const since = c.published.length;
  const v = await c.replace(uri, text.replace('USER 1000', 'USER 1001'));
  await c.diagnostics(uri, v, () => true, since);
  const first = c.published.slice(since).find((p) => p.uri === uri && p.version === v)!;
  assert.ok(first.diagnostics.some((d) => d.code === 'SC2086'), JSON.stringify(first.diagnostics.map((d) => d.code)));
});

test('a file changed on disk (a watched-file event) and a saved .env reach the kept views: diagnostics follow, keystrokes keep them', async () => {
  const dockerfile = 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';
  const compose = 'services:\n  web:\n    build: ./app\n    image: "web:${TAG}"\n';
  const c = await server({ files: { 'app/Dockerfile': dockerfile, 'app/server.js': '', 'app/.env': 'PORT=8080\n', 'compose.yaml': compose, '.env': 'TAG=1\n' } });
  const df = await c.open('app/Dockerfile', dockerfile, 'dockerfile', dockerfile);
  const cu = await c.open('compose.yaml', compose, 'yaml', compose);
  const secret = (ds: { code?: unknown }[]) => ds.some((d) => String(d.code).startsWith('context-secret'));
  const undefinedTag = (ds: { code?: unknown }[]) => ds.some((d) => d.code === 'compose-undefined-variable');
  assert.ok(!secret(await c.diagnostics(df, 1)));
  assert.ok(!undefinedTag(await c.diagnostics(cu, 1)));
  const watched = (name: string) => c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${join(c.dir, name)}`, type: 2 }] });

  // A context file now holds a key: the Dockerfile's diagnostics say it is sent, and the next keystroke still does.
  writeFileSync(join(c.dir, 'app/.env'), 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  await watched('app/.env');
  await c.diagnostics(df, 1, secret);
  const v = await c.change(df, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '# typing\n' }]);
  assert.ok(secret(await c.diagnostics(df, v)));

  // The .env compose interpolates with loses TAG on disk: the unchanged compose text now uses an undefined variable.
  writeFileSync(join(c.dir, '.env'), 'OTHER=1\n');
  await watched('.env');
  await c.diagnostics(cu, 1, undefinedTag);

  // Both put back: both findings go.
  writeFileSync(join(c.dir, 'app/.env'), 'PORT=8080\n');
  writeFileSync(join(c.dir, '.env'), 'TAG=1\n');
  await watched('.env');
  await c.diagnostics(df, v, (ds) => !secret(ds));
  await c.diagnostics(cu, 1, (ds) => !undefinedTag(ds));
});
