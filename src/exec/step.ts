// A step is one program run: an argv (never a shell string), what to feed its stdin, and a
// label for people. Builders (src/docker/commands.ts, deploy's) return steps; executors run
// them: local (here), dry-run (prints), ssh (deploy). A step is plain data, so tests assert
// the exact commands with no daemon and no server.

import type { Readable } from 'node:stream';
import { OperationError } from '../errors.js';
import { joinShell } from './quote.js';
import { type Arg, type Argv, REDACTED, isSensitive } from './sensitive.js';

export interface Step {
  argv: Argv;
  /** Fed to the program's stdin: text, a secret (the only way a secret reaches a program), or a stream. */
  stdin?: Arg | Readable;
  /** Extra environment for the program; values may be secrets (the environment is not in /proc/*\/cmdline). */
  env?: Readonly<Record<string, Arg>>;
  /** Working directory (local executor; a remote executor may cd there first). */
  cwd?: string;
  /** What the step does, for progress lines: "build", "push 1.2.3". */
  label?: string;
}

export interface StepResult {
  code: number;
  /** Output with every secret of the step replaced by [REDACTED]. */
  stdout: string;
  stderr: string;
}

export interface RunHooks {
  /** Each complete line of output as it arrives (secrets already redacted): for progress. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Kill the program after this many milliseconds. */
  timeoutMs?: number;
  /** Kill the program when this aborts (another step it depended on failed). */
  signal?: AbortSignal;
  /**
   * Hand the program this process's own standard streams instead of capturing them (`exec -i`):
   * its stdin is this file descriptor and its output goes straight to this process's stdout and
   * stderr, byte for byte (nothing is captured, so nothing is redacted: no secrets in such steps).
   * `tty`: the remote side gets a terminal too (ssh -t); stdin must then be one.
   */
  stdio?: { stdin: number; tty: boolean };
}

/** Runs steps somewhere. run() resolves with the exit code; it rejects only when the program cannot start. */
export interface Executor {
  /** "local", "dry-run", "ssh deploy@web1": said in errors and progress. */
  readonly name: string;
  run(step: Step, hooks?: RunHooks): Promise<StepResult>;
}

/** Every secret a step carries (argv, stdin, env): what its output must be scrubbed of. */
export function stepSecrets(step: Step): Arg[] {
  const out: Arg[] = step.argv.filter(isSensitive);
  if (isSensitive(step.stdin)) out.push(step.stdin);
  for (const v of Object.values(step.env ?? {})) if (isSensitive(v)) out.push(v);
  return out;
}

/** How a step prints (dry run, errors): a shell line with secrets as [REDACTED]. */
export function displayStep(step: Step): string {
  const env = Object.entries(step.env ?? {})
    .map(([k, v]) => `${k}=${isSensitive(v) ? REDACTED : joinShell([v])}`)
    .join(' ');
  const line = joinShell(step.argv);
  const stdin =
    step.stdin === undefined ? '' : isSensitive(step.stdin) ? `printf '%s' ${REDACTED} | ` : typeof step.stdin === 'string' ? `printf '%s' ${joinShell([step.stdin])} | ` : '<stream> | ';
  return `${stdin}${env ? `${env} ` : ''}${line}`;
}

/** A step that exited non-zero; the message shows the command with secrets redacted. */
export class StepFailed extends OperationError {
  override name = 'StepFailed';
  constructor(
    readonly step: Step,
    readonly result: StepResult,
    readonly executor: string,
  ) {
    const tail = lastLines(result.stderr || result.stdout, 5);
    super(`${step.label ?? displayStep(step)} failed (exit ${result.code}${executor === 'local' ? '' : ` on ${executor}`})${tail ? `:\n${tail}` : ''}`);
  }
}

function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/** Runs a step and throws StepFailed unless it exits 0. */
export async function runChecked(executor: Executor, step: Step, hooks?: RunHooks): Promise<StepResult> {
  const r = await executor.run(step, hooks);
  if (r.code !== 0) throw new StepFailed(step, r, executor.name);
  return r;
}
