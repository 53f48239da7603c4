// Runs steps on this machine: spawn with an argv, no shell, so nothing in an argument is
// ever interpreted. A secret may reach the program only through stdin or the environment:
// an argument is visible to every user in /proc/*/cmdline and `ps`.

import { spawn } from 'node:child_process';
import { isSensitive, revealArg } from './sensitive.js';
import { redactText } from './redact.js';
import { type Executor, type RunHooks, type Step, type StepResult, stepSecrets } from './step.js';

export interface LocalOptions {
  /** Base environment for every program (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Default working directory. */
  cwd?: string;
}

export class SecretInArgv extends Error {
  override name = 'SecretInArgv';
}

export function localExecutor(opts: LocalOptions = {}): Executor {
  return {
    name: 'local',
    run: (step, hooks) => runLocal(step, hooks ?? {}, opts),
  };
}

function runLocal(step: Step, hooks: RunHooks, opts: LocalOptions): Promise<StepResult> {
  if (step.argv.length === 0) return Promise.reject(new Error('empty command'));
  if (step.argv.some(isSensitive)) {
    return Promise.reject(new SecretInArgv(`refusing to put a secret on a command line (${String(step.argv[0])}); pass it through stdin`));
  }
  const secrets = stepSecrets(step);
  const scrub = (s: string) => (secrets.length ? redactText(s, secrets) : s);
  const env: NodeJS.ProcessEnv = { ...(opts.env ?? process.env) };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = revealArg(v);
  const [file, ...args] = step.argv.map(revealArg);

  if (hooks.stdio) {
    if (step.stdin !== undefined || secrets.length) return Promise.reject(new Error('a step that takes over the terminal has no stdin or secrets of its own'));
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd: step.cwd ?? opts.cwd, env, stdio: [hooks.stdio!.stdin, 'inherit', 'inherit'], shell: false });
      child.on('error', (err: NodeJS.ErrnoException) => reject(new Error(err.code === 'ENOENT' ? `${file}: command not found` : `could not run ${file}: ${err.message}`)));
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout: '', stderr: '' }));
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: step.cwd ?? opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (hooks.timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, hooks.timeoutMs);
    }
    const abort = () => child.kill('SIGTERM');
    if (hooks.signal?.aborted) abort();
    hooks.signal?.addEventListener('abort', abort, { once: true });
    const collect = (stream: 'stdout' | 'stderr') => (chunk: string) => {
      out[stream] += chunk;
      if (!hooks.onLine) return;
      // Docker's progress redraws with \r; treat it as a line end too.
      const parts = (partial[stream] + chunk).split(/\r\n|\n|\r/);
      partial[stream] = parts.pop() ?? '';
      for (const line of parts) if (line) hooks.onLine(stream, scrub(line));
    };
    child.stdout.setEncoding('utf8').on('data', collect('stdout'));
    child.stderr.setEncoding('utf8').on('data', collect('stderr'));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(new Error(err.code === 'ENOENT' ? `${file}: command not found` : `could not run ${file}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      hooks.signal?.removeEventListener('abort', abort);
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream] && hooks.onLine) hooks.onLine(stream, scrub(partial[stream]));
      const stderr = scrub(out.stderr) + (timedOut ? `\n[killed after ${hooks.timeoutMs} ms]` : '');
      resolve({ code: timedOut ? 124 : (code ?? (signal ? 128 : 1)), stdout: scrub(out.stdout), stderr });
    });
    child.stdin.on('error', () => {}); // the program may exit without reading stdin
    const input = step.stdin;
    if (input === undefined) child.stdin.end();
    else if (typeof input === 'string' || isSensitive(input)) child.stdin.end(revealArg(input));
    else input.pipe(child.stdin);
  });
}
