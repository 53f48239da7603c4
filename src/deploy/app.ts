// One app on one server: what setup, deploy, rollback and prune do there, step by step, through
// an executor (ssh, or dry-run which prints). The commands come from ./commands (pure); the
// decisions from ./plan and ./health (pure); this file only sequences them and talks.

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { OperationError } from '../errors.js';
import { type Executor, type Step, type StepResult, StepFailed, sensitive } from '../exec/index.js';
import type { HeldSession, SshServer } from '../exec/ssh.js';
import * as dk from './commands/docker.js';
import { ensureEnvFile, makeDirs, writeFile } from './commands/files.js';
import { type HistoryEntry, parseHistory, type ReleaseResult } from './commands/history.js';
import { acquireLock, breakLock, describeLock, lockStatus, parseLockStatus, releaseLock } from './commands/lock.js';
import { commitAndRun, discardStaged, finish, observe, poll, splitObserved, splitPoll, uploadStaged, type UploadFile } from './commands/release.js';
import { type DeployConfig, serverTarget } from './config.js';
import { envFile } from './env-file.js';
import { type ContainerView, judge, parseInspect } from './health.js';
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
  history: HistoryEntry[];
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
    const d = dk.parseDetect(head);
    const state: Observed = {
      docker: d.docker,
      compose: d.compose,
      ...(d.composeVersion ? { composeVersion: d.composeVersion } : {}),
      setUp: /^setup=yes$/m.test(head) || this.dry,
      override: /^override=yes$/m.test(head),
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

  /** Takes the app's deploy lock on this server; returns the release function. */
  async lock(command: string, tag: string | undefined, opts: LockOptions = {}): Promise<() => Promise<void>> {
    const step = acquireLock(this.layout.lock);
    const details = JSON.stringify({ by: this.cfg.by, host: hostname(), pid: process.pid, at: new Date().toISOString(), command, ...(tag ? { tag } : {}) });
    if (!this.exec.hold) {
      await this.exec.run({ ...step, stdin: details + '\n' });
      return async () => void (await this.exec.run(releaseLock(this.layout.lock, '<pid>')));
    }
    const deadline = Date.now() + (opts.waitSec ?? 0) * 1000;
    let announced = false;
    for (;;) {
      const held = await this.exec.hold({ ...step, stdin: details + '\n' });
      if (held.firstLine === 'nosetup') {
        await held.ended;
        throw new OperationError(`${this.exec.name}: ${this.layout.dir} is not set up; run 'slipway setup' first`);
      }
      const m = /^locked (\d+)$/.exec(held.firstLine);
      if (m) {
        const pid = m[1]!;
        let lost = false;
        void held.ended.then(() => (lost = true));
        return async () => {
          const wasLost = lost;
          await held.close('release\n');
          // The connection was lost (and the holder with it): release through a new one, if the lock is still ours.
          if (wasLost) await this.exec.run(releaseLock(this.layout.lock, pid)).catch(() => undefined);
        };
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
    return this.cfg.composeLocal.map((local, i) => ({ path: this.layout.composeFiles[i]!, content: this.cfg.proxy?.texts[i] ?? readFileSync(local, 'utf8'), mode: '644' }));
  }

  envUpload(): UploadFile {
    const text = envFile(this.env.map(([k, v]) => [k, v.reveal()]));
    return { path: this.layout.env, content: sensitive(text), mode: '600' };
  }

  async login(): Promise<void> {
    const l = this.cfg.login;
    if (!l) return;
    const r = await this.exec.run(dk.login(this.layout, this.cfg.registry, l.user, l.password));
    if (r.code !== 0) {
      throw new OperationError(`${this.exec.name}: the server could not log in to ${this.cfg.registry} as ${l.user}: ${lastLines(r.stderr || r.stdout, 2)}`);
    }
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
    files.push({ path: this.layout.override, content: releaseOverride(this.cfg, ref, tag), mode: '644' });
    const paths = files.map((f) => f.path);

    // Independent steps share the one connection at once: reading the server's state, the
    // registry login, staging the files, and (rollback) whether the image is still there.
    this.say(`${action === 'deploy' ? 'uploading' : 'pinning'} ${tag}`);
    let present = true;
    try {
      await Promise.all([
        observed ? undefined : this.observe(),
        this.login(),
        this.run(uploadStaged(files)),
        action === 'rollback' && !this.dry ? this.exec.run(dk.imageDigests(this.layout, ref)).then((r) => void (present = r.code === 0)) : undefined,
      ]);
      this.requireReady();
      if (!present) {
        this.say(`${ref} is not on the server any more; pulling it again`);
        await this.pull(dk.pullImage(this.layout, ref), tag);
      }
      if (action === 'deploy') {
        this.say(`pulling ${ref}`);
        // zero-downtime: not the proxy's image (ensureImage pulls it only when missing).
        await this.pull(dk.composePull({ kind: this.kind, project: this.project, layout: this.layout, staged: true }, this.cfg.proxy ? this.cfg.allServices : []), tag);
      }
    } catch (e) {
      await this.exec.run(discardStaged(paths)).catch(() => undefined);
      throw e;
    }
    const before = currentRelease(this.state!.history);
    if (this.cfg.strategy === 'zero-downtime') return zeroDowntimeRelease(this, { tag, action, paths, started, ...(before ? { before: before.tag } : {}) });
    this.say(`starting ${tag}`);
    this.state!.override = true;
    await this.run(commitAndRun(paths, dk.composeUp(this.target())));

    const health = await this.waitHealthy(tag);
    const entry = (result: ReleaseResult, reason?: string): HistoryEntry => ({
      time: new Date().toISOString(),
      action,
      tag,
      image: this.cfg.image,
      ...(health.digest ? { digest: health.digest } : {}),
      by: this.cfg.by,
      result,
      ...(reason ? { reason } : {}),
    });
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
    const present = (await this.exec.run(dk.imageDigests(this.layout, ref))).code === 0;
    if (!present) await this.pull(dk.pullImage(this.layout, ref), tag);
    await this.run(writeFile(this.layout.override, overrideFile(this.cfg.services, ref, tag), '644', `pin ${tag}`));
    await this.run(dk.composeUp(this.target()));
    const h = await this.waitHealthy(tag);
    const ok = h.verdict.status === 'healthy';
    this.say(ok ? `${tag} is healthy again` : `${tag} is not healthy either`);
    return {
      entry: {
        time: new Date().toISOString(),
        action: 'auto-rollback',
        tag,
        image: this.cfg.image,
        ...(h.digest ? { digest: h.digest } : {}),
        by: this.cfg.by,
        result: ok ? 'healthy' : 'unhealthy',
        ...(ok ? {} : { reason: h.verdict.status === 'failed' ? h.verdict.why : `not healthy after ${this.cfg.healthTimeoutSec} s` }),
      },
    };
  }

  async pull(step: Step, tag: string): Promise<void> {
    const r = await this.exec.run(step);
    if (r.code === 0) return;
    const text = lastLines(r.stderr || r.stdout, 3);
    const hint = /denied|unauthorized|authentication required|no basic auth/i.test(text)
      ? ` The server is not logged in to ${this.cfg.registry}: set SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD and run 'slipway setup' (or deploy with them set).`
      : /not found|manifest unknown/i.test(text)
        ? ` Is ${tag} pushed? ('slipway release' pushes sha-<7> tags.)`
        : '';
    throw new OperationError(`${this.exec.name}: could not pull ${this.ref(tag)}; the running release is untouched.\n${text}${hint}`);
  }

  async waitHealthy(tag: string): Promise<{ verdict: ReturnType<typeof judge>; digest?: string; containers: ContainerView[] }> {
    const ref = this.ref(tag);
    const expected = new Map(this.cfg.services.map((s) => [s, ref]));
    const deadline = Date.now() + this.cfg.healthTimeoutSec * 1000;
    let last = '';
    for (;;) {
      const r = await this.run(poll(this.layout, this.project, ref));
      if (this.dry) return { verdict: { status: 'healthy' }, containers: [] };
      const { digest, inspect } = splitPoll(r.stdout, this.cfg.image);
      const containers = parseInspect(inspect);
      const verdict = judge(containers, expected, this.cfg.allServices);
      if (verdict.status !== 'waiting' || Date.now() >= deadline) return { verdict, ...(digest ? { digest } : {}), containers };
      if (verdict.why !== last) this.say(`waiting: ${verdict.why}`);
      last = verdict.why;
      await sleep(Math.min(500, Math.max(0, deadline - Date.now())));
    }
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

  /** Appends the history lines; after a healthy release, removes images beyond the kept releases. */
  async recordAndPrune(entries: HistoryEntry[], prune = true): Promise<void> {
    const lines = entries.map((e) => JSON.stringify(e) + '\n').join('');
    const r = await this.run(finish(this.layout, lines, this.cfg.image));
    this.state!.history.push(...entries);
    if (prune) await this.pruneImages(r.stdout);
  }

  async pruneImages(imageList?: string): Promise<string[]> {
    const list = imageList ?? (await this.run(dk.listImages(this.layout, this.cfg.image))).stdout;
    const keep = tagsToKeep(this.state!.history, this.cfg.keep);
    const targets = pruneTargets(parseImageList(list), this.cfg.image, keep, this.state!.history);
    if (!targets.length) return [];
    const r = await this.exec.run(dk.removeImages(this.layout, targets));
    // An image a container still uses stays (docker refuses); that is not a failed deploy.
    if (r.code !== 0) this.say(`could not remove every old image: ${lastLines(r.stderr, 2)}`);
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
