// Docker and compose on the server, as argv. Every docker call of an app runs with that app's
// DOCKER_CONFIG (its own registry login). Compose is the `docker compose` plugin or the
// `docker-compose` v1 binary, whichever the server has (detect()).

import type { Arg, Step } from '../../exec/index.js';
import type { RemoteLayout } from '../layout.js';

export type ComposeKind = 'plugin' | 'standalone';

function docker(l: RemoteLayout, argv: Arg[], label?: string): Step {
  return { argv, env: { DOCKER_CONFIG: l.dockerConfig }, label };
}

// A constant script: reports the engine version and which compose there is, in three lines.
// Without versions it does not run docker-compose v1 (a Python program: 1-3 s to start on a busy
// server, the slowest part of looking at it); `command -v` finds it.
function detectScript(versions: boolean): string {
  return [
    'if ! command -v docker >/dev/null 2>&1; then echo "docker=missing"; exit 0; fi',
    'echo "docker=$(docker version --format "{{.Server.Version}}" 2>/dev/null || echo unreachable)"',
    versions
      ? 'if docker compose version >/dev/null 2>&1; then echo "compose=plugin $(docker compose version --short 2>/dev/null)"'
      : 'if docker compose version >/dev/null 2>&1; then echo "compose=plugin"',
    versions
      ? 'elif command -v docker-compose >/dev/null 2>&1; then echo "compose=standalone $(docker-compose version --short 2>/dev/null)"'
      : 'elif command -v docker-compose >/dev/null 2>&1; then echo "compose=standalone"',
    'else echo "compose=missing"; fi',
  ].join('\n');
}
export const DETECT = detectScript(true);
export const DETECT_KIND = detectScript(false);

export function detect(l: RemoteLayout): Step {
  return docker(l, ['sh', '-c', DETECT], 'check docker and compose');
}

export interface Detected {
  docker: string | 'missing' | 'unreachable';
  compose: ComposeKind | 'missing';
  composeVersion?: string;
}

export function parseDetect(stdout: string): Detected {
  const docker = /^docker=(.*)$/m.exec(stdout)?.[1]?.trim() || 'missing';
  const c = /^compose=(\S+)(?: (.*))?$/m.exec(stdout);
  const kind = c?.[1];
  return {
    docker,
    compose: kind === 'plugin' || kind === 'standalone' ? kind : 'missing',
    ...(c?.[2] ? { composeVersion: c[2].trim() } : {}),
  };
}

export interface ComposeTarget {
  kind: ComposeKind;
  project: string;
  layout: RemoteLayout;
  /** Use the staged (not yet committed) compose files. */
  staged?: boolean;
  /** No release was pinned yet: leave the override out. */
  noOverride?: boolean;
}

export function compose(t: ComposeTarget, args: Arg[], label?: string): Step {
  const suffix = t.staged ? '.slipway-new' : '';
  const files = [...t.layout.composeFiles, ...(t.noOverride ? [] : [t.layout.override])].flatMap((f) => ['-f', f + suffix]);
  const base = t.kind === 'plugin' ? ['docker', 'compose'] : ['docker-compose'];
  // --project-directory: relative paths (./data, env_file: .env) resolve in the app folder even for staged files.
  return docker(t.layout, [...base, '-p', t.project, '--project-directory', t.layout.dir, ...files, ...args], label);
}

/** Pulls every service's image, or only `services`' (zero-downtime leaves the proxy image to ensureImage). */
export const composePull = (t: ComposeTarget, services: string[] = []) => compose(t, ['pull', '--quiet', ...services], 'pull the images');
export const composeUp = (t: ComposeTarget) => compose(t, ['up', '-d', '--remove-orphans'], 'start the release');
export const composeConfig = (t: ComposeTarget) => compose(t, ['config', '--quiet'], 'check the compose files on the server');

export interface LogsOptions {
  follow?: boolean;
  tail?: number;
  since?: string;
  timestamps?: boolean;
  services?: string[];
}

export function composeLogs(t: ComposeTarget, o: LogsOptions = {}): Step {
  const args: Arg[] = ['logs', '--no-color'];
  if (o.follow) args.push('--follow');
  if (o.timestamps) args.push('--timestamps');
  if (o.tail !== undefined) args.push('--tail', String(o.tail));
  if (o.since) args.push('--since', o.since); // the plugin only; the CLI refuses it for v1
  args.push(...(o.services ?? []));
  return compose(t, args, 'logs');
}

// docker-compose v1 has no `logs --since`; `docker logs` has. $1 project, $2 the services
// (space-separated; compose names have no spaces; empty = all), then docker logs' options.
// Each container's lines are prefixed "name | " as compose does, all containers at once.
const PROJECT_LOGS = [
  'project=$1 services=$2; shift 2',
  'for id in $(docker ps -a -q --filter "label=com.docker.compose.project=$project"); do',
  '  svc=$(docker inspect --format "{{index .Config.Labels \"com.docker.compose.service\"}}" -- "$id") || continue',
  '  case " $services " in "  ") ;; *" $svc "*) ;; *) continue ;; esac',
  '  name=$(docker inspect --format "{{.Name}}" -- "$id"); name=${name#/}',
  '  { docker logs "$@" -- "$id" 2>&1; } | while IFS= read -r line; do printf "%s | %s\\n" "$name" "$line"; done &',
  'done',
  'wait',
].join('\n');

/** `logs` through `docker logs` per container: for docker-compose v1, which has no --since. */
export function projectLogs(l: RemoteLayout, project: string, o: LogsOptions = {}): Step {
  const args: Arg[] = [];
  if (o.follow) args.push('--follow');
  if (o.timestamps) args.push('--timestamps');
  if (o.tail !== undefined) args.push('--tail', String(o.tail));
  if (o.since) args.push('--since', o.since);
  return docker(l, ['sh', '-c', PROJECT_LOGS, 'sh', project, (o.services ?? []).join(' '), ...args], 'logs');
}

/** `tty`: compose's own terminal (no -T); the command's stdin is ssh's either way. */
export function composeExec(t: ComposeTarget, service: string, cmd: string[], tty = false): Step {
  return compose(t, ['exec', ...(tty ? [] : ['-T']), service, ...cmd], `exec in ${service}`);
}

/** Every container of the project, running or not (ids, one a line). */
export function projectContainers(l: RemoteLayout, project: string): Step {
  return docker(l, ['docker', 'ps', '-a', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${project}`], 'list containers');
}

export function inspect(l: RemoteLayout, ids: string[]): Step {
  return docker(l, ['docker', 'inspect', '--', ...ids], 'inspect containers');
}

export function containerLogs(l: RemoteLayout, id: string, tail: number): Step {
  return docker(l, ['docker', 'logs', '--tail', String(tail), '--', id], 'container logs');
}

export function pullImage(l: RemoteLayout, ref: string): Step {
  return docker(l, ['docker', 'pull', '--quiet', '--', ref], `pull ${ref}`);
}

/** Exit 0 when the image is on the server; prints its repo digests as JSON. */
export function imageDigests(l: RemoteLayout, ref: string): Step {
  return docker(l, ['docker', 'image', 'inspect', '--format', '{{json .RepoDigests}}', '--', ref], `inspect ${ref}`);
}

/** This repository's images on the server, one JSON object a line (Repository, Tag, ID, CreatedAt, Size). */
export function listImages(l: RemoteLayout, repo: string): Step {
  return docker(l, ['docker', 'image', 'ls', '--format', '{{json .}}', '--', repo], 'list images');
}

export function removeImages(l: RemoteLayout, refs: string[]): Step {
  return docker(l, ['docker', 'image', 'rm', '--', ...refs], `remove ${refs.length} old image(s)`);
}

/** `docker login --password-stdin`: the password only ever travels on stdin. */
export function login(l: RemoteLayout, registry: string, user: string, password: Arg): Step {
  return { ...docker(l, ['docker', 'login', '--username', user, '--password-stdin', '--', registry], `log in to ${registry}`), stdin: password };
}

export function systemDf(l: RemoteLayout): Step {
  return docker(l, ['docker', 'system', 'df'], 'docker system df');
}

export function dataUsage(l: RemoteLayout): Step {
  return { argv: ['du', '-sh', '--', l.data], label: 'data/ size' };
}
