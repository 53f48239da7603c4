// The steps of a release that touch several files at once: observing the app's state, uploading
// staged files, putting them in place and starting, polling health, and all of a release in one go.
// Every script is a constant; paths, names and tags arrive as positional parameters.

import { type Arg, type Step, joinShell, sensitive, isSensitive } from '../../exec/index.js';
import type { RemoteLayout } from '../layout.js';
import { DETECT, DETECT_KIND } from './docker.js';
import { probeFunction } from './probe.js';
import { HANDOVER_PROBE } from '../proxy/caddy.js';

/** detect() + whether the override exists + whether the kernel can hand over the proxy's connections (HANDOVER_PROBE) + the history, in one go; `versions` also asks compose its version (slow for v1). */
export function observe(l: RemoteLayout, versions = false): Step {
  const script = `${versions ? DETECT : DETECT_KIND}\nif [ -e "$2" ]; then echo override=yes; else echo override=no; fi\n${HANDOVER_PROBE}\nif [ -d "$3" ]; then echo setup=yes; else echo setup=no; fi\necho ---history\ncat -- "$1" 2>/dev/null || true`;
  return { argv: ['sh', '-c', script, 'sh', l.history, l.override, l.state], env: { DOCKER_CONFIG: l.dockerConfig }, label: 'look at the server' };
}

export function splitObserved(stdout: string): { head: string; history: string } {
  const at = stdout.indexOf('---history\n');
  return at < 0 ? { head: stdout, history: '' } : { head: stdout.slice(0, at), history: stdout.slice(at + '---history\n'.length) };
}

export interface UploadFile {
  path: string;
  content: Arg;
  mode: string;
}

// Each file: one base64 line on stdin (read by the shell's own `read`, which never reads past the
// line), decoded into a temporary file, then renamed to <path>.slipway-new.
const uploadLoop = (fail: string) =>
  [
    'while [ $# -gt 1 ]; do',
    `  IFS= read -r b64 || ${fail}`,
    '  t="$1.slipway-tmp.$$"',
    `  (umask 077 && printf "%s" "$b64" | base64 -d > "$t") && chmod "$2" "$t" && mv -f "$t" "$1.slipway-new" || { rm -f "$t"; ${fail}; }`,
    '  shift 2',
    'done',
  ].join('\n');
const UPLOAD = uploadLoop('exit 1');

/** Stages files (commitAndRun puts them in place). stdin is secret if any content is. */
export function uploadStaged(files: UploadFile[]): Step {
  const text = files.map((f) => Buffer.from(typeof f.content === 'string' ? f.content : f.content.reveal(), 'utf8').toString('base64') + '\n').join('');
  const secret = files.some((f) => isSensitive(f.content));
  return {
    argv: ['sh', '-c', UPLOAD, 'sh', ...files.flatMap((f) => [f.path, f.mode])],
    stdin: secret ? sensitive(text) : text,
    label: `upload ${files.map((f) => f.path.split('/').pop()).join(', ')}`,
  };
}

const COMMIT_THEN = 'n=$1; shift; while [ "$n" -gt 0 ]; do mv -f "$1.slipway-new" "$1" || exit 1; shift; n=$((n - 1)); done; exec "$@"';

/** Renames the staged files into place, then runs `then` (compose up). */
export function commitAndRun(paths: string[], then: Step): Step {
  return { argv: ['sh', '-c', COMMIT_THEN, 'sh', String(paths.length), ...paths, ...then.argv], env: then.env, label: then.label };
}

const DISCARD = 'for f; do rm -f -- "$f.slipway-new"; done';
export function discardStaged(paths: string[]): Step {
  return { argv: ['sh', '-c', DISCARD, 'sh', ...paths], label: 'remove the staged files' };
}

// Line 1: the image's repo digests (JSON, or null); then `docker inspect` of the project's containers.
const POLL = [
  'ids=$(docker ps -a -q --no-trunc --filter "label=com.docker.compose.project=$1") || exit 1',
  'docker image inspect --format "{{json .RepoDigests}}" -- "$2" 2>/dev/null || echo null',
  // $ids unquoted on purpose: container ids (hex) split into words.
  'if [ -n "$ids" ]; then docker inspect -- $ids; else echo "[]"; fi',
].join('\n');

export function poll(l: RemoteLayout, project: string, ref: string): Step {
  return { argv: ['sh', '-c', POLL, 'sh', project, ref], env: { DOCKER_CONFIG: l.dockerConfig }, label: 'check the containers' };
}

export function splitPoll(stdout: string, repo: string): { digest?: string; inspect: string } {
  const nl = stdout.indexOf('\n');
  const first = nl < 0 ? stdout : stdout.slice(0, nl);
  let digest: string | undefined;
  try {
    const list = JSON.parse(first);
    if (Array.isArray(list)) {
      const mine = list.find((d: string) => d.startsWith(`${repo}@`)) ?? list[0];
      if (typeof mine === 'string') digest = mine.slice(mine.indexOf('@') + 1);
    }
  } catch {}
  return { ...(digest ? { digest } : {}), inspect: nl < 0 ? '[]' : stdout.slice(nl + 1) };
}

// ---------------------------------------------------------------------------------------------
// A release in one remote shell: stage the files, pull, put the files in place, start, then
// report the containers every 0.2 s until slipway has seen enough (it judges and hangs up) or
// the time is over. One shell instead of one per step, and health polls that cost no round
// trip. The glue is constant; every path, name and command is quoted with joinShell.

// One line per container: state, health (or -), id, then the whole `docker inspect` object. The
// shell picks the "running starting" ones to probe; slipway reads the JSON. `.ID`, the Go field:
// with `.Id` docker falls back to the raw JSON map, where a container without a health check has
// no State.Health key and the whole template fails.
export const REPORT_FORMAT = '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}} {{.ID}} {{json .}}';

/** Exit codes of startRelease's script, so a failure is told apart. */
export const RELEASE_EXIT = { upload: 90, pull: 91, commit: 92, up: 93 } as const;

export interface StartRelease {
  layout: RemoteLayout;
  /** Staged (.slipway-new), then renamed into place just before `up`. */
  files: UploadFile[];
  /** Run on the staged files; when it fails the staged files are removed and nothing else changes. */
  pull?: Step;
  up: Step;
  project: string;
  ref: string;
  /** How long the script keeps reporting (the health timeout and a little more). */
  seconds: number;
}

// Stage the files (from stdin), then pull on them; a failed pull removes them.
function stageLines(files: UploadFile[], pull: Step | undefined): string[] {
  const q = (argv: readonly Arg[]) => joinShell(argv);
  const staged = files.map((f) => `${f.path}.slipway-new`);
  return [
    `stage() {\n${uploadLoop('return 1')}\n}`,
    `stage ${q(files.flatMap((f) => [f.path, f.mode]))} || exit ${RELEASE_EXIT.upload}`,
    // </dev/null: in the deploy session, stdin carries slipway's next requests.
    ...(pull ? [`${q(pull.argv)} </dev/null || { rm -f -- ${q(staged)}; exit ${RELEASE_EXIT.pull}; }`] : []),
  ];
}

/** Stages the files and pulls, in one shell (zero-downtime starts them itself); exit codes as RELEASE_EXIT. */
export function stageAndPull(l: RemoteLayout, files: UploadFile[], pull: Step | undefined): Step {
  return { argv: ['sh', '-c', stageLines(files, pull).join('\n')], stdin: uploadStaged(files).stdin, env: { DOCKER_CONFIG: l.dockerConfig }, label: pull ? 'stage and pull' : 'stage the files' };
}

export function startRelease(o: StartRelease): Step {
  const upload = uploadStaged(o.files);
  return { argv: ['sh', '-c', releaseScript(o, false)], stdin: upload.stdin, env: { DOCKER_CONFIG: o.layout.dockerConfig }, label: o.pull ? 'pull and start the release' : 'start the release' };
}

/**
 * startRelease's script. `paced`: inside the deploy session (session.ts `rollout`), after each
 * report it waits for slipway's "next" (anything else, or the end of stdin, ends it), so slipway
 * stops it by answering — no second remote shell, and nothing left printing once it is told.
 */
export function releaseScript(o: StartRelease, paced: boolean): string {
  const staged = o.files.map((f) => `${f.path}.slipway-new`);
  const q = (argv: readonly Arg[]) => joinShell(argv);
  return [
    ...stageLines(o.files, o.pull),
    // The server's clock: containers Docker creates from now on are the release's (health.ts restartsSince).
    'echo "---starting $(date +%s)"',
    ...o.files.map((f, i) => `mv -f -- ${q([staged[i]!, f.path])} || exit ${RELEASE_EXIT.commit}`),
    `${q(o.up.argv)} </dev/null || exit ${RELEASE_EXIT.up}`,
    ...watchLines(o.project, o.ref, o.seconds, paced),
  ].join('\n');
}

/** The uploaded files as startRelease's stdin: one base64 line each (secret when any file is). */
export function releaseInput(files: UploadFile[]): Arg {
  return uploadStaged(files).stdin as Arg;
}

// After the start: the image's digests, then a report of the project's containers every 0.2 s
// (probing those Docker still calls "starting") until `seconds` are over or slipway hangs up.
function watchLines(project: string, ref: string, seconds: number, paced = false): string[] {
  const q = (argv: readonly Arg[]) => joinShell(argv);
  return [
    'exec 3<&0 </dev/null', // stdin (fd 3) is only for slipway's answers; nothing else reads it
    'echo ---started',
    `docker image inspect --format "{{json .RepoDigests}}" -- ${q([ref])} 2>/dev/null || echo null`,
    probeFunction(q),
    `end=$(( $(date +%s) + ${Math.ceil(seconds)} ))`,
    'passed=',
    'while :; do',
    '  echo ---poll',
    `  ids=$(docker ps -a -q --no-trunc --filter ${q([`label=com.docker.compose.project=${project}`])}) || exit 1`,
    // $ids unquoted on purpose: container ids (hex) split into words.
    `  report=; if [ -n "$ids" ]; then report=$(docker inspect --format ${q([REPORT_FORMAT])} -- $ids); fi`,
    '  [ -z "$report" ] || printf "%s\\n" "$report"',
    '  left=$(( end - $(date +%s) )); [ "$left" -gt 0 ] || left=1',
    // Containers Docker still calls "starting": run their own health check now (probe.ts).
    '  case $report in *"running starting "*)',
    '    for id in $(printf "%s\\n" "$report" | sed -n "s/^running starting \\([0-9a-f]*\\) .*/\\1/p"); do',
    '      case " $passed " in *" $id "*) ;; *) probe "$id" "$left" && passed="$passed $id" ;; esac',
    '    done ;;',
    '  esac',
    '  for id in $passed; do echo "---probe-ok $id"; done',
    '  echo ---end',
    ...(paced ? ['  IFS= read -r reply <&3 || exit 0', '  [ "$reply" = next ] || exit 0'] : []),
    '  [ "$(date +%s)" -lt "$end" ] || exit 0',
    '  sleep 0.2 2>/dev/null || sleep 1',
    'done',
  ];
}

/** Only the watch of startRelease, for containers started by other steps (zero-downtime's scale-up). */
export function watchRelease(l: RemoteLayout, project: string, ref: string, seconds: number): Step {
  return { argv: ['sh', '-c', watchLines(project, ref, seconds).join('\n')], env: { DOCKER_CONFIG: l.dockerConfig }, label: 'watch the new containers' };
}

/** One report of startRelease: `docker inspect` of the project's containers, and those whose own health check passed. */
export interface ReleaseFrame {
  /** A JSON array, as `docker inspect` prints it. */
  inspect: string;
  probed: Set<string>;
}

/** Reads startRelease's output line by line: the digest, then one container report per poll. */
export class ReleaseWatch {
  /** The pull is done; compose up runs. */
  starting = false;
  /** When it started, by the server's clock (ms since the epoch, whole seconds); undefined: not said. */
  startedOnServer?: number;
  started = false;
  digest?: string;
  #frame: ReleaseFrame | undefined;
  #objects: string[] = [];
  #afterStart = false;

  constructor(readonly repo: string) {}

  /** Feeds one stdout line; returns a whole report when one has ended. */
  line(text: string): ReleaseFrame | undefined {
    if (text === '---starting' || text.startsWith('---starting ')) {
      this.starting = true;
      const seconds = Number(text.slice('---starting '.length));
      if (Number.isInteger(seconds) && seconds > 0) this.startedOnServer = seconds * 1000;
      return undefined;
    }
    if (text === '---started') {
      this.started = true;
      this.#afterStart = true;
      return undefined;
    }
    if (this.#afterStart) {
      this.#afterStart = false;
      // A docker that printed no digest line (nothing at all): this is already the first report.
      if (text.startsWith('---')) return this.line(text);
      const d = splitPoll(`${text}\n[]`, this.repo).digest;
      if (d) this.digest = d;
      return undefined;
    }
    if (text === '---poll') {
      this.#frame = { inspect: '[]', probed: new Set() };
      this.#objects = [];
    } else if (text === '---end' && this.#frame) {
      const frame = { ...this.#frame, inspect: `[${this.#objects.join(',')}]` };
      this.#frame = undefined;
      return frame;
    } else if (this.#frame) {
      if (text.startsWith('---probe-ok ')) this.#frame.probed.add(text.slice('---probe-ok '.length));
      else {
        // "state health id {json}": the JSON is the rest of the line (JSON has no raw line breaks).
        const m = /^\S+ \S+ \S+ (\{.*\})$/.exec(text);
        if (m) this.#objects.push(m[1]!);
      }
    }
    return undefined;
  }
}
