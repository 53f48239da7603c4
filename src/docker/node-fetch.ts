// The few registry calls of a release (a challenge, a manifest GET, manifest PUTs, a token) over
// node:http(s) instead of the global fetch: loading fetch's engine (undici) costs a release ~100 ms
// of CPU, more than the calls themselves. Only what RegistryClient uses is here; redirects are
// not followed (the caller sees the 3xx and falls back to docker), so credentials never travel to
// another host.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export const nodeFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(String(input));
  const send = url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : null;
  if (!send) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
  const body = init.body === undefined || init.body === null ? undefined : Buffer.from(init.body as Uint8Array | string);
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = send(url, { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      let bytes: Promise<Buffer> | null = null;
      const all = () =>
        (bytes ??= new Promise<Buffer>((ok, fail) => {
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok(Buffer.concat(chunks)));
          res.on('error', fail);
        }));
      const status = res.statusCode ?? 0;
      resolve({
        status,
        ok: status >= 200 && status < 300,
        headers: {
          get: (name: string) => {
            const v = res.headers[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
          },
        },
        arrayBuffer: async () => {
          const b = await all();
          return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
        },
        json: async () => JSON.parse((await all()).toString('utf8')),
        text: async () => (await all()).toString('utf8'),
        body: res,
      } as unknown as Response);
    });
    // As fetch: an aborted request rejects with the signal's reason (a TimeoutError), others as 'fetch failed'.
    req.on('error', (e: NodeJS.ErrnoException) => reject(init.signal?.aborted ? init.signal.reason : Object.assign(new TypeError('fetch failed'), { cause: e })));
    req.end(body);
  });
}) as typeof fetch;
