// Time from didChange to publishDiagnostics for a 200-line Dockerfile, through dist/slipway.js lsp
// (debounce 0, so it is the check and the protocol only). Run: npm run build && npx tsx bench/lsp.bench.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-bench-'));
const server = spawn(process.execPath, [new URL('../dist/slipway.js', import.meta.url).pathname, 'lsp'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
const waiting = new Map<number, () => void>();
conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => waiting.get(p.version!)?.());
conn.listen();
await conn.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await conn.sendNotification('initialized', {});

const lines = ['FROM python:3.12-slim AS build', 'WORKDIR /app'];
for (let i = 0; lines.length < 196; i++) lines.push(`RUN apt-get update && apt-get install -y pkg${i} && echo step ${i}`, `COPY src/part${i} /app/part${i}`);
lines.push('FROM python:3.12-slim', 'COPY --from=build /app /app', 'USER 1000', 'CMD ["python", "/app/main.py"]');
const text = `${lines.join('\n')}\n`;
const uri = pathToFileURL(join(dir, 'Dockerfile')).href;
const published = (v: number) => new Promise<void>((r) => waiting.set(v, r));
let p = published(1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
await p;
const times: number[] = [];
for (let v = 2; v < 202; v++) {
  p = published(v);
  const t = performance.now();
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: v },
    contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: v % 2 ? '' : '#' }],
  });
  await p;
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const q = (x: number) => times[Math.floor(x * (times.length - 1))]!.toFixed(1);
console.log(`${lines.length}-line Dockerfile, ${times.length} didChange→publishDiagnostics: median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`);
server.kill();
rmSync(dir, { recursive: true, force: true });
