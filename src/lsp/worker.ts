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
import { Cancelled, checkWorkspace, dockerfileOf, type FileCheck, type OpenDoc } from './project-check.js';
import { ShellcheckCache } from './shellcheck.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import { Workspace } from './workspace.js';
import { compareText } from '../util/compare-text.js';

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
  const shellcheck = new ShellcheckCache();
  let noted = false;
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
          const waiting: FileCheck[] = [];
          for (const r of results) {
            checks.set(r.doc.uri, r);
            if (!withShellcheck(r)) waiting.push(r);
          }
          send({ type: 'checked', id: m.id, cancelled: false, results: results.map(publication) });
          if (waiting.length) void shellcheckLater(waiting);
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

  /** Adds the ShellCheck findings the cache knows; false when some script is still unknown. */
  function withShellcheck(r: FileCheck): boolean {
    const df = dockerfileOf(r);
    if (!r.shellcheck || !df) return true;
    const found = shellcheck.findings([df], r.shellcheck);
    if (found) r.shellcheckFindings = found;
    return found !== null;
  }

  /** Runs ShellCheck on the new scripts without holding up the queue; publishes the documents still current. */
  async function shellcheckLater(waiting: FileCheck[]): Promise<void> {
    const setup = waiting[0]!.shellcheck!;
    await shellcheck.learn(waiting.map(dockerfileOf).filter((df): df is Dockerfile => df !== undefined), setup);
    if (shellcheck.note && !noted) {
      noted = true;
      send({ type: 'log', message: `slipway: ${shellcheck.note}` });
    }
    const results = waiting.filter((r) => checks.get(r.doc.uri) === r && withShellcheck(r)).map(publication);
    if (results.length) send({ type: 'late', results });
  }

  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    queue = queue.then(() => handle(m)).catch((e) => send({ type: 'log', message: `slipway lsp worker: ${(e as Error)?.stack ?? e}` }));
  });
}

function publication(r: FileCheck): Published {
  const findings = [...r.findings, ...(r.shellcheckFindings ?? [])].sort((a, b) => a.line - b.line || a.column - b.column || compareText(a.rule, b.rule));
  return { uri: r.doc.uri, version: r.doc.version, diagnostics: [...r.errors.map(errorDiagnostic), ...findings.map((f) => findingDiagnostic(f, r.threshold))] };
}
