// The registry client against scripted registries: Basic (htpasswd) and the Bearer token
// challenge (as GHCR and Docker Hub), pagination, manifests and the errors people read.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { RegistryClient, RegistryError, apiHost, challengeParams, defaultScheme } from '../../../src/docker/registry.js';
import { sensitive } from '../../../src/exec/index.js';

const PASSWORD = 'correct-horse-battery';
const creds = { username: 'me', password: sensitive(PASSWORD) };
const basicOk = `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`;

type Handler = (url: URL, init: RequestInit, headers: Headers) => Response | Promise<Response>;
function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const f = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push(`${url.pathname}${url.search}`);
    return handler(url, init, new Headers(init.headers));
  }) as typeof fetch;
  return { fetch: f, calls };
}
const json = (body: unknown, headers: Record<string, string> = {}, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

test('basic auth: answers the challenge and lists tags over pages', async () => {
  const { fetch, calls } = fakeFetch((url, _i, h) => {
    if (h.get('authorization') !== basicOk) return new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="Registry Realm"' } });
    if (url.searchParams.get('last') === 'b') return json({ name: 'o/a', tags: ['c'] });
    return json({ name: 'o/a', tags: ['a', 'b'] }, { link: '</v2/o/a/tags/list?n=2&last=b>; rel="next"' });
  });
  const r = new RegistryClient({ registry: '127.0.0.1:5000', credentials: creds, fetch });
  assert.equal(r.base, 'http://127.0.0.1:5000');
  assert.deepEqual(await r.tags('o/a'), ['a', 'b', 'c']);
  assert.deepEqual(calls, ['/v2/o/a/tags/list?n=1000', '/v2/o/a/tags/list?n=1000', '/v2/o/a/tags/list?n=2&last=b']);
});

test('bearer challenge: fetches a token for the scope with the credentials, then reuses it', async () => {
  let tokens = 0;
  const { fetch } = fakeFetch((url, _i, h) => {
    if (url.host === 'auth.example.com') {
      assert.equal(url.searchParams.get('service'), 'reg.example.com');
      assert.equal(url.searchParams.get('scope'), 'repository:o/a:pull');
      assert.equal(h.get('authorization'), basicOk);
      tokens++;
      return json({ token: 'tok-1' });
    }
    if (h.get('authorization') !== 'Bearer tok-1')
      return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg.example.com",scope="repository:o/a:pull"' } });
    if (url.pathname.endsWith('/tags/list')) return json({ tags: ['1.0'] });
    return new Response('{"schemaVersion":2,"layers":[]}', { headers: { 'docker-content-digest': 'sha256:' + 'f'.repeat(64), 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
  });
  const r = new RegistryClient({ registry: 'reg.example.com', credentials: creds, fetch });
  assert.equal(r.base, 'https://reg.example.com');
  assert.deepEqual(await r.tags('o/a'), ['1.0']);
  const m = await r.manifest('o/a', '1.0');
  assert.equal(m.digest, 'sha256:' + 'f'.repeat(64));
  assert.equal(m.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  assert.equal(tokens, 1);
});

test('anonymous bearer tokens work for public images (Docker Hub)', async () => {
  const { fetch } = fakeFetch((url, _i, h) => {
    if (url.host === 'auth.docker.io') {
      assert.equal(h.get('authorization'), null);
      return json({ access_token: 'anon' });
    }
    assert.equal(url.host, 'registry-1.docker.io');
    if (h.get('authorization') !== 'Bearer anon') return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io"' } });
    return json({ tags: ['3.12'] });
  });
  const r = new RegistryClient({ registry: 'docker.io', fetch });
  assert.deepEqual(await r.tags('library/python'), ['3.12']);
});

test('errors name the registry and never carry the password', async () => {
  const refuse = fakeFetch(() => new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } }));
  const wrong = await new RegistryClient({ registry: '127.0.0.1:5000', credentials: creds, fetch: refuse.fetch }).tags('o/a').catch((e) => e);
  assert.ok(wrong instanceof RegistryError);
  assert.match(wrong.message, /registry 127\.0\.0\.1:5000 refused the credentials of user 'me'/);
  const anon = await new RegistryClient({ registry: '127.0.0.1:5000', fetch: refuse.fetch }).tags('o/a').catch((e) => e);
  assert.match(anon.message, /127\.0\.0\.1:5000 requires a login: set SLIPWAY_REGISTRY_USER/);

  const down = fakeFetch(() => {
    throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  });
  const err = await new RegistryClient({ registry: '127.0.0.1:1', credentials: creds, fetch: down.fetch }).ping().catch((e) => e);
  assert.match(err.message, /cannot reach the registry 127\.0\.0\.1:1 \(http:\/\/127\.0\.0\.1:1\): connection refused/);

  const echo = fakeFetch((_u, _i, h) =>
    h.get('authorization') ? json({ errors: [{ code: 'NAME_UNKNOWN', message: `repository unknown ${PASSWORD}` }] }, {}, 404) : new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } }),
  );
  const missing = await new RegistryClient({ registry: 'r.io', credentials: creds, fetch: echo.fetch }).tags('o/none').catch((e) => e);
  assert.match(missing.message, /r\.io answered not found for \/v2\/o\/none\/tags\/list \(NAME_UNKNOWN: repository unknown \[REDACTED\]\)/);
  for (const e of [wrong, anon, err, missing]) assert.ok(!e.message.includes(PASSWORD) && !JSON.stringify(e).includes(PASSWORD));
});

test('tagInfo reads digest, creation time, size and platforms, through an index', async () => {
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: 'sha256:amd', platform: { os: 'linux', architecture: 'amd64' } },
      { digest: 'sha256:att', platform: { os: 'unknown', architecture: 'unknown' } },
    ],
  };
  const image = { schemaVersion: 2, config: { digest: 'sha256:cfg', size: 100 }, layers: [{ size: 1000 }, { size: 24 }] };
  const { fetch } = fakeFetch((url) => {
    if (url.pathname.endsWith('/manifests/1.0')) return json(index, { 'docker-content-digest': 'sha256:top' });
    if (url.pathname.endsWith('/manifests/sha256:amd')) return json(image);
    if (url.pathname.endsWith('/blobs/sha256:cfg')) return json({ created: '2026-01-02T03:04:05Z', os: 'linux', architecture: 'amd64' });
    return new Response('', { status: 404 });
  });
  const info = await new RegistryClient({ registry: 'r.io', fetch }).tagInfo('o/a', '1.0');
  assert.deepEqual(info, { tag: '1.0', digest: 'sha256:top', created: '2026-01-02T03:04:05Z', size: 1124, platforms: ['linux/amd64'] });
});

test('hosts and challenges', () => {
  assert.equal(apiHost('docker.io'), 'registry-1.docker.io');
  assert.equal(defaultScheme('localhost:5000'), 'http');
  assert.equal(defaultScheme('ghcr.io'), 'https');
  assert.deepEqual(challengeParams('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/a:pull"'), {
    realm: 'https://ghcr.io/token',
    service: 'ghcr.io',
    scope: 'repository:o/a:pull',
  });
});

test('blob: streamed after the auth challenge; the timeout covers the headers, not a long body', async () => {
  const { fetch } = fakeFetch((_url, init, h) => {
    if (h.get('authorization') !== basicOk) return new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
    const signal = init.signal!;
    let n = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        await new Promise((r) => setTimeout(r, 20)); // 5 chunks × 20 ms outlast the 50 ms timeout
        if (signal.aborted) return c.error(signal.reason);
        if (n++ < 5) c.enqueue(new Uint8Array([n]));
        else c.close();
      },
    });
    return new Response(body);
  });
  const r = new RegistryClient({ registry: '127.0.0.1:5000', credentials: creds, fetch, timeoutMs: 50 });
  const got: number[] = [];
  for await (const chunk of await r.blob('o/a', 'sha256:' + 'a'.repeat(64))) got.push(...chunk);
  assert.deepEqual(got, [1, 2, 3, 4, 5]);
});

test('addTags: the exact manifest bytes PUT under each tag with their media type, after one challenge answered ahead', async () => {
  // Bytes as a registry keeps them (spacing and key order are part of the digest).
  const bytes = Buffer.from('{\n   "schemaVersion": 2,\n   "mediaType": "application/vnd.docker.distribution.manifest.v2+json",\n   "layers": []\n}');
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const stored = new Map<string, { body: Buffer; type: string | null }>();
  const { fetch, calls } = fakeFetch(async (url, init, h) => {
    if (h.get('authorization') !== basicOk) return new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } });
    if (url.pathname === '/v2/') return json({});
    if (url.pathname === `/v2/o/a/manifests/${digest}` && (init.method ?? 'GET') === 'GET') {
      return new Response(bytes, { headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json', 'docker-content-digest': digest } });
    }
    if (init.method === 'PUT') {
      const body = Buffer.from(init.body as Uint8Array);
      stored.set(url.pathname, { body, type: h.get('content-type') });
      return new Response('', { status: 201, headers: { 'docker-content-digest': `sha256:${createHash('sha256').update(body).digest('hex')}` } });
    }
    return new Response('', { status: 404 });
  });
  const r = new RegistryClient({ registry: '127.0.0.1:5000', credentials: creds, fetch });
  await r.authorizePush('o/a');
  const m = await r.addTags('o/a', digest, ['sha-abc1234', '1.2.3']);
  assert.equal(m.digest, digest);
  // One unanswered request (the challenge), then every call carries the credentials.
  assert.deepEqual(calls, ['/v2/', `/v2/o/a/manifests/${digest}`, '/v2/o/a/manifests/sha-abc1234', '/v2/o/a/manifests/1.2.3']);
  for (const tag of ['sha-abc1234', '1.2.3']) {
    const s = stored.get(`/v2/o/a/manifests/${tag}`)!;
    assert.ok(s.body.equals(bytes), tag);
    assert.equal(s.type, 'application/vnd.docker.distribution.manifest.v2+json');
  }
});

test('addTags: a manifest that is not the digest asked for, or a refused PUT, throws naming the registry', async () => {
  const bytes = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}');
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const other = `sha256:${'0'.repeat(64)}`;
  const registry = (put: number) =>
    fakeFetch((url, init) => {
      if ((init.method ?? 'GET') === 'GET') return new Response(bytes, { headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
      return json({ errors: [{ code: 'DENIED', message: 'no push' }] }, {}, put);
    }).fetch;
  await assert.rejects(new RegistryClient({ registry: 'r.io', credentials: creds, fetch: registry(201) }).addTags('o/a', other, ['x']), /sent a manifest with digest sha256:[0-9a-f]{64} for o\/a@sha256:0+/);
  await assert.rejects(new RegistryClient({ registry: 'r.io', credentials: creds, fetch: registry(403) }).addTags('o/a', digest, ['x']), (e: Error) => {
    assert.ok(e instanceof RegistryError);
    assert.match(e.message, /the registry r\.io answered access denied for \/v2\/o\/a\/manifests\/x \(DENIED: no push\)/);
    assert.ok(!e.message.includes(PASSWORD));
    return true;
  });
});
