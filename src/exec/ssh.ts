// Runs steps on a server through OpenSSH: the user's ~/.ssh/config, agent and known_hosts apply
// as for `ssh` itself, and one multiplexed ControlMaster connection carries every command of a run.
// The remote side gets one command line: the step's argv joined with POSIX quoting, so nothing in
// an argument is ever interpreted by the remote shell. Secrets travel only on stdin (encrypted,
// never in the remote /proc/*/cmdline), so a secret in argv or env is refused.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationError, UsageError } from '../errors.js';
import { localExecutor, SecretInArgv } from './local.js';
import { joinShell } from './quote.js';
import { redactText } from './redact.js';
import { isSensitive, revealArg } from './sensitive.js';
import { type Executor, type RunHooks, type Step, type StepResult, stepSecrets } from './step.js';

/** One server as written on the command line or in .slipway.yaml: user@host:port, host, or an ssh_config alias. */
export interface SshServer {
  user?: string;
  host: string;
  port?: number;
  /** As the user wrote it, for progress lines and errors. */
  label: string;
  /** This server's app folder, when it differs from the others'. */
  path?: string;
}

const SERVER = /^(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?([A-Za-z0-9][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?::([0-9]{1,5}))?$/;

export function parseServer(text: string): SshServer {
  const m = SERVER.exec(text);
  if (!m) throw new UsageError(`'${text}' is not a server: write user@host:port, host, or an alias from ~/.ssh/config`);
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError(`'${text}': port ${port} is out of range`);
  return { user: m[1], host: m[2]!.replace(/^\[|\]$/g, ''), port, label: text };
}

export interface SshOptions {
  /** ssh -i: a private key file (IdentitiesOnly, so the agent's other keys are not tried first). */
  identity?: string;
  /** ssh -F: an ssh_config file instead of ~/.ssh/config. */
  sshConfig?: string;
  /** Record an unknown host key (StrictHostKeyChecking=accept-new); by default it is refused. A changed key is always refused. */
  acceptNewHostKey?: boolean;
  /** Seconds to wait for the connection (default 10). */
  connectTimeout?: number;
}

/** The ssh options every connection of a run shares (pure, tested). */
export function sshBaseArgs(server: SshServer, opts: SshOptions): string[] {
  const args = [
    '-o', 'BatchMode=yes',
    '-o', `StrictHostKeyChecking=${opts.acceptNewHostKey ? 'accept-new' : 'yes'}`,
    '-o', `ConnectTimeout=${opts.connectTimeout ?? 10}`,
    // A connection that dies mid-deploy is noticed in ~15 s instead of hanging.
    '-o', 'ServerAliveInterval=5',
    '-o', 'ServerAliveCountMax=3',
    '-o', 'LogLevel=ERROR',
  ];
  if (opts.sshConfig) args.unshift('-F', opts.sshConfig);
  if (opts.identity) args.push('-i', opts.identity, '-o', 'IdentitiesOnly=yes');
  if (server.port !== undefined) args.push('-p', String(server.port));
  if (server.user !== undefined) args.push('-l', server.user);
  return args;
}

/** The one command line the remote shell runs for a step (pure, tested): cd, env, then the quoted argv. */
export function remoteCommand(step: Step): string {
  if (step.argv.length === 0) throw new Error('empty command');
  if (step.argv.some(isSensitive) || Object.values(step.env ?? {}).some(isSensitive)) {
    throw new SecretInArgv(`refusing to put a secret on the server's command line (${String(step.argv[0])}); pass it through stdin`);
  }
  const env = Object.entries(step.env ?? {});
  for (const [k] of env) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`bad environment variable name '${k}'`);
  const argv = env.length ? ['env', ...env.map(([k, v]) => `${k}=${revealArg(v)}`), ...step.argv] : step.argv;
  const line = joinShell(argv);
  return step.cwd ? `cd ${joinShell([step.cwd])} && ${line}` : line;
}

export interface AskOptions {
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

/** A long-running remote command whose stdin stays open until close(): the deploy's session (lock holder). */
export interface HeldSession {
  /** The first line the command printed. */
  firstLine: string;
  /**
   * Writes `text` (if given) to the command's stdin and resolves with what it printed after the
   * last answer, up to the next line that is exactly `end` (not included). A talk within the
   * session costs one network round trip, not a new remote shell. Rejects if the session ends first.
   * `onLine` sees each line of the answer as it arrives; `timeoutMs` 0: no time limit (default 120 s).
   */
  ask(text: string | undefined, end: string, opts?: AskOptions): Promise<string>;
  /** Writes `text` to the command's stdin now, past any ask waiting for its answer (a reply inside a long answer). */
  send(text: string): void;
  /** Writes `last` (if given), ends the command's stdin and waits for it to exit. */
  close(last?: string): Promise<void>;
  /** Resolves when the session ends by itself (connection lost). */
  ended: Promise<number>;
}

export class SshExecutor implements Executor {
  readonly name: string;
  readonly #server: SshServer;
  readonly #opts: SshOptions;
  readonly #local = localExecutor();
  #controlDir: string | undefined;
  #connected: Promise<void> | undefined;

  constructor(server: SshServer, opts: SshOptions = {}) {
    this.#server = server;
    this.#opts = opts;
    this.name = `ssh ${server.label}`;
  }

  get server(): SshServer {
    return this.#server;
  }

  #controlPath(): string {
    this.#controlDir ??= mkdtempSync(join(tmpdir(), 'slipway-ssh-'));
    // %C: a hash of host, port and user, short enough for a socket path.
    return join(this.#controlDir, '%C');
  }

  #args(extra: string[]): string[] {
    return [...sshBaseArgs(this.#server, this.#opts), '-o', `ControlPath=${this.#controlPath()}`, ...extra, this.#server.host];
  }

  /** Opens the shared connection once; errors say what to do (unknown host key, refused login...). */
  connect(): Promise<void> {
    this.#connected ??= this.#openMaster();
    return this.#connected;
  }

  async #openMaster(): Promise<void> {
    this.#controlPath();
    const log = join(this.#controlDir!, 'master.log');
    const fd = openSync(log, 'w', 0o600);
    // -f: the first process exits once logged in (exit 0) or failed; the master stays in the
    // background and ends 120 s after its last session even if slipway is killed.
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn('ssh', this.#args(['-M', '-N', '-f', '-o', 'ControlMaster=yes', '-o', 'ControlPersist=120']), {
        stdio: ['ignore', 'ignore', fd],
      });
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(new OperationError(e.code === 'ENOENT' ? 'ssh: command not found (slipway needs the OpenSSH client)' : `could not run ssh: ${e.message}`)),
      );
      child.on('exit', (c) => resolve(c ?? 255));
    });
    closeSync(fd);
    if (code !== 0) {
      let text = '';
      try {
        text = readFileSync(log, 'utf8');
      } catch {}
      this.#connected = undefined;
      throw new OperationError(explainSshFailure(this.#server, text));
    }
  }

  async run(step: Step, hooks?: RunHooks): Promise<StepResult> {
    await this.connect();
    const line = remoteCommand(step);
    // -t: a terminal on the server for a program that wants one (exec -t); stdin is then this one's.
    const tty = hooks?.stdio?.tty ? '-t' : '-T';
    return this.#local.run({ argv: ['ssh', ...this.#args(['-o', 'ControlMaster=no', tty]), '--', line], stdin: step.stdin, label: step.label }, hooks);
  }

  /** Starts a command whose stdin stays open; resolves after its first output line. */
  async hold(step: Step, timeoutMs = 30_000): Promise<HeldSession> {
    await this.connect();
    const line = remoteCommand(step);
    const child = spawn('ssh', [...this.#args(['-o', 'ControlMaster=no', '-T']), '--', line], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => {});
    if (step.stdin !== undefined) {
      if (typeof step.stdin === 'string' || isSensitive(step.stdin)) child.stdin.write(revealArg(step.stdin));
      else throw new Error('a held session takes text on stdin');
    }
    const what = step.label ?? 'a remote command';
    const secrets = stepSecrets(step);
    let out = '';
    let read = 0; // what ask() has already returned
    let err = '';
    let done: number | undefined;
    const listeners = new Set<() => void>();
    const ended = new Promise<number>((resolve) =>
      child.on('close', (c) => {
        done = c ?? 255;
        resolve(done);
        for (const l of [...listeners]) l();
      }),
    );
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      for (const l of [...listeners]) l();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const failure = () => {
      const e = new OperationError(`${what} ended (exit ${done}) on ${this.#server.label}${err ? `: ${redactText(err.trim(), secrets)}` : ''}`);
      return Object.assign(e, { exitCode: done });
    };
    // Resolves with the output from `read` up to the line `end` (consumed), or rejects when the session ends first.
    const until = (end: string | '\n', ms: number, onLine?: (line: string) => void) =>
      new Promise<string>((resolve, reject) => {
        const timer = ms
          ? setTimeout(() => {
              listeners.delete(check);
              child.kill('SIGKILL');
              reject(new OperationError(`${what} did not answer within ${ms / 1000} s on ${this.#server.label}`));
            }, ms)
          : undefined;
        let seen = read; // where onLine has got to
        function check() {
          if (onLine) {
            for (let nl = out.indexOf('\n', seen); nl >= 0; nl = out.indexOf('\n', seen)) {
              const line = out.slice(seen, nl);
              seen = nl + 1;
              if (line === end) break;
              onLine(redactText(line, secrets));
            }
          }
          const rest = out.slice(read);
          const at = end === '\n' ? rest.indexOf('\n') : rest.startsWith(`${end}\n`) ? 0 : (rest.indexOf(`\n${end}\n`) + 1 || -1);
          if (at >= 0) {
            if (timer) clearTimeout(timer);
            listeners.delete(check);
            const upTo = end === '\n' ? at : Math.max(0, at - 1);
            read += at + (end === '\n' ? 1 : end.length + 1);
            resolve(redactText(rest.slice(0, upTo), secrets));
          } else if (done !== undefined) {
            if (timer) clearTimeout(timer);
            listeners.delete(check);
            reject(failure());
          }
        }
        listeners.add(check);
        check();
      });
    const firstLine = await until('\n', timeoutMs);
    let asking: Promise<unknown> = Promise.resolve();
    return {
      firstLine,
      ended,
      ask: (text, end, opts = {}) => {
        const next = asking.then(() => {
          if (text !== undefined && done === undefined) child.stdin.write(text);
          return until(end, opts.timeoutMs ?? 120_000, opts.onLine); // a prune of many images may take a while
        });
        asking = next.catch(() => undefined);
        return next;
      },
      send: (text) => {
        if (done === undefined) child.stdin.write(text);
      },
      close: async (last?: string) => {
        child.stdin.end(last);
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await ended;
        clearTimeout(t);
      },
    };
  }

  /** Closes the shared connection and removes its socket folder. */
  async close(): Promise<void> {
    if (!this.#controlDir) return;
    if (this.#connected) {
      await this.#connected.catch(() => {});
      await this.#local.run({ argv: ['ssh', ...this.#args(['-O', 'exit'])] }).catch(() => undefined);
    }
    rmSync(this.#controlDir, { recursive: true, force: true });
    this.#controlDir = undefined;
    this.#connected = undefined;
  }
}

/** Turns ssh's own error text into what the user should do. */
export function explainSshFailure(server: SshServer, stderr: string): string {
  const text = stderr.trim();
  const where = server.label;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/i.test(text)) {
    return `ssh ${where}: the server's host key has CHANGED since it was recorded in known_hosts. Refusing to connect (this is how a man-in-the-middle looks). If the server was really reinstalled, remove the old key with 'ssh-keygen -R HOST' and connect again.`;
  }
  if (/Host key verification failed|No \S+ host key is known/i.test(text)) {
    return `ssh ${where}: the server's host key is not in known_hosts, so slipway refuses to connect. Check the key's fingerprint with the server's owner, then run once with --accept-new-host-key to record it (or add it with ssh-keyscan).`;
  }
  if (/Permission denied/i.test(text)) {
    return `ssh ${where}: login refused (${lastLine(text)}). Check the user, the key (--identity KEYFILE or ssh-agent) and the server's authorized_keys.`;
  }
  if (/Connection refused|timed out|No route to host|Could not resolve hostname|Name or service not known/i.test(text)) {
    return `ssh ${where}: cannot connect (${lastLine(text)}).`;
  }
  return `ssh ${where}: connection failed${text ? `: ${lastLine(text)}` : ''}`;
}

function lastLine(text: string): string {
  return text.split('\n').filter(Boolean).pop() ?? text;
}
