// `slipway lsp [--stdio]`: a Language Server Protocol server over standard input/output.
// Each open document is checked (debounced) with its unsaved text by the engine `slipway check` uses;
// its findings are diagnostics, its fixes code actions. Nothing but LSP messages may go to stdout.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CodeActionKind, TextDocumentSyncKind, TextDocuments, type Connection } from 'vscode-languageserver';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EXIT } from '../errors.js';
import type { CliIO } from '../cli/io.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { checkDocument, documentKind, type DocumentCheck } from './check-document.js';
import { errorDiagnostic, findingDiagnostic } from './diagnostics.js';

export const LSP_HELP = `Usage: slipway lsp [--stdio]

Runs slipway as a Language Server Protocol server on standard input/output, for editors: the findings
of 'slipway check' on each open Dockerfile, compose file, .dockerignore, workflow and env file as you
type (unsaved text), each fix as a quick fix, "fix all" and "suppress this rule on this line".
ShellCheck findings are not shown in the editor (yet).

Options:
      --stdio    talk over standard input/output (the default and only transport)
  -h, --help     show this help
`;

/** Quiet time after the last keystroke before a document is checked (initializationOptions.debounceMs). */
const DEBOUNCE_MS = 150;

export async function runLsp(argv: string[], io: CliIO): Promise<number> {
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
  const checks = new Map<string, { version: number; check: DocumentCheck }>();
  const timers = new Map<string, NodeJS.Timeout>();
  let roots: string[] = [];
  let debounceMs = DEBOUNCE_MS;

  connection.onInitialize((params) => {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    const opt = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof opt === 'number' && opt >= 0) debounceMs = opt;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: 'slipway' },
    };
  });

  /** Where `.slipway.yaml` is looked for: the workspace folder holding the file (as `check` uses its cwd). */
  const configDir = (path: string) =>
    roots.filter((r) => path.startsWith(r.endsWith('/') ? r : `${r}/`)).sort((a, b) => b.length - a.length)[0] ?? (roots.length ? dirname(path) : cwd);

  async function run(doc: TextDocument): Promise<void> {
    const path = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri) : null;
    const kind = path && documentKind(path, doc.languageId);
    if (!path || !kind) return;
    const version = doc.version;
    const check = await checkDocument(path, kind, doc.getText(), configDir(path));
    if (documents.get(doc.uri)?.version !== version) return; // edited meanwhile: the next run publishes
    checks.set(doc.uri, { version, check });
    const diagnostics = [...check.errors.map(errorDiagnostic), ...check.findings.map(findingDiagnostic)];
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  function schedule(doc: TextDocument, delay: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        run(doc).catch((e) => connection.console.error(`slipway: checking ${doc.uri}: ${(e as Error)?.stack ?? e}`));
      }, delay),
    );
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    checks.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  // A changed .slipway.yaml (when the client watches files) re-checks every open document.
  connection.onDidChangeWatchedFiles(() => {
    for (const doc of documents.all()) schedule(doc, debounceMs);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    const stored = checks.get(params.textDocument.uri);
    // Only against the text the findings were computed for: offsets of an older text would corrupt it.
    if (!doc || !stored || stored.version !== doc.version) return [];
    return codeActions(doc, stored.check, params.range, params.context.only);
  });

  documents.listen(connection);
}
