// The server steps of a zero-downtime release (pure argv builders): start new containers next to
// the old ones, put the proxy's config in place and reload it, stop the old containers.

import { posix } from 'node:path';
import type { Step } from '../../exec/index.js';
import { PROXY_CONFIG_FILE } from '../proxy/caddy.js';
import type { RemoteLayout } from '../layout.js';
import { compose, type ComposeTarget } from './docker.js';

/** The proxy's config on the server (mounted read-only into the proxy container). */
export function proxyConfigPath(l: RemoteLayout): string {
  return posix.join(l.state, 'proxy', 'caddy.json');
}

/**
 * One more container of each service, with the pinned (new) image; the running ones are left
 * as they are (--no-recreate) and nothing else is touched (--no-deps).
 */
export function scaleUp(t: ComposeTarget, counts: [service: string, n: number][]): Step {
  const scale = counts.flatMap(([s, n]) => ['--scale', `${s}=${n}`]);
  return compose(t, ['up', '-d', '--no-deps', '--no-recreate', ...scale, ...counts.map(([s]) => s)], 'start the new containers');
}

/** `up -d` for these services only (the app's other services, or the proxy). */
export function upOnly(t: ComposeTarget, services: string[], label: string): Step {
  return compose(t, ['up', '-d', '--no-deps', ...services], label);
}

// mode 644 under the 700 .slipway/: only root (the engine mounting it) reads it; it holds no secret.
const WRITE_CONFIG = 'mkdir -p -- "${1%/*}" && t="$1.slipway-tmp.$$" && cat > "$t" && chmod 644 "$t" && mv -f "$t" "$1" || { rm -f "$t"; exit 1; }';
// ... then `caddy reload` in the running proxy container ($2; docker exec: no compose run needed).
const WRITE_AND_RELOAD = `${WRITE_CONFIG}\nexec docker exec "$2" caddy reload --config "$3"`;

/** Puts the proxy's config in place; with `reloadIn` (the running proxy's container id) it switches to it too, in one round trip. */
export function writeProxyConfig(l: RemoteLayout, text: string, reloadIn?: string): Step {
  return reloadIn
    ? { argv: ['sh', '-c', WRITE_AND_RELOAD, 'sh', proxyConfigPath(l), reloadIn, PROXY_CONFIG_FILE], stdin: text, env: { DOCKER_CONFIG: l.dockerConfig }, label: 'switch the proxy' }
    : { argv: ['sh', '-c', WRITE_CONFIG, 'sh', proxyConfigPath(l)], stdin: text, label: 'write the proxy config' };
}

// Waits until no request runs in the old containers any more: no established TCP connection
// from outside the container on a proxied port, read from each container's own network
// namespace (/proc/PID/net/tcp*: any image, no tool needed inside it). The proxy opens one
// connection per request, and the container's own health check (from 127.0.0.1) does not count.
// $1: seconds at most; $2: the ports in hex as /proc prints them; then the container ids.
const DRAIN = [
  'limit=$(($1 * 5)); ports=$2; shift 2',
  'pids=$(docker inspect -f "{{.State.Pid}}" -- "$@") || exit 1',
  'i=0',
  'while [ "$i" -lt "$limit" ]; do',
  '  busy=0',
  '  for pid in $pids; do',
  '    [ "$pid" -gt 0 ] || continue',
  '    [ -r "/proc/$pid/net/tcp" ] || { echo "cannot read the connections of pid $pid; waiting 5 s" >&2; sleep 5; exit 0; }',
  '    for p in $ports; do',
  '      n=$(cat "/proc/$pid/net/tcp" "/proc/$pid/net/tcp6" 2>/dev/null | grep -E "^ *[0-9]+: [0-9A-F]+:$p [0-9A-F]+:[0-9A-F]+ 01 " | grep -Evc ":$p (0100007F|00000000000000000000000001000000|0000000000000000FFFF00000100007F):")',
  '      busy=$((busy + n))',
  '    done',
  '  done',
  '  [ "$busy" -eq 0 ] && exit 0',
  '  i=$((i + 1)); sleep 0.2',
  'done',
  'echo "$busy request(s) still running after $1 s" >&2',
].join('\n');

export function drainContainers(l: RemoteLayout, ids: string[], ports: number[], seconds: number): Step {
  const hex = ports.map((p) => p.toString(16).toUpperCase().padStart(4, '0')).join(' ');
  return { argv: ['sh', '-c', DRAIN, 'sh', String(seconds), hex, ...ids], env: { DOCKER_CONFIG: l.dockerConfig }, label: 'wait for the requests running on the old containers' };
}

// Stops (each container's own stop grace period) and removes; ids arrive as arguments.
const REMOVE = 'docker stop -- "$@" >/dev/null && docker rm -- "$@" >/dev/null';

export function removeContainers(l: RemoteLayout, ids: string[], label: string): Step {
  return { argv: ['sh', '-c', REMOVE, 'sh', ...ids], env: { DOCKER_CONFIG: l.dockerConfig }, label };
}

// Pulls the image only when the server does not have it (the proxy's image changes rarely).
const ENSURE = 'docker image inspect -- "$1" >/dev/null 2>&1 || docker pull --quiet -- "$1"';

export function ensureImage(l: RemoteLayout, image: string): Step {
  return { argv: ['sh', '-c', ENSURE, 'sh', image], env: { DOCKER_CONFIG: l.dockerConfig }, label: `pull ${image} if missing` };
}
