// The checking half of `slipway lsp`, in a worker thread: it holds the open documents' texts, the
// workspaces' files, and each document's last check (for code actions and hover), so parsing a large
// file or a slow rule never holds up the thread that talks to the editor. Work is done one message at
// a time; a check whose workspace got a newer edit, or a request the editor cancelled, stops early.

import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './actions.js';
import { errorDiagnostic, findingDiagnostic } from './diagnostics.js';
import { hover } from './hover.js';
import { REQUEST_SLOTS, ROOT_SLOTS, type FromWorker, type Published, type ToWorker } from './messages.js';
import { Cancelled, checkWorkspace, type FileCheck, type OpenDoc } from './project-check.js';
import { Workspace } from './workspace.js';

export interface LspWorkerData {
  slipwayLspWorker: true;
  shared: SharedArrayBuffer;
}

export function runWorker(): void {
  const port = parentPort!;
  const flags = new Int32Array((workerData as LspWorkerData).shared);
  const docs = new Map<string, OpenDoc>();
  const checks = new Map<string, FileCheck>();
  const workspaces = new Map<string, Workspace>();
  const send = (m: FromWorker) => port.postMessage(m);
  const requestCancelled = (id: number) => Atomics.load(flags, ROOT_SLOTS + (id % REQUEST_SLOTS)) === id;

  async function handle(m: ToWorker): Promise<void> {
    switch (m.type) {
      case 'check': {
        const superseded = () => Atomics.load(flags, m.slot) !== m.generation;
        const key = `${m.loose ? 'loose' : 'root'}:${m.root}`;
        if (!workspaces.has(key)) workspaces.set(key, new Workspace(m.root, !m.loose));
        const open = m.uris.map((u) => docs.get(u)).filter((d): d is OpenDoc => d !== undefined);
        try {
          if (superseded()) throw new Cancelled();
          const results = await checkWorkspace(workspaces.get(key)!, open, m.settings, superseded);
          const published: Published[] = [];
          for (const r of results) {
            checks.set(r.doc.uri, r);
            published.push({ uri: r.doc.uri, version: r.doc.version, diagnostics: [...r.errors.map(errorDiagnostic), ...r.findings.map((f) => findingDiagnostic(f, r.threshold))] });
          }
          send({ type: 'checked', id: m.id, cancelled: false, results: published });
        } catch (e) {
          if (!(e instanceof Cancelled)) send({ type: 'log', message: `slipway: checking ${m.root}: ${(e as Error)?.stack ?? e}` });
          send({ type: 'checked', id: m.id, cancelled: e instanceof Cancelled, results: [] });
        }
        return;
      }
      case 'actions':
      case 'hover': {
        const check = checks.get(m.uri);
        if (requestCancelled(m.id)) return send({ type: 'answer', id: m.id, cancelled: true, result: null });
        // Only against the text the findings were computed for: offsets into an older text would corrupt it.
        if (!check || check.doc.version !== m.version) return send({ type: 'answer', id: m.id, cancelled: false, result: m.type === 'actions' ? [] : null });
        const { uri, languageId, version, text } = check.doc;
        check.gate.cancelled = () => requestCancelled(m.id);
        try {
          const result = m.type === 'actions' ? codeActions(TextDocument.create(uri, languageId, version, text), check, m.range, m.only) : hover(check, m.position);
          return send({ type: 'answer', id: m.id, cancelled: false, result });
        } catch (e) {
          if (!(e instanceof Cancelled)) send({ type: 'log', message: `slipway: ${m.type} on ${uri}: ${(e as Error)?.stack ?? e}` });
          return send({ type: 'answer', id: m.id, cancelled: e instanceof Cancelled, result: null });
        } finally {
          check.gate.cancelled = () => false;
        }
      }
      case 'doc':
        docs.set(m.doc.uri, m.doc);
        return;
      case 'close':
        docs.delete(m.uri);
        checks.delete(m.uri);
        return;
      case 'invalidate':
        for (const ws of workspaces.values()) if (m.roots.includes(ws.root)) ws.invalidate();
        return;
    }
  }

  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(() => handle(m)).catch((e) => send({ type: 'log', message: `slipway lsp worker: ${(e as Error)?.stack ?? e}` }));
  });
}
