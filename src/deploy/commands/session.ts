// The deploy's session on a server: one remote shell that takes the app's lock, logs the server
// in to the registry, reports the server's state, then stays open to record the release, list
// and prune images, and finally release the lock. Everything a deploy does besides the release
// itself goes through it, so each of those costs a network round trip instead of a new remote
// shell (0.2-1 s each on a busy server whose shell start-up files are slow).
//
// The lock is lock.ts's: mkdir, held by this shell's pid, released on "release"; a connection
// that dies leaves it stale. The script is a constant; paths and names are positional
// parameters; requests arrive on stdin as single lines whose payload is only ever data.

import type { Arg, Step } from '../../exec/index.js';
import { sensitive } from '../../exec/index.js';
import type { RemoteLayout } from '../layout.js';
import { HANDOVER_PROBE } from '../proxy/caddy.js';

// $1 lock folder, $2 .slipway, $3 history, $4 override, $5 repository, $6 registry user ('' = no login), $7 registry.
// stdin: the lock details (one JSON line), the registry password (one line, when $6 is set), then requests.
const SESSION = [
  '[ -d "$2" ] || { echo nosetup; exit 4; }',
  'mkdir -- "$1" 2>/dev/null || { echo busy; exit 3; }',
  'echo $$ > "$1/holder"',
  'IFS= read -r details || details="{}"',
  'printf "%s\\n" "$details" > "$1/details.json"',
  'echo "locked $$"',
  'lock=$1 history=$3 repo=$5 login=',
  "nl='\n' tab='\t'",
  'if [ -n "$6" ]; then',
  '  IFS= read -r password || password=',
  // printf must be the shell's own: a printf program would show the password in /proc/*/cmdline.
  '  case $(command -V printf 2>/dev/null) in',
  '  *builtin*)',
  // Already logged in to this registry with these credentials (docker keeps base64(user:password)
  // in the app's config.json, written as below)? Then skip the login and its registry round trip.
  // Only built-ins and stdin see the password; any other layout of the file just logs in again.
  '    auth=$(printf "%s:%s" "$6" "$password" | base64 | tr -d "\\n")',
  '    saved=$(cat -- "${DOCKER_CONFIG:-$HOME/.docker}/config.json" 2>/dev/null)',
  '    case $saved in',
  '    *"\\"$7\\": {$nl$tab$tab$tab\\"auth\\": \\"$auth\\""*) login=saved ;;',
  '    *) { printf "%s\\n" "$password" | docker login --username "$6" --password-stdin -- "$7"; } > "$lock/login.out" 2>&1 & login=$! ;;',
  '    esac',
  '    auth= saved= ;;',
  '  *) echo "this server\'s sh has no built-in printf" > "$lock/login.out"; login=none ;;',
  '  esac',
  '  password=',
  'fi',
  // Which compose; whether docker answers is told by the image list below (no `docker version`).
  'if ! command -v docker >/dev/null 2>&1; then echo docker=missing',
  'elif docker compose version >/dev/null 2>&1; then echo compose=plugin',
  'elif command -v docker-compose >/dev/null 2>&1; then echo compose=standalone',
  'else echo compose=missing; fi',
  'if images=$(docker image ls --format "{{json .}}" -- "$repo" 2>/dev/null); then echo docker=answers; else echo docker=unreachable; fi',
  'if [ -e "$4" ]; then echo override=yes; else echo override=no; fi',
  HANDOVER_PROBE,
  'echo setup=yes',
  'echo ---images',
  '[ -z "$images" ] || printf "%s\\n" "$images"',
  'echo ---history',
  'cat -- "$history" 2>/dev/null',
  'echo ---login',
  'if [ -z "$login" ]; then echo none',
  'elif [ "$login" = saved ]; then echo ok',
  'elif [ "$login" != none ] && wait "$login"; then echo ok',
  'else echo failed; tail -n 3 "$lock/login.out"; fi',
  'rm -f -- "$lock/login.out"',
  'echo ---ready',
  // Requests. "record JSON" appends a history line; "images" lists the repository's images;
  // "rm REF" adds an image to remove and "prune" removes them; "rollout B64" runs a release
  // script (release.ts releaseScript, built by slipway with every value quoted) in a plain sh —
  // not another login shell — that reads its files and slipway's answers from this stdin, then
  // says how it ended; "release" releases the lock.
  // End of stdin (the connection is gone) leaves the lock: stale, reported by the next deploy.
  'set --',
  'while IFS= read -r line; do',
  '  case $line in',
  '  "record "*)',
  // A line cut short by a lost connection is ended first, so the new one stays whole.
  '    if [ -s "$history" ] && [ -n "$(tail -c 1 -- "$history")" ]; then echo >> "$history"; fi',
  '    if (umask 077 && printf "%s\\n" "${line#record }" >> "$history"); then echo recorded; else echo record-failed; fi',
  '    echo ---end ;;',
  '  images) docker image ls --format "{{json .}}" -- "$repo"; echo ---end ;;',
  '  "rm "*) set -- "$@" "${line#rm }" ;;',
  '  prune)',
  '    if [ $# -eq 0 ] || docker image rm -- "$@" > /dev/null 2> "$lock/prune.err"; then echo pruned; else echo prune-failed; tail -n 2 "$lock/prune.err"; fi',
  '    rm -f -- "$lock/prune.err"; set --; echo ---end ;;',
  '  "rollout "*)',
  '    script=$(printf "%s" "${line#rollout }" | base64 -d) || script="exit 1"',
  '    sh -c "$script" sh 2> "$lock/rollout.err"; code=$?; script=',
  '    echo "---exit $code"',
  '    [ "$code" -eq 0 ] || tail -n 5 "$lock/rollout.err"',
  '    rm -f -- "$lock/rollout.err"; echo ---done ;;',
  '  release) [ "$(cat "$lock/holder" 2>/dev/null)" = "$$" ] && rm -rf -- "$lock"; exit 0 ;;',
  '  esac',
  'done',
].join('\n');

export interface SessionLogin {
  registry: string;
  user: string;
  password: Arg;
}

/**
 * The held session (see above). stdin carries the lock details and the password; it is secret
 * as a whole when there is a password, so a dry run prints it as [REDACTED].
 */
export function deploySession(l: RemoteLayout, repo: string, details: string, login?: SessionLogin): Step {
  const password = login ? (typeof login.password === 'string' ? login.password : login.password.reveal()) : undefined;
  if (password !== undefined && /[\r\n]/.test(password)) throw new Error('the registry password contains a line break');
  const stdin = password === undefined ? `${details}\n` : sensitive(`${details}\n${password}\n`);
  return {
    argv: ['sh', '-c', SESSION, 'sh', l.lock, l.state, l.history, l.override, repo, login?.user ?? '', login?.registry ?? ''],
    env: { DOCKER_CONFIG: l.dockerConfig },
    stdin,
    label: 'take the deploy lock and look at the server',
  };
}

/** The session's request that runs a release script (release.ts releaseScript) there. */
export function rolloutRequest(script: string): string {
  return `rollout ${Buffer.from(script, 'utf8').toString('base64')}\n`;
}

/** How a `rollout` ended: the script's exit code and, when not 0, the last lines it wrote to stderr. */
export function parseRolloutEnd(answer: string): { code: number; stderr: string } {
  // The first line that is exactly "---exit N" (reports are JSON or start with a state word).
  const m = /(?:^|\n)---exit (\d+)(?:\n|$)/.exec(answer);
  if (!m) return { code: 1, stderr: '' };
  return { code: Number(m[1]), stderr: answer.slice(m.index + m[0].length).trim() };
}

export interface SessionState {
  head: string;
  images: string;
  history: string;
  login: { status: 'none' | 'ok' | 'failed'; text: string };
}

/** Splits what the session printed between "locked" and "---ready". */
export function parseSessionState(text: string): SessionState {
  const part = (name: string, next?: string) => {
    const at = text.indexOf(`---${name}\n`);
    if (at < 0) return '';
    const from = at + name.length + 4;
    const to = next ? text.indexOf(`---${next}\n`, from) : -1;
    return to < 0 ? text.slice(from) : text.slice(from, to);
  };
  const head = text.slice(0, Math.max(0, text.indexOf('---images\n')));
  const login = part('login').trimEnd().split('\n');
  const status = login[0] === 'ok' || login[0] === 'failed' ? login[0] : 'none';
  return { head, images: part('images', 'history'), history: part('history', 'login'), login: { status, text: login.slice(1).join('\n') } };
}
