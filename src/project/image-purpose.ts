// What an image is for, decided in one place: a service (it listens: EXPOSE, a server program, a
// server base image, a compose service that publishes ports or is deployed, a web framework in the
// manifest the image installs), an application that runs a program without serving (workers,
// desktop apps), a workbench (an image made for building software inside it: notebook servers,
// dev containers, development images, CI runners, kernel-module builders), a base image (no command of its own), a
// language or toolchain image (an interpreter or shell prompt), a command-line tool (an ENTRYPOINT
// that is a program), or a test image. The guide's service rules (HEALTHCHECK, non-root user, build
// tools, .dockerignore) judge services at full severity and the others at info, and say which of
// these it is and why.

import type { Dockerfile, Instruction, Stage } from '../parse/dockerfile/model.js';
import { fromChain } from '../parse/dockerfile/stages.js';
import { testImageEvidence } from './test-image.js';

export type ImagePurposeKind = 'service' | 'app' | 'workbench' | 'base' | 'toolchain' | 'tool' | 'test';

export interface ImagePurpose {
  kind: ImagePurposeKind;
  /** Why, in the words of the file: "EXPOSE 8000 and CMD gunicorn: a service". */
  reason: string;
  /** It listens for connections: every service, and a workbench that is a notebook or IDE server. */
  serves: boolean;
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
  /** Names of `build.additional_contexts` (what `COPY --from=<name>` may take instead of a stage). */
  namedContexts?: string[];
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
/** Files that are build output, not programs: an image whose ENTRYPOINT is one carries artifacts (`docker build --output`). */
const ARTIFACT = /\.(apk|aab|ipa|zip|tar|tgz|tar\.gz|deb|rpm|whl|msi|dmg|nupkg|vsix)$/i;
/** Folders and names of Dockerfiles for build toolchains. */
const TOOLCHAIN_PATH = /(^|[/._-])(builder|build-env|toolchain|sdk|ci)([/._-]|$)/i;
/** Folders of development environments: an editor or a browser IDE opens them, and their users build inside. */
const DEV_ENV_PATH = /(^|[/._-])(\.devcontainer|devcontainer|\.codesandbox|codesandbox|\.gitpod|gitpod)([/._-]|$)/i;
/** Development images by name (`docker/development/Dockerfile`, `Dockerfile.dev`, `dev.Dockerfile`, skaffold's `Dockerfile.debug`): their users run and edit the code inside them, nothing deploys them. */
const DEV_IMAGE_PATH = /(^|\/)development\/|(^|\/)(Dockerfile|Containerfile)\.(dev|development|debug)$|(^|\/)([\w.-]*[-_.])?(dev|development|debug)\.(Dockerfile|Containerfile)$/i;
/** `artisan serve` and `php -S`: PHP's built-in web server, made for development. */
const PHP_DEV_SERVER = /\bartisan serve\b|\bphp(?:[\d.]*)? (?:-[dc] \S+ )*-S\b/;
/** Notebook and browser-IDE servers: they serve, and their users compile and install packages inside. */
const NOTEBOOK_SERVERS = new Set([
  'jupyter', 'jupyter-lab', 'jupyter-notebook', 'jupyterhub-singleuser', 'start-notebook.sh', 'start-notebook.py', 'start-singleuser.sh', 'start-singleuser.py',
  'code-server', 'openvscode-server', 'rstudio-server', 'rserver',
]);
/** Base images of notebook and browser-IDE servers (the image inherits their command). */
const NOTEBOOK_BASES = /(^|\/)([\w.-]*-notebook|singleuser|k8s-singleuser-sample|code-server|openvscode-server)$|^rocker\/(rstudio|tidyverse|verse|geospatial|ml|ml-verse|binder)$/;
/** CI runner and agent images: CI jobs build and test software inside them. */
const CI_RUNNER_BASES = /(^|\/)(actions-runner|github-runner|gitlab-runner|inbound-agent|jnlp-slave|ssh-agent|buildkite-agent|jenkins\/agent|buildkite\/agent|circleci\/runner)$/;
const CI_RUNNER_PROGRAMS = new Set(['jenkins-agent', 'gitlab-runner', 'buildkite-agent', 'Runner.Listener', 'actions-runner']);
/** Desktop IDEs and editors: their users build software inside them (RStudio compiles R packages, an editor runs the build). */
const DESKTOP_IDES = new Set(['atom', 'code', 'codium', 'rstudio', 'sublime_text', 'subl', 'eclipse', 'idea', 'idea.sh', 'pycharm', 'pycharm.sh', 'goland', 'goland.sh', 'clion', 'clion.sh', 'studio.sh', 'android-studio']);
/** Queue workers: they take jobs from a broker and listen on no port. */
const WORKER_PROGRAMS = new Set(['celery', 'rq', 'rqworker', 'sidekiq', 'dramatiq', 'huey_consumer', 'huey_consumer.py', 'arq', 'resque', 'good_job', 'faktory-worker']);
const WORKER_WORDS = /^(worker|beat|qcluster|rqworker|queue:work|queue:listen|horizon)$/;
const WORKER_SCRIPT = /(^|[-_.])(worker|workers|consumer|scheduler)\.(py|js|mjs|cjs|ts|rb|php)$/i;
/** Web servers and frameworks in a manifest: with a command that runs the app, evidence that it serves. */
const WEB_PYTHON = ['uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'waitress', 'granian', 'fastapi', 'flask', 'django', 'starlette', 'litestar', 'aiohttp', 'sanic', 'tornado', 'quart', 'bottle', 'falcon', 'pyramid', 'cherrypy', 'streamlit', 'gradio', 'dash'];
const WEB_NODE = ['express', 'fastify', 'koa', '@nestjs/core', '@hapi/hapi', 'hono', 'next', 'nuxt', '@remix-run/serve', 'restify', 'polka', '@adonisjs/core', 'sails'];
const WEB_GO = ['github.com/gin-gonic/gin', 'github.com/labstack/echo', 'github.com/gofiber/fiber', 'github.com/go-chi/chi', 'github.com/gorilla/mux', 'github.com/julienschmidt/httprouter', 'github.com/valyala/fasthttp', 'google.golang.org/grpc', 'github.com/beego/beego'];
/** Packages that build kernel modules (with a compiler): an image that compiles against the host's kernel when it runs. */
const KERNEL_MODULE_TOOLS = /^(kmod|dkms)$/;
const COMPILERS = /^(build-essential|build-base|gcc|make|linux-headers(-.*)?|kernel-devel|kernel-headers)$/;

const base = (p: string) => {
  const name = p.slice(p.lastIndexOf('/') + 1);
  // Called for every word of the commands: the pattern only for a name with a 4-character extension.
  return name.length >= 4 && name[name.length - 4] === '.' ? name.replace(/\.exe$/i, '') : name;
};

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
    else if (w.includes('=') && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) i++;
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

/** What decides the purpose besides the Dockerfile: the compose services that build it and the dependencies its manifests declare. */
export interface PurposeFacts {
  composeUses: readonly ComposeUse[];
  /** Distribution names the Python manifests near the Dockerfile declare (lower-cased), and those manifests. */
  pythonDependencies?: readonly string[];
  pythonDependencySources?: readonly string[];
  /** `dependencies` of the package.json near the Dockerfile, and that file. */
  nodeDependencies?: readonly string[];
  nodeDependencySource?: string | null;
  /** Module paths go.mod near the Dockerfile requires, and that file. */
  goModules?: readonly string[];
  goModuleSource?: string | null;
}

const CACHE = new WeakMap<Dockerfile, WeakMap<object, ImagePurpose>>();

/**
 * What the image a Dockerfile ships is for, from its shipped stage (and the stages it is built FROM),
 * the compose services that build it and the manifests it installs. Pure; memoized per parsed
 * Dockerfile and facts object (a bare array: the compose uses alone).
 */
export function imagePurpose(df: Dockerfile, facts: PurposeFacts | readonly ComposeUse[] = []): ImagePurpose {
  let byFacts = CACHE.get(df);
  if (!byFacts) CACHE.set(df, (byFacts = new WeakMap()));
  const hit = byFacts.get(facts);
  if (hit) return hit;
  const purpose = decide(df, Array.isArray(facts) ? { composeUses: facts } : (facts as PurposeFacts));
  byFacts.set(facts, purpose);
  return purpose;
}

const make = (kind: ImagePurposeKind, reason: string, serves = kind === 'service'): ImagePurpose => ({ kind, reason, serves });

/** Every word the RUN instructions of these stages run (package names included). */
function runWords(stages: readonly Stage[]): string[] {
  const out: string[] = [];
  for (const s of stages) for (const i of s.instructions) if (i.keyword === 'RUN') for (const w of words(i)) out.push(w);
  return out;
}

/** A workbench that does not serve: CI runners, development environments. Names the evidence, or null. */
function quietWorkbench(path: string, root: Stage, rootName: string, start: string[]): string | null {
  if (CI_RUNNER_BASES.test(rootName)) return `FROM ${root.image.raw}, a CI runner: CI jobs build software inside it`;
  const runner = start.map(base).find((w) => CI_RUNNER_PROGRAMS.has(w));
  if (runner) return `${runner} is a CI runner: CI jobs build software inside it`;
  const ide = program(start);
  if (ide && DESKTOP_IDES.has(ide.name)) return `${ide.name} is a desktop IDE: its users build software inside it`;
  const dev = DEV_ENV_PATH.exec(path);
  if (dev) return `${path} is a development environment (${dev[2]}): its users build software inside it`;
  return null;
}

/**
 * A development image, by its name. Not by the compose files that build it: coolify's realtime image
 * is built by `docker-compose.dev.yml` and published by a workflow.
 */
function developmentImage(path: string, chain: Stage[], start: string[]): string | null {
  if (DEV_IMAGE_PATH.test(path)) return `${path} is a development image: its users run and edit the code inside it`;
  // PHP's built-in server ("not intended to be used on a public network"), in the command or in an
  // ENV a process manager reads (Laravel Sail: SUPERVISOR_PHP_COMMAND="… artisan serve …").
  if (PHP_DEV_SERVER.test(start.join(' '))) return `${(PHP_DEV_SERVER.exec(start.join(' ')) ?? [''])[0]} is PHP's development server: a development image`;
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i.keyword !== 'ENV') continue;
      const p = i.properties.find((x) => PHP_DEV_SERVER.test(x.value ?? ''));
      if (p) return `ENV ${p.name} runs ${PHP_DEV_SERVER.exec(p.value ?? '')![0]}, PHP's development server: a development image`;
    }
  }
  return null;
}

/** Every `#` line of the file with its 1-based line (a first line with `=` is a parser directive to the parser, still a usage comment to a reader). */
export function commentLines(df: Dockerfile): readonly { line: number; text: string }[] {
  let lines = COMMENT_LINES.get(df);
  if (!lines) COMMENT_LINES.set(df, (lines = findCommentLines(df.text)));
  return lines;
}

/** The lines of `text` (split at `\n`) that start with `#` after blanks; only lines holding a `#` are cut out and tested. */
function findCommentLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let hash = text.indexOf('#');
  let start = 0;
  for (let line = 1; hash >= 0; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (hash < end) {
      const t = text.slice(start, end);
      if (/^\s*#/.test(t)) out.push({ line, text: t });
      hash = text.indexOf('#', end);
    }
    start = end + 1;
  }
  return out;
}
/** Per parsed Dockerfile (its text never changes): the purpose and the non-root rule both read them. */
const COMMENT_LINES = new WeakMap<Dockerfile, readonly { line: number; text: string }[]>();

/** The X11 socket or a display in ENV or the usage comment (`-v /tmp/.X11-unix:…`, `-e DISPLAY`): a desktop application. */
const DESKTOP = /\/tmp\/\.X11-unix|(^|[\s"'=-])(WAYLAND_)?DISPLAY\b/;
function desktopIn(df: Dockerfile, chain: Stage[]): string | null {
  const env = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENV')).find((i) => i.properties.some((p) => /^(WAYLAND_)?DISPLAY$/.test(p.name)));
  if (env) return `ENV ${env.properties.find((p) => /DISPLAY$/.test(p.name))!.name} (line ${env.line})`;
  // A comment line is a piece of the text: a text without either word has none that matches.
  if (!df.text.includes('DISPLAY') && !df.text.includes('/tmp/.X11-unix')) return null;
  const line = commentLines(df).find((c) => DESKTOP.test(c.text));
  return line ? `its usage comment mounts the X11 socket or passes DISPLAY (line ${line.line})` : null;
}

/** kmod or dkms with a compiler: an image that builds kernel modules for the host's kernel when it runs (wireguard, driver loaders). */
function kernelModuleBuilder(chain: Stage[]): string | null {
  const installed = runWords(chain);
  // kmod and dkms are four letters: most files have neither, and their words need no lower-casing.
  const kmod = installed.find((w) => w.length === 4 && KERNEL_MODULE_TOOLS.test(w.toLowerCase()));
  if (!kmod) return null;
  const compiler = installed.find((w) => COMPILERS.test(w.toLowerCase()));
  return compiler ? `it installs ${kmod.toLowerCase()} and ${compiler.toLowerCase()}: it builds kernel modules for the host's kernel when it runs` : null;
}

/** Is a queue worker started (celery worker, rq worker, sidekiq, worker.py)? Names it, or null. */
function workerIn(ws: string[]): string | null {
  for (let i = 0; i < ws.length; i++) {
    const name = base(ws[i]!);
    if (WORKER_PROGRAMS.has(name)) {
      const sub = ws.slice(i + 1).find((w) => WORKER_WORDS.test(w));
      return sub ? `${name} ${sub}` : name;
    }
    if (WORKER_WORDS.test(ws[i]!) && i > 0 && /^(manage\.py|artisan|django-admin|faust)$/.test(base(ws[i - 1]!))) return `${base(ws[i - 1]!)} ${ws[i]}`;
    if (WORKER_SCRIPT.test(name)) return name;
  }
  return null;
}

/** The program and its script or module (`python app.py`, `node dist/main.js`), as evidence reads best. */
function withScript(p: { name: string; rest: string[] }): string {
  const script = p.rest.find((w) => !w.startsWith('-'));
  const module = p.rest[0] === '-m' && p.rest[1] ? `-m ${p.rest[1]}` : null;
  return [p.name, module ?? script].filter(Boolean).join(' ');
}

const PYTHON = /^(python[\d.]*|pypy[\d.]*|uv|poetry|pipenv|pdm|hatch)$/;
const NODE = /^(node|nodejs|npm|npx|yarn|pnpm|bun|deno|tsx|ts-node)$/;
const shortList = (xs: string[]) => xs.slice(0, 3).join(', ') + (xs.length > 3 ? ' …' : '');

/**
 * A web framework in the manifest the image installs, run by its command: evidence it serves without
 * EXPOSE. Python and Node need their interpreter to run a script or module; Go a built binary.
 */
function frameworkIn(df: Dockerfile, p: { name: string; rest: string[] }, facts: PurposeFacts): string | null {
  // Every RUN word of the file, read only when a manifest declares a framework.
  let fileWords: string[] | undefined;
  const all = () => (fileWords ??= runWords(df.stages));
  const has = (re: RegExp, sub: RegExp) => {
    const ws = all();
    return ws.some((w, i) => re.test(base(w)) && ws.slice(i + 1, i + 4).some((x) => sub.test(x)));
  };
  const pick = (declared: readonly string[] | undefined, web: string[]) => web.filter((w) => declared?.includes(w));
  if (PYTHON.test(p.name) && p.rest.some((w) => !w.startsWith('-'))) {
    const found = pick(facts.pythonDependencies, WEB_PYTHON);
    if (found.length && has(/^(pip[\d.]*|python[\d.]*|uv|poetry|pipenv|pdm)$/, /^(install|sync|pip)$/)) {
      const from = facts.pythonDependencySources?.[0] ?? 'the Python manifests';
      return `${withScript(p)} and ${from} declares ${shortList(found)}`;
    }
  }
  if (NODE.test(p.name) && p.rest.some((w) => !w.startsWith('-'))) {
    const found = pick(facts.nodeDependencies, WEB_NODE);
    if (found.length && has(/^(npm|yarn|pnpm|bun)$/, /^(ci|install|i|add)$|^--frozen-lockfile$|^--immutable$/)) return `${withScript(p)} and ${facts.nodeDependencySource ?? 'package.json'} depends on ${shortList(found)}`;
    // `yarn` alone installs.
    if (found.length && all().some((w) => base(w) === 'yarn')) return `${withScript(p)} and ${facts.nodeDependencySource ?? 'package.json'} depends on ${shortList(found)}`;
  }
  if (!PYTHON.test(p.name) && !NODE.test(p.name) && !PROMPTS.has(p.name)) {
    const found = (facts.goModules ?? []).filter((m) => WEB_GO.some((w) => m === w || m.startsWith(`${w}/`)));
    if (found.length && has(/^go$/, /^(build|install)$/)) return `${p.name}, built with go, and ${facts.goModuleSource ?? 'go.mod'} requires ${shortList(found)}`;
  }
  return null;
}

/** The command a test runner would be in: the program after wrappers, or the CMD an entrypoint script hands over to. */
function testCommand(entrypoint: Instruction | undefined, cmd: Instruction | undefined, start: string[]): { keyword: string; words: string[] } | null {
  const p = program(start);
  if (!p) return null;
  const handed = entrypoint && entrypoint.json && SETUP_SCRIPT.test(p.name) && cmd ? program(words(cmd)) : null;
  const q = handed ?? p;
  return { keyword: handed ? 'CMD' : ((entrypoint ?? cmd)?.keyword ?? 'CMD'), words: [q.name, ...q.rest] };
}

/** Interactive terminal programs that stay connected to untrusted peers or documents (chat, mail, editors): applications, not one-shot tools. */
const TERMINAL_APPS = new Set(['weechat', 'irssi', 'mutt', 'neomutt', 'alpine', 'profanity', 'finch', 'newsboat', 'emacs', 'vim', 'nvim', 'nano', 'tmux', 'screen', 'lynx', 'w3m', 'links', 'elinks']);
/** Words that only ask a program for its usage: a CMD of them leaves the real arguments to whoever runs the image. */
const USAGE_ONLY = /^(--help|-h|help|--version|-v|version)$/;

/**
 * A command-line tool started by CMD: the CMD asks only for its usage (`imagemin --help`), or is the
 * bare name of a program a RUN installs by that name (`cabal install brok` + `CMD ["brok"]`,
 * `apt-get install shellcheck` + `CMD ["shellcheck"]`): the image packages one program for the
 * arguments its users give. Names the evidence, or null.
 */
function cliByCmd(chain: Stage[], p: { name: string; rest: string[] }): string | null {
  // `CMD ["echo", "Use one of the following commands …"]` (jessfraz imagemagick): the default only prints.
  if (/^(echo|printf)$/.test(p.name)) return `${p.name} … (it only prints a message; users pass their own command)`;
  if (RUNTIMES.has(p.name) || SETUP_SCRIPT.test(p.name) || TERMINAL_APPS.has(p.name)) return null;
  if (p.rest.length && p.rest.every((w) => USAGE_ONLY.test(w))) return `${p.name} ${p.rest.join(' ')} (it prints its usage; users pass their own arguments)`;
  if (p.rest.length) return null;
  for (const s of chain) {
    for (const i of s.instructions) {
      if (i.keyword !== 'RUN') continue;
      // One command at a time: `make install && lang3 --version` installs nothing named lang3.
      for (const ws of i.json ? [i.json] : (i.shell?.commands ?? []).map((c) => c.argv)) {
        const at = ws.findIndex((w) => w === p.name || packageStem(w) === p.name);
        const verb = at > 0 ? ws.slice(0, at).findLastIndex((w) => /^(install|add|i)$/.test(w)) : -1;
        const manager = ws.slice(0, verb).findLast((w) => !w.startsWith('-'));
        if (verb > 0) return `${p.name}, installed by name (${manager ? `${base(manager)} ` : ''}${ws[verb]} ${at > verb + 1 ? '… ' : ''}${ws[at]}): one program for the arguments its users give`;
      }
    }
  }
  return null;
}

/** A package word without its version pin (`htop=3.2.2-r1`, `left-pad@1.3.0`, `requests>=2`); a `-1.0` suffix stays. */
const packageStem = (w: string) => w.split(/[=<>~@]/)[0]!;

function decide(df: Dockerfile, facts: PurposeFacts): ImagePurpose {
  const uses = facts.composeUses;
  const shipped = df.shipped;
  const path = df.path.split('\\').join('/');
  const chain = shipped ? fromChain(shipped).reverse() : [];
  const root = chain[0] ?? shipped;
  const rootName = root && !root.image.isScratch && root.image.stage === null ? root.image.name.toLowerCase() : '';
  const entrypoint = last(chain, 'ENTRYPOINT');
  const cmd = last(chain, 'CMD');
  const epWords = words(entrypoint);
  // A shell-form ENTRYPOINT ignores CMD.
  const start = entrypoint && !entrypoint.json ? epWords : [...epWords, ...words(cmd)];
  const server = serverIn(start);
  // A notebook or browser-IDE server: it serves, and its users compile inside it.
  const notebook = server && NOTEBOOK_SERVERS.has(server.split(' ')[0]!) ? server : null;
  const notebookBase = NOTEBOOK_BASES.test(rootName) && (!server || notebook) ? rootName : null;
  if (notebook || notebookBase) {
    const img = root!.image;
    const from = img.raw.includes('$') ? `FROM ${img.raw} (${img.registry ? `${img.registry}/` : ''}${img.name})` : `FROM ${img.raw}`;
    const why = notebook ? `${(entrypoint ?? cmd)?.keyword ?? 'CMD'} ${notebook}` : from;
    return make('workbench', `${why}, a notebook or IDE server: a workbench (its users build software inside it) that serves`, true);
  }

  // A test image (a fixture under test/, a Playwright base, `npx playwright test`) stays one even when the test compose file publishes its port.
  const test = shipped ? testImageEvidence(path, root && root.image.stage === null ? root.image : null, testCommand(entrypoint, cmd, start)) : null;
  if (test) return make('test', test);
  // A development image stays one when its development compose file publishes the app's port.
  const development = shipped ? developmentImage(path, chain, start) : null;
  if (development) return make('workbench', `${development}: a workbench`);
  const published = uses.find((u) => u.ports.length);
  if (published) return make('service', `compose service '${published.service}' (${published.file}) publishes ${published.ports.slice(0, 2).join(', ')}: a service`);
  const deployed = uses.find((u) => u.deployed);
  if (deployed) return make('service', `compose service '${deployed.service}' (${deployed.file}) is deployed (deploy:): a service`);

  if (!shipped || !root) return make('base', 'no FROM: nothing is built');
  const bench = quietWorkbench(path, root, rootName, start);
  if (bench) return make('workbench', `${bench}: a workbench`);

  const exposes = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'EXPOSE')).flatMap((i) => i.args.map((a) => a.value));
  const command = entrypoint ?? cmd;
  const commandText = command ? shown(command, words(command)) : '';
  const serverBase = rootName !== '' && SERVER_BASES.test(base(rootName));

  if (exposes.length) {
    const why = `EXPOSE ${exposes.slice(0, 3).join(' ')}${server ? ` and ${command?.keyword ?? 'CMD'} ${server}` : commandText ? ` and ${commandText}` : ''}`;
    return make('service', `${why}: a service`);
  }
  if (server) return make('service', `${command?.keyword ?? 'CMD'} ${server}: a service`);
  const builder = kernelModuleBuilder(chain);
  if (builder) return make('workbench', `${builder}: a workbench`);
  if (!command) {
    if (serverBase) return make('service', `FROM ${root.image.raw}, a server image: a service`);
    if (TOOLCHAIN_PATH.test(path)) return make('toolchain', `no CMD or ENTRYPOINT of its own, and ${df.path} is a build environment`);
    return make('base', 'no CMD or ENTRYPOINT of its own: a base image');
  }
  const p = program(start);
  // `FROM nginx` + a setup script that hands over to the server (or nothing to hand over to).
  if (serverBase && (!p || SETUP_SCRIPT.test(p.name))) return make('service', `FROM ${root.image.raw}, a server image, started by ${commandText}: a service`);
  if (!p) return make('app', `${commandText}: an application image`);
  if (ARTIFACT.test(p.name)) return make('base', `${command.keyword} ${p.name} is a package file, not a program: an image that carries build output`);
  // An entrypoint script with no CMD to hand over to: a base for images that add their command.
  if (entrypoint && SETUP_SCRIPT.test(p.name) && !cmd) return make('base', `ENTRYPOINT ${p.name} with no CMD to hand over to: a base image`);
  // docker-entrypoint.sh + CMD ["node"]: the handed-over command decides.
  const handed = entrypoint && entrypoint.json && SETUP_SCRIPT.test(p.name) && cmd ? program(words(cmd)) : null;
  const effective = handed ?? p;
  const shownKeyword = handed ? 'CMD' : command.keyword;
  const worker = workerIn(start);
  if (worker) return make('app', `${shownKeyword} ${worker}: a worker (it takes jobs from a queue and listens on no port)`);
  const framework = frameworkIn(df, effective, facts);
  if (framework) return make('service', `${shownKeyword} ${framework}: a service, though it has no EXPOSE`);
  // A desktop application, however it starts (ENTRYPOINT ["gimp"] is not a command-line tool).
  const desktop = desktopIn(df, chain);
  if (desktop) return make('app', `${desktop}: a desktop application`);
  const onlyOptions = effective.rest.every((w) => w.startsWith('-'));
  if (PROMPTS.has(effective.name) && onlyOptions) {
    return make('toolchain', `${shownKeyword} ${effective.name} with no script: an interpreter or shell prompt, a language or toolchain image`);
  }
  if (TOOLCHAIN_PATH.test(path) && !handed) return make('toolchain', `${df.path} is a build environment`);
  const cli = cliByCmd(chain, effective);
  if (cli && !entrypoint) return make('tool', `CMD ${cli}: a command-line tool image`);
  if (entrypoint && entrypoint.json && !SETUP_SCRIPT.test(p.name) && !RUNTIMES.has(p.name) && !/\.(dll|jar|war|wasm|apk|py|js|mjs|rb|php|pl)$/i.test(p.name)) {
    return make('tool', `ENTRYPOINT ${p.name} and no port: a command-line tool image`);
  }
  return make('app', `${commandText} and no port: an application that does not serve`);
}

/** The kinds the guide's service rules judge at full severity: images that listen. */
export const isService = (p: ImagePurpose): boolean => p.serves;
/** Base, language/toolchain, command-line tool and test images, and workbenches that do not serve: the service rules report them at info at most. */
export const isNotRunAsService = (p: ImagePurpose): boolean =>
  p.kind === 'base' || p.kind === 'toolchain' || p.kind === 'tool' || p.kind === 'test' || (p.kind === 'workbench' && !p.serves);
/** Images whose compilers are their purpose: the not-run-as-service kinds and every workbench (users build inside). */
export const compilesByPurpose = (p: ImagePurpose): boolean => isNotRunAsService(p) || p.kind === 'workbench';

/**
 * The program the shipped image starts, after wrappers, and the CMD an entrypoint script hands over
 * to; `inherited` when the image has no CMD or ENTRYPOINT of its own (its base's command runs) or
 * only a setup script with nothing to hand over to.
 */
export function startProgram(df: Dockerfile): { name: string; rest: string[]; inherited: boolean } | null {
  const shipped = df.shipped;
  if (!shipped) return null;
  const chain = fromChain(shipped).reverse();
  const entrypoint = last(chain, 'ENTRYPOINT');
  const cmd = last(chain, 'CMD');
  if (!entrypoint && !cmd) return { name: '', rest: [], inherited: true };
  const start = entrypoint && !entrypoint.json ? words(entrypoint) : [...words(entrypoint), ...words(cmd)];
  const p = program(start);
  if (!p) return null;
  if (entrypoint && SETUP_SCRIPT.test(p.name)) {
    const handed = entrypoint.json && cmd ? program(words(cmd)) : null;
    return handed ? { ...handed, inherited: false } : { ...p, inherited: true };
  }
  return { ...p, inherited: false };
}
