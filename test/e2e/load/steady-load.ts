// A bounded HTTP load at a steady rate, run as its own process so the deploy it watches cannot
// slow it down: `steady-load.ts URL COUNT RATE`. Request i is sent at start + i/RATE whether or
// not earlier ones have answered (open loop), each on a fresh connection (no keep-alive: every
// request must find a listener). A line "stop" on stdin ends it early (after the deploy it
// watched); COUNT is then the bound. Prints one JSON line: sent, ok, failed, byBody, errors.
//
// A request fails when it is refused, reset, times out (5 s) or answers anything but 2xx.
import { request } from 'node:http';

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  /** Answers of the 2xx requests (trimmed body, first 60 characters) and how often each came. */
  byBody: Record<string, number>;
  /** Why requests failed (error code or HTTP status) and how often. */
  errors: Record<string, number>;
  /** Milliseconds from the first request to the last answer. */
  ms: number;
  /** When the first 100 failed requests were sent (epoch ms) and why: to line them up with what the deploy did then. */
  failedAt: [sentAt: number, why: string][];
}

function once(url: URL): Promise<{ ok: true; body: string } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, headers: { connection: 'close' }, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c.length + body.length > 4096 ? '' : c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, body: body.trim().slice(0, 60) } : { ok: false, why: `HTTP ${status}` });
      });
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, why: e.code ?? e.message }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, why: e.code ?? e.message }));
    req.end();
  });
}

export async function steadyLoad(url: URL, count: number, rate: number, onStart?: () => void, stopped: () => boolean = () => false): Promise<LoadResult> {
  const out: LoadResult = { sent: 0, ok: 0, failed: 0, byBody: {}, errors: {}, ms: 0, failedAt: [] };
  const start = performance.now();
  onStart?.();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (stopped()) break;
    out.sent++;
    const sentAt = Date.now();
    pending.push(
      once(url).then((r) => {
        if (r.ok) {
          out.ok++;
          out.byBody[r.body] = (out.byBody[r.body] ?? 0) + 1;
        } else {
          out.failed++;
          out.errors[r.why] = (out.errors[r.why] ?? 0) + 1;
          if (out.failedAt.length < 100) out.failedAt.push([sentAt, r.why]);
        }
      }),
    );
  }
  await Promise.all(pending);
  out.ms = Math.round(performance.now() - start);
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [url, count, rate] = process.argv.slice(2);
  if (!url || !Number(count) || !Number(rate)) {
    process.stderr.write('usage: steady-load.ts URL COUNT RATE\n');
    process.exit(2);
  }
  let stop = false;
  process.stdin.on('data', (c) => (stop ||= String(c).includes('stop'))).on('error', () => undefined);
  const result = await steadyLoad(new URL(url), Number(count), Number(rate), () => process.stderr.write('started\n'), () => stop);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0); // stdin may still be open
}
