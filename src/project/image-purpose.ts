// What an image is for, decided in one place: a service (it listens: EXPOSE, a server program, a
// server base image, a compose service that publishes ports or is deployed), an application
// that runs a program without serving, a base image (no command of its own), a language or
// toolchain image (an interpreter or shell prompt), or a command-line tool (an ENTRYPOINT that
// is a program). The guide's service rules (HEALTHCHECK, non-root user, build tools, .dockerignore)
// judge services at full severity and the others at info, and say which of these it is and why.

import type { Dockerfile, Instruction, Stage } from '../parse/dockerfile/model.js';
import { fromChain } from '../parse/dockerfile/stages.js';

export type ImagePurposeKind = 'service' | 'app' | 'base' | 'toolchain' | 'tool' | 'test';

export interface ImagePurpose {
  kind: ImagePurposeKind;
  /** Why, in the words of the file: "EXPOSE 8000 and CMD gunicorn: a service". */
  reason: string;
}

/** How a compose file uses the image built from a Dockerfile (one entry per service that builds it). */
export interface ComposeUse {
  service: string;
  /** The compose file, as shown in findings. */
  file: string;
  /** `ports:` (published) and `expose:` entries, as written. */
  ports: string[];
  /** The service has a `deploy:` section (Swarm, replicas, resources). */
  deployed: boolean;
}

/** Programs that listen for connections: running one makes the image a service. */
const SERVERS = new Set([
  'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'uwsgi', 'granian', 'fastapi',
  'nginx', 'openresty', 'httpd', 'httpd-foreground', 'apache2', 'apache2-foreground', 'apache2ctl', 'lighttpd', 'caddy', 'traefik', 'haproxy', 'envoy', 'varnishd',
  'php-fpm', 'php-fpm8', 'php-fpm81', 'php-fpm82', 'php-fpm83', 'frankenphp', 'puma', 'unicorn', 'thin', 'passenger', 'rackup', 'falcon',
  'catalina.sh', 'zkServer.sh', 'jetty', 'http-server', 'serve', 'next', 'nuxt', 'pm2-runtime',
  'postgres', 'postgresql', 'mysqld', 'mariadbd', 'mongod', 'redis-server', 'memcached', 'rabbitmq-server', 'sshd', 'dropbear', 'named', 'dnsmasq',
  'supervisord', 'grafana-server', 'prometheus', 'registry', 'nats-server', 'minio', 'coredns', 'tailscaled', 'radiusd', 'freeradius',
  'jupyter', 'jupyterhub', 'start-notebook.sh', 'start-notebook.py', 'start-singleuser.sh', 'mkdocs', 'hugo', 'temporal-server', 'kong', 'mosquitto',
]);
/** Sub-commands of a program that start a server (`rails server`, `manage.py runserver`, `flask run`). */
const SERVER_WORDS = /^(runserver|server|serve|s|start|run|up|web|listen|daemon|agent|runfcgi|lab|notebook)$/;
const SERVER_WORD_PROGRAMS = new Set(['rails', 'manage.py', 'django-admin', 'flask', 'php', 'artisan', 'npm', 'yarn', 'pnpm', 'bun', 'deno', 'dotnet', 'hugo', 'jupyter', 'streamlit', 'gradio', 'celery']);
/** Base images whose own command is a server (the image inherits EXPOSE and CMD). */
const SERVER_BASES =
  /^(nginx|nginx-unprivileged|openresty|httpd|caddy|traefik|haproxy|tomcat|jetty|grafana|registry|postgres|postgis|mysql|mariadb|mongo|redis|valkey|rabbitmq|memcached|elasticsearch|kibana|wordpress|ghost|drupal|joomla|nextcloud|keycloak|envoy|varnish|minio|vault|consul|prometheus|alertmanager|.*-notebook|jupyterhub|freeradius-server|server|auto-setup|gitea|mosquitto|kong|odoo|sonarqube|jenkins|nats)$/;
/** Interpreters and shells: an image whose command is one of these, without a script, is a language or toolchain image. */
const PROMPTS = new Set([
  'python', 'python2', 'python3', 'node', 'nodejs', 'ruby', 'irb', 'php', 'perl', 'ghci', 'iex', 'erl', 'jshell', 'julia', 'R', 'lua', 'tclsh', 'bun', 'deno',
  'bash', 'sh', 'ash', 'zsh', 'fish', 'dash', 'pwsh', 'powershell', 'powershell.exe', 'cmd', 'cmd.exe', 'scala', 'sbt', 'go', 'gradle', 'mvn', 'rustc', 'cargo', 'gcc', 'make',
]);
/** Runtimes that run a program given to them (`java -jar app.jar`, `dotnet app.dll`): what they run is an application, not a tool. */
const RUNTIMES = new Set([...PROMPTS, 'java', 'dotnet', 'wasmedge', 'wasmtime', 'mono', 'elixir', 'beam.smp', 'uv', 'poetry', 'pipenv', 'npx', 'pnpm', 'npm', 'yarn']);
/** Programs that only start another (init wrappers, privilege droppers): look past them. */
const WRAPPERS = new Set(['tini', 'tini-static', 'dumb-init', 'gosu', 'su-exec', 'setpriv', 'runuser', 's6-svscan', 'catatonit', 'exec', 'env', 'chpst']);
/** Entrypoint scripts that set up the container and hand over to CMD. */
const SETUP_SCRIPT = /(^|[-_.])(entrypoint|entry|start|startup|run|boot|init|launch|docker-entrypoint|wrapper)([-_.]|$)|\.(sh|bash|ps1)$/i;
/** Folders of images made for a repository's tests (integration fixtures, test runners), which nothing deploys. */
const TEST_PATH = /(^|\/)(tests?|e2e|integration-tests?|testdata|fixtures?|cypress|spec)\//i;
/** Folders and names of Dockerfiles for development environments and build toolchains. */
const TOOLCHAIN_PATH = /(^|[/._-])(\.devcontainer|devcontainer|\.codesandbox|codesandbox|gitpod|builder|build-env|toolchain|sdk|ci)([/._-]|$)/i;

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.exe$/i, '');

function words(inst: Instruction | undefined): string[] {
  if (!inst) return [];
  if (inst.json) {
    // ["sh", "-c", "gunicorn ..."]: the script's words count.
    const [first, flag, script] = inst.json;
    if (first && PROMPTS.has(base(first)) && flag === '-c' && script !== undefined) return script.split(/\s+/).filter(Boolean);
    return inst.json;
  }
  return (inst.shell?.commands ?? []).flatMap((c) => c.argv);
}

/** The words after wrappers and their options (`tini -g -- start.sh` → `start.sh`). */
function program(ws: string[]): { name: string; rest: string[] } | null {
  let i = 0;
  while (i < ws.length) {
    const w = ws[i]!;
    if (WRAPPERS.has(base(w)) || w === '--' || (i > 0 && w.startsWith('-') && WRAPPERS.has(base(ws[i - 1] ?? '')))) i++;
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
    else break;
  }
  return i < ws.length ? { name: base(ws[i]!), rest: ws.slice(i + 1) } : null;
}

/** Does this command line start a server? Names the evidence, or null. */
function serverIn(ws: string[]): string | null {
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const name = base(w);
    if (SERVERS.has(name)) return name;
    if (SERVER_WORD_PROGRAMS.has(name) && SERVER_WORDS.test(ws[i + 1] ?? '')) return `${name} ${ws[i + 1]}`;
    if (name === 'manage.py' && ws.slice(i + 1).includes('runserver')) return 'manage.py runserver';
    if (/^(-b|--bind|--port|-p|--listen|--host|--http|--addr|--address|--server\.port)(=|$)/.test(w) && i > 0) return `${name}${w.includes('=') ? '' : ` ${ws[i + 1] ?? ''}`}`.trim();
    if (/^(0\.0\.0\.0|\[::\]|:::?)(:\d+)?$/.test(w) || /^(0\.0\.0\.0|\[::\]):\d+$/.test(w)) return w;
    if (/(^|[-_.])server\.(js|mjs|cjs|ts|py|rb|php)$/i.test(name)) return ws.slice(Math.max(0, i - 1), i + 1).map(base).join(' ');
  }
  return null;
}

function shown(inst: Instruction, ws: string[]): string {
  const p = program(ws);
  return `${inst.keyword} ${p ? p.name : ws.join(' ')}`.trim();
}

/** The last instruction of a keyword in the stage and the stages it is FROM-built upon. */
function last(chain: Stage[], keyword: string): Instruction | undefined {
  for (let k = chain.length - 1; k >= 0; k--) {
    const found = chain[k]!.instructions.filter((i) => i.keyword === keyword).at(-1);
    if (found) return found;
  }
  return undefined;
}

const CACHE = new WeakMap<Dockerfile, WeakMap<object, ImagePurpose>>();

/**
 * What the image a Dockerfile ships is for, from its shipped stage (and the stages it is built FROM)
 * and the compose services that build it. Pure; memoized per parsed Dockerfile and compose uses.
 */
export function imagePurpose(df: Dockerfile, uses: readonly ComposeUse[] = []): ImagePurpose {
  let byUses = CACHE.get(df);
  if (!byUses) CACHE.set(df, (byUses = new WeakMap()));
  const hit = byUses.get(uses);
  if (hit) return hit;
  const purpose = decide(df, uses);
  byUses.set(uses, purpose);
  return purpose;
}

function decide(df: Dockerfile, uses: readonly ComposeUse[]): ImagePurpose {
  const published = uses.find((u) => u.ports.length);
  if (published) return { kind: 'service', reason: `compose service '${published.service}' (${published.file}) publishes ${published.ports.slice(0, 2).join(', ')}: a service` };
  const deployed = uses.find((u) => u.deployed);
  if (deployed) return { kind: 'service', reason: `compose service '${deployed.service}' (${deployed.file}) is deployed (deploy:): a service` };

  const shipped = df.shipped;
  if (!shipped) return { kind: 'base', reason: 'no FROM: nothing is built' };
  const path = df.path.split('\\').join('/');
  const test = TEST_PATH.exec(path);
  if (test) return { kind: 'test', reason: `${path} is under ${test[2]}/: an image for the repository's tests` };
  const chain = fromChain(shipped).reverse();
  const root = chain[0] ?? shipped;
  const exposes = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'EXPOSE')).flatMap((i) => i.args.map((a) => a.value));
  const entrypoint = last(chain, 'ENTRYPOINT');
  const cmd = last(chain, 'CMD');
  const epWords = words(entrypoint);
  // A shell-form ENTRYPOINT ignores CMD.
  const start = entrypoint && !entrypoint.json ? epWords : [...epWords, ...words(cmd)];
  const command = entrypoint ?? cmd;
  const commandText = command ? shown(command, words(command)) : '';
  const server = serverIn(start);
  const imageName = root.image.name.toLowerCase();
  const baseName = base(imageName);
  const serverBase = !root.image.isScratch && root.image.stage === null && SERVER_BASES.test(baseName);

  if (exposes.length) {
    const why = `EXPOSE ${exposes.slice(0, 3).join(' ')}${server ? ` and ${command?.keyword ?? 'CMD'} ${server}` : commandText ? ` and ${commandText}` : ''}`;
    return { kind: 'service', reason: `${why}: a service` };
  }
  if (server) return { kind: 'service', reason: `${command?.keyword ?? 'CMD'} ${server}: a service` };
  if (!command) {
    if (serverBase) return { kind: 'service', reason: `FROM ${root.image.raw}, a server image: a service` };
    if (TOOLCHAIN_PATH.test(path)) return { kind: 'toolchain', reason: `no CMD or ENTRYPOINT of its own, and ${df.path} is a development or build environment` };
    return { kind: 'base', reason: 'no CMD or ENTRYPOINT of its own: a base image' };
  }
  const p = program(start);
  // `FROM nginx` + a setup script that hands over to the server (or nothing to hand over to).
  if (serverBase && (!p || SETUP_SCRIPT.test(p.name))) return { kind: 'service', reason: `FROM ${root.image.raw}, a server image, started by ${commandText}: a service` };
  if (!p) return { kind: 'app', reason: `${commandText}: an application image` };
  // An entrypoint script with no CMD to hand over to: a base for images that add their command.
  if (entrypoint && SETUP_SCRIPT.test(p.name) && !cmd) return { kind: 'base', reason: `ENTRYPOINT ${p.name} with no CMD to hand over to: a base image` };
  // docker-entrypoint.sh + CMD ["node"]: the handed-over command decides.
  const handed = entrypoint && entrypoint.json && SETUP_SCRIPT.test(p.name) && cmd ? program(words(cmd)) : null;
  const effective = handed ?? p;
  const onlyOptions = effective.rest.every((w) => w.startsWith('-'));
  if (PROMPTS.has(effective.name) && onlyOptions) {
    return { kind: 'toolchain', reason: `${handed ? 'CMD' : command!.keyword} ${effective.name} with no script: an interpreter or shell prompt, a language or toolchain image` };
  }
  if (TOOLCHAIN_PATH.test(path) && !handed) {
    return { kind: 'toolchain', reason: `${df.path} is a development or build environment` };
  }
  if (entrypoint && entrypoint.json && !SETUP_SCRIPT.test(p.name) && !RUNTIMES.has(p.name) && !/\.(dll|jar|war|wasm|apk|py|js|mjs|rb|php|pl)$/i.test(p.name)) {
    return { kind: 'tool', reason: `ENTRYPOINT ${p.name} and no port: a command-line tool image` };
  }
  return { kind: 'app', reason: `${commandText} and no port: an application that does not serve` };
}

/** The kinds the guide's service rules judge at full severity. */
export const isService = (p: ImagePurpose): boolean => p.kind === 'service';
/** Base, language/toolchain, command-line tool and test images: the service rules report them at info at most. */
export const isNotRunAsService = (p: ImagePurpose): boolean => p.kind === 'base' || p.kind === 'toolchain' || p.kind === 'tool' || p.kind === 'test';
