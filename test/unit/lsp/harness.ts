// Drives `slipway lsp` over stdio with vscode-jsonrpc, as an editor would: the server is the esbuild
// bundle of the CLI (as dist/ ships it), run as a child process in a temporary workspace folder.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Client {
  dir: string;
  conn: MessageConnection;
  published: PublishDiagnosticsParams[];
  logs: string[];
  stderr: () => string;
  child: ChildProcess;
  /** The next diagnostics published for `uri` (with `version`, when given) matching `ok`, after `since` publications. */
  diagnostics(uri: string, version?: number, ok?: (d: Diagnostic[]) => boolean, since?: number): Promise<Diagnostic[]>;
  /** Opens `name` (written empty on disk unless `disk` is given: the server must use the editor's text). */
  open(name: string, text: string, languageId?: string, disk?: string): Promise<string>;
  change(uri: string, edits: TextEdit[]): Promise<number>;
  replace(uri: string, text: string): Promise<number>;
  apply(uri: string, edit: WorkspaceEdit): Promise<number>;
  text(uri: string): string;
  actionsAt(uri: string, d: Diagnostic): Promise<CodeAction[]>;
  stop(): void;
}

export interface StartOptions {
  capabilities?: object;
  initializationOptions?: object;
  trace?: 'off' | 'verbose';
  /** Files written before the server starts (path → text). */
  files?: Record<string, string>;
}

/** Bundles the CLI once per test file, inside the repository so its run-time requires (mvdan-sh) resolve. */
export async function bundle(): Promise<string> {
  const out = fileURLToPath(new URL(`../../../node_modules/.cache/slipway-lsp-test-${process.pid}/cli.cjs`, import.meta.url));
  await build({
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning',
    entryPoints: [new URL('../../../src/cli/bin.ts', import.meta.url).pathname], outfile: out,
    define: { __SLIPWAY_VERSION__: '"test"', 'import.meta.url': '__slipwayUrl' },
    banner: { js: "const __slipwayUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  return out;
}

export async function start(program: string, opts: StartOptions = {}): Promise<Client> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-'));
  for (const [name, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const child = spawn(process.execPath, [program, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  const waiters: (() => void)[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  conn.listen();
  const init = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(dir).href, trace: opts.trace ?? 'off',
    capabilities: { workspace: { workspaceEdit: { documentChanges: true } }, ...opts.capabilities },
    initializationOptions: { debounceMs: 20, ...opts.initializationOptions },
  });
  assert.equal((init as any).serverInfo.name, 'slipway');
  await conn.sendNotification('initialized', {});

  const docs = new Map<string, TextDocument>();
  const client: Client = {
    dir, conn, published, logs, child,
    stderr: () => stderr,
    async diagnostics(uri, version, ok = () => true, since = 0) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const hit = published.slice(since).reverse().find((p) => p.uri === uri && (version === undefined || p.version === version));
        if (hit && ok(hit.diagnostics)) return hit.diagnostics;
        assert.ok(Date.now() < deadline, `no diagnostics for ${uri} v${version}: ${JSON.stringify(hit?.diagnostics.map((d) => d.code))}; stderr: ${stderr}`);
        await new Promise<void>((r) => { waiters.push(r); setTimeout(r, 200); });
      }
    },
    async open(name, text, languageId = 'plaintext', disk = '') {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, disk);
      const uri = pathToFileURL(path).href;
      docs.set(uri, TextDocument.create(uri, languageId, 1, text));
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    async change(uri, edits) {
      const doc = docs.get(uri)!;
      const version = doc.version + 1;
      const changes = edits.map((e) => ({ range: e.range, text: e.newText }));
      docs.set(uri, TextDocument.update(doc, changes, version));
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
      return version;
    },
    replace(uri, text) {
      const doc = docs.get(uri)!;
      return client.change(uri, [{ range: { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) }, newText: text }]);
    },
    async apply(uri, edit) {
      const changes = edit.documentChanges as { textDocument: { uri: string; version: number }; edits: TextEdit[] }[];
      assert.equal(changes.length, 1);
      assert.equal(changes[0]!.textDocument.uri, uri);
      assert.equal(changes[0]!.textDocument.version, docs.get(uri)!.version);
      // An editor applies a TextEdit[] against the same text, so later ranges refer to the original text.
      return client.replace(uri, TextDocument.applyEdits(docs.get(uri)!, changes[0]!.edits));
    },
    text: (uri) => docs.get(uri)!.getText(),
    actionsAt: (uri, d) => conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }),
    stop() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return client;
}

export const rules = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
