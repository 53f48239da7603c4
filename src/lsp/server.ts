// `slipway lsp [--stdio]`: a Language Server Protocol server over standard input/output.
// This thread only talks to the editor: it keeps the open documents, debounces edits per workspace
// folder, and hands the checking to a worker thread (worker.ts) so it always answers at once.
// Nothing but LSP messages may go to stdout.

import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CliIO } from '../cli/io.js';
import { EXIT } from '../errors.js';
import { isInside } from '../project/read-file.js';
import { FIX_ALL_KIND } from './actions.js';
import { documentKind } from './document-kind.js';
import { ROOT_SLOTS, type Published } from './messages.js';
import type { OpenDoc } from './project-check.js';
import { NO_SETTINGS, parseSettings, type EditorSettings } from './settings.js';
import { CheckWorker } from './worker-client.js';

export const LSP_HELP = `Usage: slipway lsp [--stdio]

Runs slipway as a Language Server Protocol server on standard input/output, for editors: the findings
of 'slipway check' on each open Dockerfile, compose file, .dockerignore, workflow and env file as you
type (unsaved text; a workspace folder is checked as 'slipway check .' there, so editing a compose file
re-checks the Dockerfiles it builds), each fix as a quick fix, "fix all" and "suppress this rule on this
line"; hover explains a finding's rule, and on FROM what slipway knows about the stage.
ShellCheck's findings follow the rules' ones once shellcheck has seen a new or edited RUN script.

Editor settings (workspace/configuration, section "slipway"), over .slipway.yaml:
  failureThreshold   error, warning, info, style or none: findings that would not fail 'slipway check'
                     are shown as hints
  rules              rule id or alias -> error, warning, info, style or off

Options:
      --stdio    talk over standard input/output (the default and only transport)
  -h, --help     show this help
`;

/** Quiet time after the last keystroke before a workspace is checked (initializationOptions.debounceMs). */
const DEBOUNCE_MS = 150;

/** Files whose change on disk changes a check: watched when the client lets the server ask. */
const WATCHED = [
  '**/.slipway.{yaml,yml}',
  '**/.hadolint.{yaml,yml}',
  '**/{Dockerfile,Containerfile,dockerfile}*',
  '**/*.{Dockerfile,dockerfile}',
  '**/{compose,docker-compose}*.{yaml,yml}',
  '**/*.dockerignore',
  '**/.dockerignore',
  '**/.env*',
  '**/.github/workflows/*.{yaml,yml}',
  '**/.gitignore',
];

export async function runLsp(argv: string[], io: CliIO): Promise<number> {
  if (!isMainThread && (workerData as { slipwayLspWorker?: boolean } | undefined)?.slipwayLspWorker) {
    const { runWorker } = await import('./worker.js');
    runWorker();
    return new Promise<number>(() => {}); // until the server ends the worker
  }
  const { values } = parseArgs({ args: argv, options: { stdio: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  if (values.help) {
    io.stdout(LSP_HELP);
    return EXIT.clean;
  }
  const connection = createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  serve(connection, io.cwd);
  connection.listen();
  return new Promise<number>(() => {}); // the `exit` notification (or stdin closing) ends the process
}

export function serve(connection: Connection, cwd: string): void {
  const documents = new TextDocuments(TextDocument);
  const worker = new CheckWorker(
    () => documents.all().map(openDoc).filter((d): d is OpenDoc => d !== null),
    (message) => connection.console.error(message),
    (results) => void publish(results),
  );
  let roots: string[] = [];
  let debounceMs = DEBOUNCE_MS;
  let pullsConfiguration = false;
  /** initialize's trace 'verbose': say what the server does (window/logMessage). */
  let tracing = false;
  let settings = new Map<string, EditorSettings>();
  let settingsLoaded: Promise<void> = Promise.resolve();
  const generations = new Map<string, number>();
  const slots = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();
  /** What was last published per document, so an unchanged neighbour is not re-sent. */
  const published = new Map<string, { version: number; key: string }>();
  const warned = new Set<string>();

  connection.onInitialize((params) => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    if (!roots.length) roots = [cwd];
    const opt = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof opt === 'number' && opt >= 0) debounceMs = opt;
    tracing = params.trace === 'verbose';
    const caps = params.capabilities.workspace;
    pullsConfiguration = Boolean(caps?.configuration);
    connection.onInitialized(() => {
      if (caps?.didChangeConfiguration?.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
      if (caps?.didChangeWatchedFiles?.dynamicRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
      }
      if (pullsConfiguration) recheckAll((settingsLoaded = loadSettings()));
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'slipway' },
    };
  });

  /** The workspace folder holding the file (the innermost), or its own folder when none does. */
  function placeOf(path: string): { root: string; loose: boolean } {
    const root = roots.filter((r) => isInside(r, path)).sort((a, b) => b.length - a.length)[0];
    return root ? { root, loose: false } : { root: dirname(path), loose: true };
  }

  function openDoc(doc: TextDocument): OpenDoc | null {
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : null;
    if (!path || !documentKind(path, doc.languageId)) return null;
    return { uri: doc.uri, path, languageId: doc.languageId, version: doc.version, text: doc.getText() };
  }

  /** A newer state of the workspace: a check of an older one stops where it is. */
  function bump(root: string): void {
    if (!slots.has(root)) slots.set(root, Math.min(slots.size, ROOT_SLOTS - 1));
    const generation = (generations.get(root) ?? 0) + 1;
    generations.set(root, generation);
    worker.setGeneration(slots.get(root)!, generation);
  }

  function schedule(root: string, delay: number): void {
    clearTimeout(timers.get(root));
    timers.set(
      root,
      setTimeout(() => {
        timers.delete(root);
        run(root).catch((e) => connection.console.error(`slipway: checking ${root}: ${(e as Error)?.stack ?? e}`));
      }, delay),
    );
  }

  async function run(root: string): Promise<void> {
    await settingsLoaded;
    const docs = documents.all().map(openDoc).filter((d): d is OpenDoc => d !== null && placeOf(d.path).root === root);
    if (!docs.length) return;
    const generation = generations.get(root) ?? 0;
    const { loose } = placeOf(docs[0]!.path);
    const r = await worker.check({ type: 'check', root, loose, uris: docs.map((d) => d.uri), settings: settingsFor(root, loose), slot: slots.get(root) ?? 0, generation });
    if (r.cancelled) {
      if (tracing) connection.console.log(`slipway: check of ${root} stopped: the workspace changed`);
      // Stopped for a newer edit, which schedules its own check; otherwise (the worker died) try again.
      if (generations.get(root) === generation) schedule(root, debounceMs);
      return;
    }
    await publish(r.results);
  }

  async function publish(results: Published[]): Promise<void> {
    for (const p of results) {
      if (documents.get(p.uri)?.version !== p.version) continue; // edited meanwhile: the next check publishes
      const key = JSON.stringify(p.diagnostics);
      const last = published.get(p.uri);
      if (last && last.version === p.version && last.key === key) continue;
      published.set(p.uri, { version: p.version, key });
      await connection.sendDiagnostics(p);
    }
  }

  function changed(doc: TextDocument, delay: number): void {
    const od = openDoc(doc);
    if (!od) return;
    worker.send({ type: 'doc', doc: od });
    const { root } = placeOf(od.path);
    bump(root);
    schedule(root, delay);
  }

  /** Disk changed under these workspaces (or anywhere): forget what was read, check again. */
  function diskChanged(paths: string[] | null): void {
    const affected = new Set(paths === null ? [...generations.keys()] : paths.map((p) => placeOf(p).root));
    worker.send({ type: 'invalidate', roots: [...affected] });
    for (const root of affected) {
      if (!generations.has(root)) continue;
      bump(root);
      schedule(root, debounceMs);
    }
  }

  function recheckAll(after: Promise<void>): void {
    void after.then(() => {
      for (const root of generations.keys()) {
        bump(root);
        schedule(root, 0);
      }
    });
  }

  function settingsFor(root: string, loose: boolean): EditorSettings {
    return settings.get(loose ? '' : root) ?? settings.get('') ?? NO_SETTINGS;
  }

  /** The `slipway` section for each workspace folder (and unscoped, for loose files). */
  async function loadSettings(): Promise<void> {
    const scopes = ['', ...roots];
    let raw: unknown[];
    try {
      raw = await connection.workspace.getConfiguration(scopes.map((r) => ({ section: 'slipway', ...(r ? { scopeUri: pathToFileURL(r).href } : {}) })));
    } catch (e) {
      connection.console.error(`slipway: workspace/configuration: ${(e as Error)?.message ?? e}`);
      return;
    }
    settings = new Map(scopes.map((r, i) => [r, use(raw[i])]));
  }

  function use(raw: unknown): EditorSettings {
    const { settings: s, problems } = parseSettings(raw);
    for (const p of problems) {
      if (warned.has(p)) continue;
      warned.add(p);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: p });
    }
    return s;
  }

  documents.onDidOpen((e) => changed(e.document, 0));
  documents.onDidChangeContent((e) => changed(e.document, debounceMs));
  documents.onDidClose((e) => {
    const od = openDoc(e.document);
    published.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    if (!od) return;
    worker.send({ type: 'close', uri: od.uri });
    // The others now see the file as saved on disk.
    const { root } = placeOf(od.path);
    bump(root);
    schedule(root, debounceMs);
  });
  documents.onDidSave((e) => {
    const path = e.document.uri.startsWith('file:') ? fileURLToPath(e.document.uri) : null;
    diskChanged(path ? [path] : null);
  });
  connection.onDidChangeWatchedFiles((p) => diskChanged(p.changes.filter((c) => c.uri.startsWith('file:')).map((c) => fileURLToPath(c.uri))));
  connection.onDidChangeConfiguration((p) => {
    if (pullsConfiguration) return recheckAll((settingsLoaded = loadSettings()));
    // A client that cannot be asked pushes its settings here.
    const pushed = (p.settings as { slipway?: unknown } | null)?.slipway;
    settings = new Map([['', use(pushed)]]);
    recheckAll(Promise.resolve());
  });

  const answer = async (m: Parameters<CheckWorker['request']>[0], token: CancellationToken): Promise<unknown> => {
    const a = await worker.request(m, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return a.result;
  };
  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const r = await answer({ type: 'actions', id: 0, uri: doc.uri, version: doc.version, range: params.range, only: params.context.only }, token);
    return (r as never) ?? [];
  });
  connection.onHover(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return (await answer({ type: 'hover', id: 0, uri: doc.uri, version: doc.version, position: params.position }, token)) as never;
  });
  connection.onShutdown(() => worker.stop());

  documents.listen(connection);
}
