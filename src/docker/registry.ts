// A small client of the Registry HTTP API v2 (the distribution spec): tag lists, manifests and
// blobs, with the two ways registries ask for credentials — Basic (a plain htpasswd registry)
// and the Bearer token challenge (GHCR, Docker Hub, GitLab). fetch is injected so tests can
// play any registry; the password is a Sensitive and never appears in an error.

import { createHash } from 'node:crypto';
import { OperationError } from '../errors.js';
import type { Sensitive } from '../exec/sensitive.js';
import { redactText } from '../exec/redact.js';
import { DOCKER_HUB } from './ref.js';

export interface RegistryCredentials {
  username: string;
  password: Sensitive;
}

export interface RegistryOptions {
  /** The registry as in an image reference: `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  registry: string;
  credentials?: RegistryCredentials;
  fetch?: typeof fetch;
  /** Default: http for loopback registries (as docker), https otherwise. */
  scheme?: 'http' | 'https';
  timeoutMs?: number;
}

/** A registry that cannot be reached or refuses: a clear message naming it, exit 2. */
export class RegistryError extends OperationError {
  override name = 'RegistryError';
  constructor(
    message: string,
    readonly registry: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

export interface Manifest {
  digest: string;
  mediaType: string;
  /** The parsed JSON body. */
  body: any;
  /** Bytes of the manifest itself. */
  size: number;
}

/** What `slipway tags` shows of one tag. */
export interface TagInfo {
  tag: string;
  digest: string;
  /** From the image config (`created`), null when the registry does not say. */
  created: string | null;
  /** Compressed bytes of config and layers (of the first platform for an index). */
  size: number | null;
  platforms: string[];
}

/** The compressed bytes an image manifest names: its config and layers, as the registry stores them. */
export function compressedSize(manifest: { config?: { size?: unknown }; layers?: { size?: unknown }[] }): number {
  // The registry's JSON: a size that is not a number (`"size": "123"`) counts 0, not string concatenation.
  const bytes = (x: { size?: unknown } | null | undefined) => (typeof x?.size === 'number' && Number.isFinite(x.size) ? x.size : 0);
  return bytes(manifest.config) + (Array.isArray(manifest.layers) ? manifest.layers : []).reduce((n, l) => n + bytes(l), 0);
}

/** Where a registry's API lives: Docker Hub's images are served by registry-1.docker.io. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry;
}

/** Loopback registries speak plain http, as docker allows them without TLS. */
export function defaultScheme(registry: string): 'http' | 'https' {
  const host = registry.replace(/:\d+$/, '');
  return host === 'localhost' || /^127\./.test(host) || host === '[::1]' ? 'http' : 'https';
}

export class RegistryClient {
  readonly registry: string;
  readonly base: string;
  readonly #credentials?: RegistryCredentials;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  /** The Authorization header per scope, once a challenge was answered. */
  readonly #auth = new Map<string, string>();

  constructor(o: RegistryOptions) {
    this.registry = o.registry;
    this.base = `${o.scheme ?? defaultScheme(o.registry)}://${apiHost(o.registry)}`;
    this.#credentials = o.credentials;
    this.#fetch = o.fetch ?? fetch;
    this.#timeoutMs = o.timeoutMs ?? 30_000;
  }

  /** The user the client logs in as, for messages (never the password). */
  get username(): string | null {
    return this.#credentials?.username ?? null;
  }

  /** Checks that the registry answers the v2 API and, with credentials, that it accepts them. */
  async ping(): Promise<void> {
    await this.#request('/v2/', '', { method: 'GET' });
  }

  /**
   * Answers the registry's challenge for `repository`'s pull and push scope ahead of time (while a
   * build runs), so the calls that follow carry credentials from their first request.
   */
  async authorizePush(repository: string): Promise<void> {
    const scope = pushScope(repository);
    if (this.#auth.has(scope)) return;
    const res = await this.#send('/v2/', { method: 'GET' });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 401) this.#auth.set(scope, await this.#answer(res.headers.get('www-authenticate') ?? '', scope));
  }

  /** The HTTP status of `GET /v2/` without credentials (401 means up and asking for a login); throws when unreachable. */
  async probe(): Promise<number> {
    const res = await this.#send('/v2/', { method: 'GET' });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  }

  /** Every tag of a repository (following the Link header's pages). */
  async tags(repository: string): Promise<string[]> {
    const out: string[] = [];
    let path: string | null = `/v2/${repository}/tags/list?n=1000`;
    while (path) {
      const res = await this.#request(path, pullScope(repository));
      const body = (await res.json()) as { tags?: string[] | null };
      out.push(...(body.tags ?? []));
      path = nextLink(res.headers.get('link'));
    }
    return out;
  }

  /** The manifest a tag or digest names, with its digest. */
  async manifest(repository: string, reference: string): Promise<Manifest> {
    const res = await this.#request(`/v2/${repository}/manifests/${reference}`, pullScope(repository), { headers: { accept: MANIFEST_TYPES.join(', ') } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = res.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const body = JSON.parse(bytes.toString('utf8'));
    return { digest, mediaType: res.headers.get('content-type')?.split(';')[0] ?? body.mediaType ?? '', body, size: bytes.length };
  }

  /**
   * Gives the manifest `digest` more tags: one GET of its exact bytes, then a PUT of them under each
   * tag, side by side. No layer moves, so this costs a round trip per tag instead of a `docker push`
   * per tag. Both answers are checked against `digest`: the tags name that image or this throws.
   * Returns the manifest (its bytes' size and layers tell the pushed size).
   */
  async addTags(repository: string, digest: string, tags: readonly string[]): Promise<Manifest> {
    const scope = pushScope(repository);
    const res = await this.#request(`/v2/${repository}/manifests/${digest}`, scope, { headers: { accept: MANIFEST_TYPES.join(', ') } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const got = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (got !== digest) throw new RegistryError(`the registry ${this.registry} sent a manifest with digest ${got} for ${repository}@${digest}`, this.registry);
    const mediaType = res.headers.get('content-type')?.split(';')[0] || '';
    if (!MANIFEST_TYPES.includes(mediaType)) throw new RegistryError(`the registry ${this.registry} sent ${repository}@${digest} as '${mediaType.slice(0, 80)}', not a known manifest type`, this.registry);
    await Promise.all(
      tags.map(async (tag) => {
        const put = await this.#request(`/v2/${repository}/manifests/${tag}`, scope, { method: 'PUT', headers: { 'content-type': mediaType }, body: bytes });
        await put.arrayBuffer().catch(() => undefined);
        const stored = put.headers.get('docker-content-digest');
        if (stored && stored !== digest) throw new RegistryError(`the registry ${this.registry} stored ${repository}:${tag} as ${stored}, not ${digest}`, this.registry);
      }),
    );
    return { digest, mediaType, body: JSON.parse(bytes.toString('utf8')), size: bytes.length };
  }

  /** A blob parsed as JSON (image configs). */
  async blobJson(repository: string, digest: string): Promise<any> {
    const res = await this.#request(`/v2/${repository}/blobs/${digest}`, pullScope(repository));
    return res.json();
  }

  /**
   * A blob's bytes as a stream (image layers, hundreds of MB): nothing is buffered, and the timeout
   * covers the answer's headers only, so a long download is not cut off.
   */
  async blob(repository: string, digest: string): Promise<AsyncIterable<Uint8Array>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), this.#timeoutMs);
    let res: Response;
    try {
      res = await this.#request(`/v2/${repository}/blobs/${digest}`, pullScope(repository), { signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
    if (!res.body) throw new RegistryError(`the registry ${this.registry} sent no body for blob ${digest}`, this.registry);
    return res.body as unknown as AsyncIterable<Uint8Array>;
  }

  /** Digest, creation time, size and platforms of a tag. */
  async tagInfo(repository: string, tag: string): Promise<TagInfo> {
    const top = await this.manifest(repository, tag);
    let image = top;
    let platforms: string[] = [];
    if (Array.isArray(top.body.manifests)) {
      const entries = (top.body.manifests as any[]).filter((m) => m.platform?.os !== 'unknown'); // attestations
      platforms = entries.map((m) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'));
      if (!entries.length) return { tag, digest: top.digest, created: null, size: null, platforms };
      image = await this.manifest(repository, entries[0].digest);
    }
    const size = compressedSize(image.body);
    let created: string | null = null;
    if (image.body.config?.digest) {
      const config = await this.blobJson(repository, image.body.config.digest);
      created = typeof config.created === 'string' ? config.created : null;
      if (!platforms.length && config.os) platforms = [[config.os, config.architecture, config.variant].filter(Boolean).join('/')];
    }
    return { tag, digest: top.digest, created, size, platforms };
  }

  async #request(path: string, scope: string, init: RequestInit = {}): Promise<Response> {
    let res = await this.#send(path, init, this.#auth.get(scope));
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate') ?? '';
      await res.arrayBuffer().catch(() => undefined);
      const header = await this.#answer(challenge, scope);
      this.#auth.set(scope, header);
      res = await this.#send(path, init, header);
      if (res.status === 401) throw this.#refused();
    }
    if (!res.ok) throw await this.#failure(res, path);
    return res;
  }

  async #send(path: string, init: RequestInit, authorization?: string): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    // A plain object, not Headers: that class would load fetch's engine even when fetch is nodeFetch.
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    if (authorization) headers.authorization = authorization;
    try {
      return await this.#fetch(url, { ...init, headers, redirect: 'follow', signal: init.signal ?? AbortSignal.timeout(this.#timeoutMs) });
    } catch (e) {
      throw new RegistryError(`cannot reach the registry ${this.registry} (${this.base}): ${networkReason(e)}`, this.registry);
    }
  }

  /** The Authorization header that answers a WWW-Authenticate challenge. */
  async #answer(challenge: string, scope: string): Promise<string> {
    const scheme = challenge.split(' ')[0]?.toLowerCase();
    if (scheme === 'basic') {
      if (!this.#credentials) throw this.#needsLogin();
      return `Basic ${basic(this.#credentials)}`;
    }
    if (scheme !== 'bearer') throw new RegistryError(`the registry ${this.registry} asks for an unsupported authentication ('${challenge.slice(0, 40)}')`, this.registry, 401);
    const params = challengeParams(challenge);
    if (!params.realm) throw new RegistryError(`the registry ${this.registry} sent a Bearer challenge without a realm`, this.registry, 401);
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    const wanted = scope || params.scope;
    if (wanted) url.searchParams.set('scope', wanted);
    const headers: Record<string, string> = {};
    if (this.#credentials) headers.authorization = `Basic ${basic(this.#credentials)}`;
    let res: Response;
    try {
      res = await this.#fetch(url, { headers, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (e) {
      throw new RegistryError(`cannot reach the token service of ${this.registry} (${url.origin}): ${networkReason(e)}`, this.registry);
    }
    if (res.status === 401 || res.status === 403) throw this.#credentials ? this.#refused() : this.#needsLogin();
    if (!res.ok) throw new RegistryError(`the token service of ${this.registry} answered ${res.status}`, this.registry, res.status);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`the token service of ${this.registry} gave no token`, this.registry);
    return `Bearer ${token}`;
  }

  #refused(): RegistryError {
    return new RegistryError(`the registry ${this.registry} refused the credentials of user '${this.#credentials?.username}' (wrong username or password, or no access)`, this.registry, 401);
  }

  #needsLogin(): RegistryError {
    return new RegistryError(
      `the registry ${this.registry} requires a login: set SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD (or --username and --password-env), or run 'slipway login ${this.registry}'`,
      this.registry,
      401,
    );
  }

  async #failure(res: Response, path: string): Promise<RegistryError> {
    let detail = '';
    try {
      const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
      detail = (body.errors ?? []).map((e) => [e.code, e.message].filter(Boolean).join(': ')).join('; ');
    } catch {
      // not JSON
    }
    const what = res.status === 404 ? 'not found' : res.status === 403 ? 'access denied' : `HTTP ${res.status}`;
    const msg = `the registry ${this.registry} answered ${what} for ${path.replace(/\?.*$/, '')}${detail ? ` (${detail})` : ''}`;
    return new RegistryError(redactText(msg, [this.#credentials?.password]), this.registry, res.status);
  }
}

function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

function basic(c: RegistryCredentials): string {
  return Buffer.from(`${c.username}:${c.password.reveal()}`).toString('base64');
}

/** `Bearer realm="https://…",service="…",scope="…"` → { realm, service, scope }. */
export function challengeParams(challenge: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of challenge.replace(/^\S+\s+/, '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) out[m[1]!.toLowerCase()] = m[2]!;
  return out;
}

/** The next page from a `Link: </v2/…?last=x>; rel="next"` header. */
function nextLink(link: string | null): string | null {
  const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  return m ? m[1]! : null;
}

function networkReason(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'timed out';
  const code = err.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is it running?)';
  if (code === 'ENOTFOUND') return 'unknown host';
  return err.cause?.message ?? err.message ?? String(e);
}
