// The LSP thread's handle on the checking worker: starts it (the same program, `slipway lsp` in a
// worker thread), sends it documents and work, matches answers to requests, and restarts it if it
// dies (a bug, or the memory cap on a hostile file), so the server outlives any one check.

import { Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver';
import { REQUEST_SLOTS, ROOT_SLOTS, type FromWorker, type Published, type ToWorker } from './messages.js';
import type { OpenDoc } from './project-check.js';
import type { LspWorkerData } from './worker.js';

type Work = Extract<ToWorker, { id: number }>;
type Answer = Extract<FromWorker, { id: number }>;

/** Heap cap of the worker: a hostile document costs a restart, never the editor's memory. */
const WORKER_HEAP_MB = 1024;

export class CheckWorker {
  private worker: Worker | null = null;
  private readonly shared = new SharedArrayBuffer(4 * (ROOT_SLOTS + REQUEST_SLOTS));
  private readonly flags = new Int32Array(this.shared);
  private readonly pending = new Map<number, (a: Answer | null) => void>();
  private nextId = 1;

  /** `docs`: the open documents, sent again to a restarted worker. */
  constructor(
    private readonly docs: () => OpenDoc[],
    private readonly log: (message: string) => void,
    /** Publications the worker makes on its own (ShellCheck's findings arrived after the check). */
    private readonly late: (results: Published[]) => void,
  ) {}

  send(m: Exclude<ToWorker, { id: number }>): void {
    this.ensure().postMessage(m);
  }

  /** The newest generation of a workspace slot: a check started for an older one stops. */
  setGeneration(slot: number, generation: number): void {
    Atomics.store(this.flags, slot, generation);
  }

  async check(m: Omit<Extract<ToWorker, { type: 'check' }>, 'id'>): Promise<{ cancelled: boolean; results: Published[] }> {
    const a = await this.ask({ ...m, id: 0 } as Work);
    return a?.type === 'checked' ? a : { cancelled: true, results: [] };
  }

  /** An action or hover; null when cancelled (through the token) or the worker died meanwhile. */
  async request(m: Extract<ToWorker, { type: 'actions' | 'hover' }>, token?: CancellationToken): Promise<{ cancelled: boolean; result: unknown }> {
    const a = await this.ask(m, token);
    return a?.type === 'answer' ? a : { cancelled: true, result: null };
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private ask(m: Work, token?: CancellationToken): Promise<Answer | null> {
    const id = this.nextId++;
    if (token?.isCancellationRequested) return Promise.resolve(null); // cancelled before it was dispatched
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // Answered at once, even while the worker is busy; the worker skips or stops the request.
      token?.onCancellationRequested(() => {
        Atomics.store(this.flags, ROOT_SLOTS + (id % REQUEST_SLOTS), id);
        this.pending.delete(id);
        resolve(null);
      });
      this.ensure().postMessage({ ...m, id });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const data: LspWorkerData = { slipwayLspWorker: true, shared: this.shared };
    // process.argv[1] is the program running now (dist/slipway.js, the bundle, or bin.ts under tsx).
    const w = new Worker(process.argv[1]!, { argv: ['lsp', '--worker'], workerData: data, stdout: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.stdout.pipe(process.stderr); // standard output carries LSP messages only
    w.on('message', (m: FromWorker) => {
      if (m.type === 'log') return this.log(m.message);
      if (m.type === 'late') return this.late(m.results);
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    });
    w.on('error', (e) => this.log(`slipway: the checking worker failed: ${e?.stack ?? e}`));
    w.on('exit', () => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const resolve of this.pending.values()) resolve(null);
      this.pending.clear();
    });
    this.worker = w;
    for (const doc of this.docs()) w.postMessage({ type: 'doc', doc } satisfies ToWorker);
    return w;
  }
}
