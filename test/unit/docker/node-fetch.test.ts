// nodeFetch against a real HTTP server on loopback: what RegistryClient needs of fetch (status,
// headers, body, a PUT body, the timeout, a refused connection), and redirects left unfollowed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { nodeFetch } from '../../../src/docker/node-fetch.js';
import { RegistryClient } from '../../../src/docker/registry.js';
import { sensitive } from '../../../src/exec/index.js';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

test('status, headers, JSON and bytes; a PUT carries its body, length and headers', async (t) => {
  const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];
  const s = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      res.writeHead(req.method === 'PUT' ? 201 : 200, { 'content-type': 'application/json', 'docker-content-digest': 'sha256:abc' });
      res.end('{"a":1}');
    });
  });
  t.after(s.close);
  const got = await nodeFetch(`${s.base}/v2/`, { headers: { Accept: 'x/y' } });
  assert.equal(got.status, 200);
  assert.equal(got.ok, true);
  assert.equal(got.headers.get('Docker-Content-Digest'), 'sha256:abc');
  assert.equal(got.headers.get('link'), null);
  assert.deepEqual(await got.json(), { a: 1 });
  const put = await nodeFetch(new URL(`${s.base}/v2/o/a/manifests/t`), { method: 'PUT', headers: { 'content-type': 'm/t' }, body: Buffer.from('manifest') });
  assert.equal(put.status, 201);
  assert.equal(Buffer.from(await put.arrayBuffer()).toString(), '{"a":1}');
  assert.equal(seen[0]!.headers.accept, 'x/y');
  assert.deepEqual([seen[1]!.method, seen[1]!.body, seen[1]!.headers['content-type'], seen[1]!.headers['content-length']], ['PUT', 'manifest', 'm/t', '8']);
});

test('a redirect is not followed (credentials stay with the registry); a timeout and a refused connection read as with fetch', async (t) => {
  const s = await serve((req, res) => {
    if (req.url!.includes('slow')) return void setTimeout(() => res.end('late'), 2000);
    res.writeHead(307, { location: 'http://elsewhere.invalid/x' });
    res.end();
  });
  t.after(s.close);
  const r = await nodeFetch(`${s.base}/v2/o/a/manifests/t`, { headers: { authorization: 'Basic x' } });
  assert.equal(r.status, 307);
  assert.equal(r.ok, false);
  await assert.rejects(nodeFetch(`${s.base}/slow`, { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' });
  // Through RegistryClient, the messages people read are the same as with the global fetch.
  const down = await serve(() => undefined);
  await down.close();
  const client = new RegistryClient({ registry: down.base.slice('http://'.length), credentials: { username: 'u', password: sensitive('pw-secret') }, fetch: nodeFetch });
  await assert.rejects(client.probe(), /cannot reach the registry 127\.0\.0\.1:\d+ \(http:\/\/127\.0\.0\.1:\d+\): connection refused/);
  // The redirect is an answer; a registry answering 2 s after a 0.1 s limit, a timeout. (A 0.1 s limit the
  // loopback answer had to beat failed at load 16: the limit's timer ran first.)
  const client307 = new RegistryClient({ registry: s.base.slice('http://'.length), fetch: nodeFetch });
  await assert.rejects(client307.addTags('o/a', 'sha256:x', ['t']), /answered HTTP 307 for \/v2\/o\/a\/manifests\/sha256:x/);
  const slow = new RegistryClient({ registry: s.base.slice('http://'.length), fetch: nodeFetch, timeoutMs: 100 });
  await assert.rejects(slow.addTags('o/slow', 'sha256:x', ['t']), /cannot reach the registry 127\.0\.0\.1:\d+ \(http:\/\/127\.0\.0\.1:\d+\): timed out$/);
});
