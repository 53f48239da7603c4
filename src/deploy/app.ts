// One app on one server: what setup, deploy, rollback and prune do there, step by step, through
// an executor (ssh, or dry-run which prints). The commands come from ./commands (pure); the
// decisions from ./plan and ./health (pure); this file only sequences them and talks.

import { hostname } from 'node:os';
import { OperationError } from '../errors.js';
import { type Executor, redactText, revealArg, type Step, type StepResult, StepFailed, sensitive } from '../exec/index.js';
import type { HeldSession, SshServer } from '../exec/ssh.js';
import * as dk from './commands/docker.js';
import { ensureEnvFile, makeDirs } from './commands/files.js';
import { appendHistory, historyEntry, type HistoryEntry, parseHistory, type ReleaseResult } from './commands/history.js';
import { breakLock, describeLock, lockStatus, parseLockStatus, releaseLock } from './commands/lock.js';
import {
  commitAndRun,
  discardStaged,
  observe,
  RELEASE_EXIT,
  releaseInput,
  releaseScript,
  ReleaseWatch,
  splitObserved,
  stageAndPull as stageAndPullStep,
  startRelease,
  uploadStaged,
  type UploadFile,
} from './commands/release.js';
import { deploySession, parseRolloutEnd, parseSessionState, rolloutRequest, type SessionState } from './commands/session.js';
import { type DeployConfig, serverTarget } from './config.js';
import { envFile } from './env-file.js';
import { type ContainerView, judge, parseInspect, type Restarts, restartsSince } from './health.js';
import { remoteLayout, type RemoteLayout } from './layout.js';
import { overrideFile } from './override.js';
import { releaseOverride, zeroDowntimeRelease } from './strategy/zero-downtime.js';
import { currentRelease, parseImageList, previousRelease, pruneTargets, tagsToKeep } from './plan/releases.js';

/** An executor that can also hold a session open (the lock); the dry-run one cannot. */
export type RemoteExecutor = Executor & { hold?: (step: Step) => Promise<HeldSession> };

export interface LockOptions {
  /** Seconds to wait for another deploy's lock (default 0: fail at once). */
  waitSec?: number;
  /** Remove a stale lock (its deploy is gone) instead of stopping. */
  breakStale?: boolean;
}

/** A release that did not become healthy (the deploy exits non-zero). */
export class ReleaseFailed extends OperationError {
  override name = 'ReleaseFailed';
}

export interface Observed {
  docker: string;
  compose: dk.ComposeKind | 'missing';
  composeVersion?: string;
  setUp: boolean;
  override: boolean;
  /** The kernel can hand the proxy's waiting connections from its old listener to the new one (see proxy/caddy.ts). */
  handOver: boolean;
  history: HistoryEntry[];
}

export interface HealthResult {
  verdict: ReturnType<typeof judge>;
  digest?: string;
  containers: ContainerView[];
}

export interface ReleaseOutcome {
  tag: string;
  digest?: string;
  result: 'healthy' | 'rolled-back' | 'failed';
  rolledBackTo?: string;
  seconds: number;
}

export class RemoteApp {
  readonly layout: RemoteLayout;
  /** The compose project name on this server. */
  readonly project: string;
  readonly dry: boolean;
  kind: dk.ComposeKind = 'standalone';
  state?: Observed;
  /** This repository's images on the server (docker image ls JSON lines), as the deploy session saw them. */
  images?: string;
  /** The deploy session (lock holder) while it lives: history, image list and prune go through it. */
  session?: HeldSession;
  /** The registry login the deploy session ran, checked before anything changes. */
  loginResult?: SessionState['login'];
  /** SLIPWAY_TRACE: where the time of a release goes, inside its one remote shell. */
  trace?: (line: string) => void;

  constructor(
    readonly exec: RemoteExecutor,
    readonly cfg: DeployConfig,
    server: SshServer,
    readonly say: (line: string) => void,
    readonly env: [string, ReturnType<typeof sensitive>][] = [],
  ) {
    const t = serverTarget(cfg, server);
    this.layout = remoteLayout(t.path, cfg.composeNames);
    this.project = t.project;
    this.dry = exec.name === 'dry-run';
  }

  async run(step: Step): Promise<StepResult> {
    const r = await this.exec.run(step);
    if (r.code !== 0) throw new StepFailed(step, r, this.exec.name);
    return r;
  }

  target(staged = false) {
    return { kind: this.kind, project: this.project, layout: this.layout, staged, ...(this.state?.override === false && !staged ? { noOverride: true } : {}) };
  }

  ref(tag: string): string {
    return `${this.cfg.image}:${tag}`;
  }

  /** Reads the server's state; `versions`: also compose's version, for people (setup, status). */
  async observe(versions = false): Promise<Observed> {
    const r = await this.run(observe(this.layout, versions));
    const { head, history } = splitObserved(r.stdout);
    return this.#setState(head, history);
  }

  #setState(head: string, history: string): Observed {
    const d = dk.parseDetect(head);
    const state: Observed = {
      docker: d.docker,
      compose: d.compose,
      ...(d.composeVersion ? { composeVersion: d.composeVersion } : {}),
      setUp: /^setup=yes$/m.test(head) || this.dry,
      override: /^override=yes$/m.test(head),
      handOver: /^handover=yes$/m.test(head),
      history: parseHistory(history),
    };
    if (this.dry) state.compose = 'standalone';
    this.state = state;
    if (state.compose !== 'missing') this.kind = state.compose;
    return state;
  }

  /** The server must have docker, compose and a `slipway setup` folder. */
  requireReady(forSetup = false): void {
    const s = this.state!;
    if (this.dry) return;
    if (s.docker === 'missing') throw new OperationError(`${this.exec.name}: docker is not installed on the server`);
    if (s.docker === 'unreachable') throw new OperationError(`${this.exec.name}: docker is installed but the engine does not answer (is dockerd running, and may this user use it?)`);
    if (s.compose === 'missing') throw new OperationError(`${this.exec.name}: neither the 'docker compose' plugin nor 'docker-compose' is installed on the server`);
    if (!forSetup && !s.setUp) throw new OperationError(`${this.exec.name}: ${this.layout.dir} is not set up; run 'slipway setup' first`);
  }

  // ------------------------------------------------------------------ lock

  /**
   * Takes the app's deploy lock on this server and reads its state in the same remote shell (the
   * deploy session; with `login`, the registry login runs there too, alongside). Returns the
   * function that releases the lock.
   */
  async lock(command: string, tag: string | undefined, opts: LockOptions & { login?: boolean } = {}): Promise<() => Promise<void>> {
    const details = JSON.stringify({ by: this.cfg.by, host: hostname(), pid: process.pid, at: new Date().toISOString(), command, ...(tag ? { tag } : {}) });
    const login = opts.login && this.cfg.login ? { registry: this.cfg.registry, user: this.cfg.login.user, password: this.cfg.login.password } : undefined;
    const step = deploySession(this.layout, this.cfg.image, details, login);
    if (!this.exec.hold) {
      // A dry run prints the session and assumes a set-up server.
      await this.exec.run(step);
      this.#setState('', '');
      if (login) this.loginResult = { status: 'ok', text: '' };
      return async () => void (await this.exec.run(releaseLock(this.layout.lock, '<pid>')));
    }
    const deadline = Date.now() + (opts.waitSec ?? 0) * 1000;
    let announced = false;
    for (;;) {
      const held = await this.exec.hold(step);
      if (held.firstLine === 'nosetup') {
        await held.ended;
        throw new OperationError(`${this.exec.name}: ${this.layout.dir} is not set up; run 'slipway setup' first`);
      }
      const m = /^locked (\d+)$/.exec(held.firstLine);
      if (m) {
        const pid = m[1]!;
        let lost = false;
        void held.ended.then(() => {
          lost = true;
          if (this.session === held) this.session = undefined;
        });
        const unlock = async () => {
          if (this.session === held) this.session = undefined;
          const wasLost = lost;
          await held.close('release\n');
          // The holder exits 0 once it released the lock. Otherwise the connection was lost (and
          // the holder with it, maybe a moment ago): release through a new one, if the lock is still ours.
          if (wasLost || (await held.ended) !== 0) await this.exec.run(releaseLock(this.layout.lock, pid)).catch(() => undefined);
        };
        try {
          const state = parseSessionState(await held.ask(undefined, '---ready'));
          this.#setState(state.head, state.history);
          this.images = state.images;
          this.loginResult = state.login;
          this.session = held;
        } catch (e) {
          await unlock();
          throw e;
        }
        return unlock;
      }
      await held.ended;
      const st = parseLockStatus((await this.run(lockStatus(this.layout.lock))).stdout);
      if (st.state === 'none') continue; // released in between
      if (st.state === 'stale') {
        const what = `a stale deploy lock (${describeLock(st.details)}): that deploy is gone (killed or its connection lost) and may have stopped half-way`;
        if (!opts.breakStale) {
          throw new OperationError(
            `${this.exec.name}: ${what}.\nCheck the server with 'slipway status', then break the lock with 'slipway ${command} --break-lock' (or remove ${this.layout.lock} on the server).`,
          );
        }
        this.say(`breaking ${what}`);
        await this.run(breakLock(this.layout.lock, st.holder));
        continue;
      }
      if (Date.now() >= deadline) {
        throw new OperationError(
          `${this.exec.name}: another deploy holds the lock (${describeLock(st.details)}).${opts.waitSec ? ` Waited ${opts.waitSec} s.` : ''} Wait for it (--lock-wait SECONDS), or check it with 'slipway status'.`,
        );
      }
      if (!announced) this.say(`waiting for the deploy lock (${describeLock(st.details)})`);
      announced = true;
      await sleep(Math.min(2000, Math.max(200, deadline - Date.now())));
    }
  }

  // ------------------------------------------------------------------ setup

  async setup(): Promise<void> {
    this.requireReady(true);
    await this.run(makeDirs(this.layout));
    const unlock = await this.lock('setup', undefined);
    try {
      const files = this.composeUploads();
      if (this.env.length) files.push(this.envUpload());
      await this.run(uploadStaged(files));
      await this.run(commitAndRun(files.map((f) => f.path), ensureEnvFile(this.layout)));
      await this.run({ argv: ['chmod', '600', '--', this.layout.env], label: '.env mode 600' });
      await this.login();
    } finally {
      await unlock();
    }
  }

  composeUploads(): UploadFile[] {
    // zero-downtime ships the files with the app services' published ports moved to the proxy.
    return this.cfg.composeTexts.map((text, i) => ({ path: this.layout.composeFiles[i]!, content: this.cfg.proxy?.texts[i] ?? text, mode: '644' }));
  }

  envUpload(): UploadFile {
    const text = envFile(this.env.map(([k, v]) => [k, v.reveal()]), this.kind); // the server's compose, as the session saw it
    return { path: this.layout.env, content: sensitive(text), mode: '600' };
  }

  async login(): Promise<void> {
    const l = this.cfg.login;
    if (!l) return;
    const r = await this.exec.run(dk.login(this.layout, this.cfg.registry, l.user, l.password));
    if (r.code !== 0) throw this.#loginFailed(r.stderr || r.stdout);
  }

  #loginFailed(text: string): OperationError {
    const l = this.cfg.login!;
    return new OperationError(`${this.exec.name}: the server could not log in to ${this.cfg.registry} as ${l.user}: ${lastLines(redactText(text, [l.password]), 2)}`);
  }

  // ------------------------------------------------------------------ deploy / rollback

  /**
   * Makes `tag` the running release: deploy uploads the compose files and .env and pulls;
   * rollback only rewrites the pin (pulling the image again if it was pruned). If the release is
   * not healthy in time, the release that ran before comes back, and ReleaseFailed is thrown.
   */
  async release(tag: string, action: 'deploy' | 'rollback', observed = false): Promise<ReleaseOutcome> {
    const started = Date.now();
    const ref = this.ref(tag);
    const files: UploadFile[] = [];
    if (action === 'deploy') {
      files.push(...this.composeUploads());
      if (this.env.length) files.push(this.envUpload());
    }

    // The deploy session has read the server and logged it in; without one, do both now.
    if (!observed && !this.state) await this.observe();
    this.requireReady();
    // After reading the server: the proxy's definition depends on its kernel.
    files.push({ path: this.layout.override, content: releaseOverride(this.cfg, ref, tag, this.state!.handOver), mode: '644' });
    if (!this.loginResult) await this.login();
    else if (this.loginResult.status === 'failed') throw this.#loginFailed(this.loginResult.text);

    const present = action === 'deploy' || (await this.hasImage(tag));
    if (!present) this.say(`${ref} is not on the server any more; pulling it again`);
    const pull =
      action === 'deploy'
        ? // zero-downtime: not the proxy's image (ensureImage pulls it only when missing).
          dk.composePull({ kind: this.kind, project: this.project, layout: this.layout, staged: true }, this.cfg.proxy ? this.cfg.allServices : [])
        : present
          ? undefined
          : dk.pullImage(this.layout, ref);
    const before = currentRelease(this.state!.history);
    this.say(`${action === 'deploy' ? 'uploading' : 'pinning'} ${tag}`);
    if (action === 'deploy') this.say(`pulling ${ref}`);
    if (this.cfg.strategy === 'zero-downtime') {
      const paths = await this.stageAndPull(files, tag, pull);
      return zeroDowntimeRelease(this, { tag, action, paths, started, ...(before ? { before: before.tag } : {}) });
    }
    const health = await this.rollout(files, pull, tag);
    const entry = (result: ReleaseResult, reason?: string): HistoryEntry => historyEntry(this.cfg, { action, tag, result, digest: health.digest, reason });
    if (health.verdict.status === 'healthy') {
      this.say(`${tag} is healthy`);
      await this.recordAndPrune([entry('healthy')]);
      return { tag, ...(health.digest ? { digest: health.digest } : {}), result: 'healthy', seconds: (Date.now() - started) / 1000 };
    }

    // Not healthy: say why, then bring back what ran before.
    const why = health.verdict.status === 'failed' ? health.verdict.why : `not healthy after ${this.cfg.healthTimeoutSec} s (${health.verdict.why})`;
    const logs = await this.failingLogs(health.verdict.status === 'failed' ? health.verdict.container : undefined, health.containers);
    this.say(`${tag} failed: ${why}`);
    const failed = entry('unhealthy', why);
    if (!before || before.tag === tag) {
      await this.recordAndPrune([failed], false);
      throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy: ${why}; there is no earlier healthy release to go back to.${logs}`);
    }
    this.say(`rolling back to ${before.tag}`);
    const back = await this.restore(before.tag);
    await this.recordAndPrune([failed, { ...back.entry, action: 'auto-rollback' }], false);
    if (back.entry.result !== 'healthy') {
      throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy (${why}), and the rollback to ${before.tag} is not healthy either (${back.entry.reason}).${logs}`);
    }
    throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy: ${why}. Rolled back to ${before.tag}, which is healthy again.${logs}`);
  }

  /** Re-pins an earlier release after a failed one (its image is still on the server: it ran a moment ago). */
  async restore(tag: string): Promise<{ entry: HistoryEntry }> {
    const ref = this.ref(tag);
    const pull = (await this.hasImage(tag)) ? undefined : dk.pullImage(this.layout, ref);
    const h = await this.rollout([{ path: this.layout.override, content: overrideFile(this.cfg.services, ref, tag), mode: '644' }], pull, tag);
    const ok = h.verdict.status === 'healthy';
    this.say(ok ? `${tag} is healthy again` : `${tag} is not healthy either`);
    return {
      entry: historyEntry(this.cfg, {
        action: 'auto-rollback',
        tag,
        result: ok ? 'healthy' : 'unhealthy',
        digest: h.digest,
        reason: ok ? undefined : h.verdict.status === 'failed' ? h.verdict.why : `not healthy after ${this.cfg.healthTimeoutSec} s`,
      }),
    };
  }

  /** Stages the files and pulls, in one remote shell (zero-downtime puts them in place itself); a failure removes them. */
  async stageAndPull(files: UploadFile[], tag: string, pull?: Step): Promise<string[]> {
    const paths = files.map((f) => f.path);
    const step = stageAndPullStep(this.layout, files, pull);
    const r = await this.exec.run(step);
    if (r.code === RELEASE_EXIT.pull) throw this.#pullFailed(r, tag); // the script removed the staged files
    if (r.code !== 0) {
      await this.exec.run(discardStaged(paths)).catch(() => undefined);
      throw new StepFailed(step, r, this.exec.name);
    }
    return paths;
  }

  async pull(step: Step, tag: string): Promise<void> {
    const r = await this.exec.run(step);
    if (r.code !== 0) throw this.#pullFailed(r, tag);
  }

  /** Whether the image of `tag` is on the server: from the deploy session's image list, else asked. */
  async hasImage(tag: string): Promise<boolean> {
    if (this.dry) return true;
    if (this.images !== undefined) return parseImageList(this.images).some((i) => i.Repository === this.cfg.image && i.Tag === tag);
    return (await this.exec.run(dk.imageDigests(this.layout, this.ref(tag)))).code === 0;
  }

  /**
   * Stages `files`, pulls (a failure changes nothing), puts the files in place, starts, and
   * waits for health, all in one remote shell (startRelease) that reports the containers every
   * 0.2 s; slipway judges each report and hangs up once it knows.
   */
  async rollout(files: UploadFile[], pull: Step | undefined, tag: string): Promise<HealthResult> {
    const ref = this.ref(tag);
    const expected = new Map(this.cfg.services.map((s) => [s, ref]));
    this.state!.override = true;
    const release = {
      layout: this.layout,
      files,
      ...(pull ? { pull } : {}),
      up: dk.composeUp(this.target()),
      project: this.project,
      ref,
      seconds: this.cfg.healthTimeoutSec + 5,
    };
    const watch = new ReleaseWatch(this.cfg.image);
    let restarts: Restarts | undefined; // from the first report on: by then the script has said when it started
    let deadline = Infinity;
    let last = '';
    let seen: HealthResult | undefined;
    let decided = false;
    const t0 = Date.now();
    const trace = (what: string) => this.trace?.(`  [trace]   ${what}: +${((Date.now() - t0) / 1000).toFixed(2)}s`);
    /** Takes one output line; after a report, says whether to watch on ('next') or stop. */
    const take = (text: string): 'next' | 'stop' | undefined => {
      if (decided) return undefined;
      const wasStarting = watch.starting;
      const wasStarted = watch.started;
      const frame = watch.line(text);
      if (watch.starting && !wasStarting) {
        trace(pull ? 'staged and pulled' : 'staged');
        this.say(`starting ${tag}`);
      }
      if (watch.started && !wasStarted) trace('compose up done');
      if (watch.started && deadline === Infinity) deadline = Date.now() + this.cfg.healthTimeoutSec * 1000;
      if (frame === undefined) return undefined;
      const containers = parseInspect(frame.inspect).map((c) => (frame.probed.has(c.id) ? { ...c, probed: true } : c));
      restarts ??= restartsSince(watch.startedOnServer ?? null);
      const verdict = judge(containers, expected, this.cfg.allServices, { restarts });
      seen = { verdict, ...(watch.digest ? { digest: watch.digest } : {}), containers };
      if (verdict.status !== 'waiting' || Date.now() >= deadline) {
        trace(`${verdict.status}${frame.probed.size ? ' (own health check run by slipway)' : ''}`);
        decided = true;
        return 'stop';
      }
      if (verdict.why !== last) this.say(`waiting: ${verdict.why}`);
      last = verdict.why;
      return 'next';
    };

    // In the deploy session's shell when it lives: no second remote shell (a login shell's
    // start-up files cost 0.2-1 s on a busy server); slipway paces the reports by answering each.
    const s = this.session;
    if (s && !this.dry) {
      const answer = await s.ask(rolloutRequest(releaseScript(release, true)) + revealArg(releaseInput(files)), '---done', {
        timeoutMs: 0, // a pull takes what it takes; a lost connection ends the session, and the ask with it
        onLine: (text) => {
          const next = take(text);
          if (next) s.send(`${next}\n`);
        },
      });
      const end = parseRolloutEnd(answer);
      if (decided) return seen!;
      if (end.code === RELEASE_EXIT.pull) throw this.#pullFailed({ code: end.code, stdout: '', stderr: end.stderr }, tag);
      if (end.code !== 0 || !seen) throw new OperationError(`${this.exec.name}: ${pull ? 'pull and start the release' : 'start the release'} failed (exit ${end.code})${end.stderr ? `:\n${end.stderr}` : ''}`);
      return seen; // the script's own time ran out: still waiting, so not healthy in time
    }

    const step = startRelease(release);
    const hangUp = new AbortController();
    const r = await this.exec.run(step, {
      signal: hangUp.signal,
      onLine: (stream, text) => {
        if (stream === 'stdout' && take(text) === 'stop') hangUp.abort();
      },
    });
    if (this.dry) return { verdict: { status: 'healthy' }, containers: [] };
    if (decided) return seen!;
    if (r.code === RELEASE_EXIT.pull) throw this.#pullFailed(r, tag);
    if (r.code !== 0 || !seen) throw new StepFailed(step, r, this.exec.name);
    return seen; // the script's own time ran out: still waiting, so not healthy in time
  }

  #pullFailed(r: StepResult, tag: string): OperationError {
    const text = lastLines(r.stderr || r.stdout, 3);
    const hint = /denied|unauthorized|authentication required|no basic auth/i.test(text)
      ? ` The server is not logged in to ${this.cfg.registry}: set SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD and run 'slipway setup' (or deploy with them set).`
      : /not found|manifest unknown/i.test(text)
        ? ` Is ${tag} pushed? ('slipway release' pushes sha-<7> tags.)`
        : '';
    return new OperationError(`${this.exec.name}: could not pull ${this.ref(tag)}; the running release is untouched.\n${text}${hint}`);
  }

  /** The failing (or first not-ready) container's last log lines, for the error. */
  async failingLogs(c: ContainerView | undefined, all: ContainerView[]): Promise<string> {
    const target = c ?? all.find((x) => x.health !== 'healthy' || x.state !== 'running');
    if (!target || this.dry) return '';
    const r = await this.exec.run(dk.containerLogs(this.layout, target.id, 20));
    const text = `${r.stdout}${r.stderr}`.trimEnd();
    const check = target.lastCheck ? `\nlast health check output: ${target.lastCheck}` : '';
    return `${check}\nlast log lines of ${target.service} (${target.name}):\n${text ? text.split('\n').map((l) => `  ${l}`).join('\n') : '  (none)'}`;
  }

  /**
   * Appends the history lines; after a healthy release, removes images beyond the kept releases.
   * Through the deploy session when there is one (a round trip, no new remote shell).
   */
  async recordAndPrune(entries: HistoryEntry[], prune = true): Promise<void> {
    const s = this.session;
    if (!s) {
      await this.run(appendHistory(this.layout.history, entries));
      this.state!.history.push(...entries);
      if (prune) await this.pruneImages();
      return;
    }
    // One write: the records, then (to prune) the image list; then one answer each.
    const answers: string[] = [];
    answers.push(await s.ask(entries.map((e) => `record ${JSON.stringify(e)}\n`).join('') + (prune ? 'images\n' : ''), '---end'));
    for (let i = 1; i < entries.length + (prune ? 1 : 0); i++) answers.push(await s.ask(undefined, '---end'));
    const bad = answers.slice(0, entries.length).find((a) => a.trim() !== 'recorded');
    if (bad !== undefined) throw new OperationError(`${this.exec.name}: could not record the release in ${this.layout.history}${bad.trim() ? ` (${bad.trim()})` : ''}`);
    this.state!.history.push(...entries);
    if (prune) await this.pruneImages(answers.at(-1));
  }

  async pruneImages(imageList?: string): Promise<string[]> {
    const s = this.session;
    const list = imageList ?? (s ? await s.ask('images\n', '---end') : (await this.run(dk.listImages(this.layout, this.cfg.image))).stdout);
    const keep = tagsToKeep(this.state!.history, this.cfg.keep);
    const targets = pruneTargets(parseImageList(list), this.cfg.image, keep, this.state!.history);
    if (!targets.length) return [];
    let error: string | undefined;
    if (s) {
      const answer = await s.ask(targets.map((t) => `rm ${t}\n`).join('') + 'prune\n', '---end');
      if (!answer.startsWith('pruned')) error = answer.split('\n').slice(1).join('\n');
    } else {
      const r = await this.exec.run(dk.removeImages(this.layout, targets));
      if (r.code !== 0) error = r.stderr;
    }
    // An image a container still uses stays (docker refuses); that is not a failed deploy.
    if (error !== undefined) this.say(`could not remove every old image: ${lastLines(error, 2)}`);
    else this.say(`removed ${targets.length} old image(s): ${targets.map((t) => t.split(':').pop()).join(', ')}`);
    return targets;
  }

  /** The release a bare `slipway rollback` goes to. */
  rollbackTarget(): string {
    const prev = previousRelease(this.state!.history);
    if (!prev) throw new OperationError(`${this.exec.name}: no earlier healthy release in the history to roll back to; name a tag: slipway rollback TAG`);
    return prev.tag;
  }
}

export function lastLines(text: string, n: number): string {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
