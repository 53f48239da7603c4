// The `deploy:` section of .slipway.yaml, the flags and the environment → one typed DeployConfig.
// Flags win over the file; CI can deploy with flags and SLIPWAY_REGISTRY_* alone.

import { existsSync } from 'node:fs';
import { readProjectFile } from '../project/read-file.js';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, posix, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { imageRefProblem, parseImageRef, registryOf, repositoryOf } from '../docker/ref.js';
import { ConfigError, UsageError } from '../errors.js';
import { type Sensitive, sensitive } from '../exec/index.js';
import { parseServer, type SshOptions, type SshServer } from '../exec/ssh.js';
import { runGit } from '../git.js';
import { parseLocalEnv } from './env-file.js';
import { planProxy, type ProxyPlan } from './proxy/compose.js';

export interface DeployFlags {
  server?: string[];
  group?: string;
  path?: string;
  image?: string;
  tag?: string;
  app?: string;
  compose?: string[];
  identity?: string;
  'ssh-config'?: string;
  'accept-new-host-key'?: boolean;
  'health-timeout'?: string;
  keep?: string;
  engine?: string;
  strategy?: string;
  'proxy-image'?: string;
}

/** engine: swarm — the manager is servers[0]; workers are joined by `slipway setup`. */
export interface SwarmSettings {
  advertiseAddr?: string;
  workers: (SshServer & { advertiseAddr?: string })[];
  monitorSec: number;
}

export interface DeployConfig {
  /** deploy.app or --app: the compose project name on every server. */
  app?: string;
  /** The default folder (/srv/<app or project folder name>); a server may have its own. */
  /** The image repository (no tag), e.g. ghcr.io/org/app. */
  image: string;
  registry: string;
  servers: SshServer[];
  path: string;
  /** Local compose files to ship (absolute) and their names on the server. */
  composeLocal: string[];
  /** Their texts, read once through the safe reader (what is uploaded is what was judged). */
  composeTexts: string[];
  composeNames: string[];
  /** Services that run the image (pinned to the release tag). */
  services: string[];
  /** Every service the release starts (the others only need to be up). */
  allServices: string[];
  envNames: string[];
  /** Where the env values come from when not in the environment. */
  localEnvFile: string;
  healthTimeoutSec: number;
  keep: number;
  ssh: SshOptions;
  login?: { user: string; password: Sensitive };
  /** Who deploys, for the history and the lock: $SLIPWAY_DEPLOYER or the local user, @ this host. */
  by: string;
  /** compose (docker compose up -d) or swarm (docker stack deploy on the manager). */
  engine: 'compose' | 'swarm';
  swarm?: SwarmSettings;
  /** recreate: compose's own `up -d` (stop the old container, start the new one); zero-downtime: see src/deploy/strategy/. */
  strategy: Strategy;
  /** zero-downtime: the proxy's image and what moves to it. */
  proxyImage: string;
  proxy?: ProxyPlan;
}

export const STRATEGIES = ['recreate', 'zero-downtime'] as const;
export type Strategy = (typeof STRATEGIES)[number];
/** The official Caddy image (see src/deploy/proxy/caddy.ts for why Caddy). */
export const DEFAULT_PROXY_IMAGE = 'caddy:2';

const DEFAULT_COMPOSE = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

export interface ResolveInput {
  cwd: string;
  env: NodeJS.ProcessEnv;
  section?: Record<string, unknown>;
  /** The config file the section came from (relative paths in it are relative to its folder). */
  source?: string | null;
  flags: DeployFlags;
}

export function resolveDeployConfig({ cwd, env, section = {}, source, flags }: ResolveInput): DeployConfig {
  const s = section as Record<string, any>;
  const base = source ? dirname(source) : cwd;
  const fromFile = (p: string) => resolve(base, p);
  const fromCwd = (p: string) => resolve(cwd, p);

  const app: string | undefined = flags.app ?? s.app;
  if (app !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(app)) throw new UsageError(`app name '${app}' must be lower-case letters, digits, _ and - (it is the compose project name)`);

  const composeLocal = flags.compose?.length ? flags.compose.map(fromCwd) : s.compose ? [s.compose].flat().map(fromFile) : defaultCompose(base);
  const composeNames = composeLocal.map((f) => basename(f));
  for (const [i, f] of composeLocal.entries()) {
    if (!existsSync(f)) throw new UsageError(`compose file ${f} not found`);
    if (/\.override\.ya?ml$|\.dev(elopment)?\.ya?ml$/i.test(f)) {
      throw new UsageError(`${composeNames[i]} looks like a development override; slipway ships only the production compose file(s)`);
    }
    if (composeNames.indexOf(composeNames[i]!) !== i) throw new UsageError(`two compose files are both named ${composeNames[i]} on the server`);
  }
  // A compose file found by its name in the project is read as check reads it: a link out of the project is refused.
  const found = !flags.compose?.length && !s.compose;
  const composeTexts = composeLocal.map((f) => readLocal(f, found ? base : undefined));
  const compose = readServices(composeLocal, composeTexts);

  const imageText: string | undefined = flags.image ?? s.image ?? guessImage(compose);
  if (!imageText) throw new UsageError('which image? Set deploy.image in .slipway.yaml or pass --image REPOSITORY (e.g. ghcr.io/org/app)');
  const problem = imageRefProblem(imageText);
  if (problem) throw new UsageError(`--image ${imageText}: ${problem}`);
  const ref = parseImageRef(imageText);
  if (ref.tag !== null || ref.digest !== null) throw new UsageError(`--image ${imageText}: give the repository without a tag; the tag is --tag`);
  const image = repositoryOf(ref);

  const services: string[] = s.services ?? compose.filter((c) => c.image !== undefined && repoOf(c.image) === image).map((c) => c.name);
  if (services.length === 0) {
    throw new UsageError(`no service in ${composeNames.join(', ')} uses the image ${image}; set deploy.services in .slipway.yaml`);
  }
  for (const name of services) if (!compose.some((c) => c.name === name)) throw new UsageError(`deploy.services: no service '${name}' in ${composeNames.join(', ')}`);

  const servers = pickServers(flags, s);
  const healthTimeoutSec = flags['health-timeout'] !== undefined ? positive('--health-timeout', flags['health-timeout']) : (s['health-timeout'] ?? 60);
  const keep = flags.keep !== undefined ? positive('--keep', flags.keep) : (s.keep ?? 5);
  if (!Number.isInteger(keep) || keep < 2) throw new UsageError('--keep must be a whole number, at least 2 (the current and the previous release)');

  const strategy = (flags.strategy ?? s.strategy ?? 'recreate') as Strategy;
  if (!STRATEGIES.includes(strategy)) throw new UsageError(`--strategy ${strategy}: use ${STRATEGIES.join(' or ')}`);
  if (strategy === 'zero-downtime' && (flags.engine ?? s.engine) === 'swarm') {
    throw new UsageError("strategy zero-downtime is for engine compose; engine swarm already starts the new task first (deploy.update_config order: start-first)");
  }
  const proxyImage: string = flags['proxy-image'] ?? s['proxy-image'] ?? DEFAULT_PROXY_IMAGE;
  const proxyProblem = imageRefProblem(proxyImage);
  if (proxyProblem) throw new UsageError(`--proxy-image ${proxyImage}: ${proxyProblem}`);
  const proxy = strategy === 'zero-downtime' ? planProxy(composeLocal.map((file, i) => ({ file, text: composeTexts[i]! })), services) : undefined;

  const user = env.SLIPWAY_REGISTRY_USER;
  const password = env.SLIPWAY_REGISTRY_PASSWORD;
  if ((user && !password) || (!user && password)) throw new UsageError('set both SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD, or neither');

  return {
    ...(app ? { app } : {}),
    image,
    registry: registryOf(ref),
    servers,
    path: flags.path ?? s.path ?? `/srv/${app ?? sanitizeApp(basename(base))}`,
    composeLocal,
    composeTexts,
    composeNames,
    services,
    allServices: compose.filter((c) => !c.profiles).map((c) => c.name),
    envNames: s.env ?? [],
    localEnvFile: resolve(base, '.env'),
    healthTimeoutSec,
    keep,
    ssh: {
      identity: flags.identity ? fromCwd(flags.identity) : s.identity ? fromFile(s.identity) : undefined,
      sshConfig: flags['ssh-config'] ? fromCwd(flags['ssh-config']) : s['ssh-config'] ? fromFile(s['ssh-config']) : undefined,
      acceptNewHostKey: flags['accept-new-host-key'] ?? false,
    },
    ...(user && password ? { login: { user, password: sensitive(password) } } : {}),
    by: `${env.SLIPWAY_DEPLOYER || localUser()}@${hostname()}`,
    ...engineSettings(flags, s, servers),
    strategy,
    proxyImage,
    ...(proxy ? { proxy } : {}),
  };
}

function engineSettings(flags: DeployFlags, s: Record<string, any>, servers: SshServer[]): Pick<DeployConfig, 'engine' | 'swarm'> {
  const engine = flags.engine ?? s.engine ?? 'compose';
  if (engine !== 'compose' && engine !== 'swarm') throw new UsageError(`--engine ${engine}: use compose or swarm`);
  if (engine === 'compose') return { engine };
  if (servers.length !== 1) {
    throw new UsageError(`engine swarm deploys through one manager: list it alone in deploy.servers (or --server), and the workers under deploy.swarm.workers (got ${servers.length} servers)`);
  }
  const sw = s.swarm ?? {};
  const workers = (sw.workers ?? []).map((w: string | { host: string; 'advertise-addr'?: string }) =>
    typeof w === 'string' ? parseServer(w) : { ...parseServer(w.host), ...(w['advertise-addr'] ? { advertiseAddr: w['advertise-addr'] } : {}) },
  );
  return { engine, swarm: { ...(sw['advertise-addr'] ? { advertiseAddr: sw['advertise-addr'] } : {}), workers, monitorSec: sw.monitor ?? 10 } };
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} wants a positive number, not '${text}'`);
  return n;
}

function parseEntry(e: string | { host: string; path?: string }): SshServer {
  return typeof e === 'string' ? parseServer(e) : { ...parseServer(e.host), ...(e.path ? { path: e.path } : {}) };
}

function pickServers(flags: DeployFlags, s: Record<string, any>): SshServer[] {
  if (flags.server?.length) return flags.server.map(parseServer);
  const conf = s.servers;
  if (!conf) throw new UsageError('which server? Pass --server user@host[:port] or list deploy.servers in .slipway.yaml');
  if (Array.isArray(conf)) {
    if (flags.group) throw new UsageError(`--group ${flags.group}: deploy.servers has no groups`);
    return conf.map(parseEntry);
  }
  if (flags.group) {
    const g = conf[flags.group];
    if (!g) throw new UsageError(`--group ${flags.group}: no such group in deploy.servers (${Object.keys(conf).join(', ')})`);
    return g.map(parseEntry);
  }
  const all = new Map<string, SshServer>();
  for (const list of Object.values(conf) as any[][]) for (const t of list) all.set(typeof t === 'string' ? t : t.host, parseEntry(t));
  return [...all.values()];
}

/**
 * Where the app lives on `server`, and its compose project name: deploy.app if set, otherwise
 * the folder's name, as compose itself names a project, so that a plain `docker compose ps`
 * in the folder on the server sees the same project.
 */
export function serverTarget(cfg: DeployConfig, server: SshServer): { path: string; project: string } {
  const path = server.path ?? cfg.path;
  return { path, project: cfg.app ?? sanitizeApp(posix.basename(path.replace(/\/+$/, '')) || 'app') };
}

function sanitizeApp(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'app';
}

function defaultCompose(dir: string): string[] {
  const found = DEFAULT_COMPOSE.map((n) => resolve(dir, n)).find((f) => existsSync(f));
  if (!found) throw new UsageError(`no compose file in ${dir} (${DEFAULT_COMPOSE.join(', ')}); name one with --compose or deploy.compose`);
  return [found];
}

interface ServiceInfo {
  name: string;
  image?: string;
  profiles: boolean;
}

/** A local file (compose, .env), through the one safe reader: no FIFO, device or huge file; with `within`, nothing outside it. */
function readLocal(file: string, within?: string): string {
  const r = readProjectFile(file, { within });
  if (!r.ok) throw new UsageError(`${file}: ${r.message}`);
  return r.text;
}

/** Service names and images from the local compose files (later files add to earlier ones). */
export function readServices(files: string[], texts: string[] = files.map((f) => readLocal(f))): ServiceInfo[] {
  const out = new Map<string, ServiceInfo>();
  for (const [i, file] of files.entries()) {
    let doc: any;
    try {
      doc = parseYaml(texts[i]!);
    } catch (e) {
      throw new ConfigError(`cannot read the compose file: ${(e as Error).message.split('\n')[0]}`, file);
    }
    const services = doc?.services;
    if (!services || typeof services !== 'object') throw new ConfigError('no services: in the compose file', file);
    for (const [name, def] of Object.entries<any>(services)) {
      const prev = out.get(name);
      const image = typeof def?.image === 'string' && !def.image.includes('$') ? def.image : prev?.image;
      out.set(name, { name, ...(image ? { image } : {}), profiles: Boolean(def?.profiles?.length) || (prev?.profiles ?? false) });
    }
  }
  return [...out.values()];
}

function repoOf(image: string): string {
  return repositoryOf(parseImageRef(image));
}

/** The image of the one service that names a registry (the guide's `image: ghcr.io/org/app:latest`). */
function guessImage(services: ServiceInfo[]): string | undefined {
  const repos = new Set(services.filter((s) => s.image && parseImageRef(s.image).registry !== null).map((s) => repoOf(s.image!)));
  return repos.size === 1 ? [...repos][0] : undefined;
}

/** sha-<7> of the commit checked out in `dir` (the tag `slipway release` pushes). */
export function defaultTag(dir: string): string {
  try {
    const sha = runGit(['rev-parse', '--verify', 'HEAD'], { cwd: dir }).trim();
    return `sha-${sha.slice(0, 7)}`;
  } catch (e) {
    throw new UsageError(`no --tag given and no git commit to take it from (${(e as Error).message.split('\n')[0]}); pass --tag TAG`);
  }
}

/** Values of the env names: the environment first, then the local .env. A missing one is an error. */
export function envValues(cfg: DeployConfig, env: NodeJS.ProcessEnv): [string, Sensitive][] {
  if (cfg.envNames.length === 0) return [];
  const read = readProjectFile(cfg.localEnvFile);
  if (!read.ok && read.code !== 'missing') throw new UsageError(`${cfg.localEnvFile}: ${read.message}`);
  const local = read.ok ? parseLocalEnv(read.text) : new Map<string, string>();
  const missing: string[] = [];
  const out: [string, Sensitive][] = [];
  for (const name of cfg.envNames) {
    const v = env[name] ?? local.get(name);
    if (v === undefined) missing.push(name);
    else out.push([name, sensitive(v)]);
  }
  if (missing.length) throw new UsageError(`deploy.env names ${missing.join(', ')}, but neither the environment nor ${cfg.localEnvFile} sets ${missing.length > 1 ? 'them' : 'it'}`);
  return out;
}
