// One app on a Swarm, through its manager: what setup, deploy and rollback do there when
// deploy.engine is swarm. It shares the compose engine's lock, history, uploads, registry login
// and pruning (RemoteApp); what differs is how a release starts (`docker stack deploy` of the
// user's compose files + slipway's stack file), how it is judged (Swarm's tasks and update
// status), and that deploy.env values become Docker secrets instead of a .env file.

import { OperationError } from '../../errors.js';
import { type Arg, type Step } from '../../exec/index.js';
import { RemoteApp, ReleaseFailed, type ReleaseOutcome, lastLines } from '../app.js';
import * as dk from '../commands/docker.js';
import { ensureEnvFile, makeDirs, writeFile } from '../commands/files.js';
import { historyEntry, type HistoryEntry, type ReleaseResult } from '../commands/history.js';
import { commitAndRun, discardStaged, uploadStaged, type UploadFile } from '../commands/release.js';
import { currentRelease } from '../plan/releases.js';
import * as sw from './commands.js';
import { digestOf, judgeStack, parseServices, parseTasks, runsRef, type SwarmVerdict, type TaskView } from './health.js';
import { readStackFacts, stackFile } from './stack.js';

export class SwarmApp extends RemoteApp {
  swarm?: sw.SwarmState;

  /** The generated stack file and the record of the secrets it names, on the manager. */
  get stackPath(): string {
    return `${this.layout.dir}/slipway-stack.yml`;
  }
  get secretsPath(): string {
    return `${this.layout.state}/secrets.json`;
  }

  async readSwarm(): Promise<sw.SwarmState> {
    const r = await this.exec.run(sw.swarmInfo(this.layout));
    this.swarm = this.dry ? { state: 'active', manager: true } : sw.parseSwarmInfo(r.code === 0 ? r.stdout : '');
    return this.swarm;
  }

  /** Docker must answer, and this server must be a manager of an active Swarm. Compose is not needed. */
  override requireReady(forSetup = false): void {
    const s = this.state!;
    if (this.dry) return;
    if (s.docker === 'missing') throw new OperationError(`${this.exec.name}: docker is not installed on the server`);
    if (s.docker === 'unreachable') throw new OperationError(`${this.exec.name}: docker is installed but the engine does not answer (is dockerd running, and may this user use it?)`);
    if (forSetup) return;
    if (!s.setUp) throw new OperationError(`${this.exec.name}: ${this.layout.dir} is not set up; run 'slipway setup' first`);
    const w = this.swarm;
    if (w && w.state !== 'active') throw new OperationError(`${this.exec.name}: this engine is not in a Swarm (${w.state}); 'slipway setup' runs docker swarm init (deploy.engine: swarm)`);
    if (w && !w.manager) throw new OperationError(`${this.exec.name}: this node is a Swarm worker; deploy.servers must name a manager`);
  }

  // ------------------------------------------------------------------ setup

  /** The manager: swarm init when it is in no Swarm, then the app folder, compose files and registry login. */
  override async setup(): Promise<void> {
    this.requireReady(true);
    const w = await this.readSwarm();
    if (w.state === 'inactive') {
      this.say(`docker swarm init${this.cfg.swarm?.advertiseAddr ? ` --advertise-addr ${this.cfg.swarm.advertiseAddr}` : ''}`);
      const r = await this.exec.run(sw.swarmInit(this.layout, this.cfg.swarm?.advertiseAddr));
      if (r.code !== 0) throw new OperationError(`${this.exec.name}: docker swarm init failed: ${lastLines(r.stderr || r.stdout, 3)}`);
      await this.readSwarm();
    } else if (w.state === 'active' && !w.manager) {
      throw new OperationError(`${this.exec.name}: this node is a worker of another Swarm; deploy.servers must name a manager`);
    } else if (w.state !== 'active') {
      throw new OperationError(`${this.exec.name}: the engine's Swarm state is '${w.state}'; fix it by hand (docker info) and run setup again`);
    }
    await this.run(makeDirs(this.layout));
    const unlock = await this.lock('setup', undefined);
    try {
      const files = this.composeUploads();
      await this.run(uploadStaged(files));
      // An empty .env (600): a compose file's env_file: .env must find it; values go to secrets.
      await this.run(commitAndRun(files.map((f) => f.path), ensureEnvFile(this.layout)));
      await this.login();
    } finally {
      await unlock();
    }
  }

  /** The address workers join (the manager's Swarm address) and a one-time worker token. */
  async joinDetails(): Promise<{ addr: string; token: string }> {
    const w = this.swarm ?? (await this.readSwarm());
    if (!w.addr) throw new OperationError(`${this.exec.name}: the manager reports no Swarm address`);
    const r = await this.run(sw.joinToken(this.layout));
    return { addr: w.addr.includes(':') && !w.addr.startsWith('[') ? `[${w.addr}]:2377` : `${w.addr}:2377`, token: r.stdout.trim() };
  }

  // ------------------------------------------------------------------ deploy / rollback

  override async release(tag: string, action: 'deploy' | 'rollback', observed = false): Promise<ReleaseOutcome> {
    const started = Date.now();
    const ref = this.ref(tag);
    const files: UploadFile[] = action === 'deploy' ? this.composeUploads() : [];
    this.say(`${action === 'deploy' ? 'uploading' : 'pinning'} ${tag}`);
    let secrets: Record<string, string> = {};
    let running: Record<string, string> = {};
    try {
      const [, , , old] = await Promise.all([
        observed ? undefined : this.observe(),
        this.readSwarm(),
        this.login(),
        this.exec.run({ argv: ['sh', '-c', 'cat -- "$1" 2>/dev/null || echo "{}"', 'sh', this.secretsPath], label: 'read the secrets record' }),
        files.length ? this.run(uploadStaged(files)) : undefined,
      ]);
      this.requireReady();
      running = parseSecrets(old?.stdout ?? '{}');
      secrets = action === 'deploy' ? await this.createSecrets() : running;
      // The manager pulls first: a tag that is not pushed, or a login that does not work, stops
      // here with the running release untouched (stack deploy would only warn).
      this.say(`pulling ${ref}`);
      await this.pull(dk.pullImage(this.layout, ref), tag);
    } catch (e) {
      await this.exec.run(discardStaged(files.map((f) => f.path))).catch(() => undefined);
      throw e;
    }
    const before = currentRelease(this.state!.history);
    this.say(`starting ${tag} (docker stack deploy)`);
    await this.run(uploadStaged([{ path: this.stackPath, content: this.stack(tag, secrets), mode: '644' }]));
    const deployed = await this.exec.run(commitAndRun([...files.map((f) => f.path), this.stackPath], this.stackDeployStep()));
    if (deployed.code !== 0) throw new OperationError(`${this.exec.name}: docker stack deploy failed: ${lastLines(deployed.stderr || deployed.stdout, 4)}`);

    const health = await this.waitStack(tag);
    const entry = (result: ReleaseResult, reason?: string, digest = health.digest): HistoryEntry => historyEntry(this.cfg, { action, tag, result, digest, reason });
    if (health.verdict.status === 'healthy') {
      this.say(`${tag} is healthy on the Swarm`);
      await this.run(writeFile(this.secretsPath, JSON.stringify(secrets) + '\n', '600', 'record the secrets'));
      await this.recordAndPrune([entry('healthy')]);
      if (action === 'deploy' && !this.dry) await this.exec.run(sw.pruneSecrets(this.layout, this.project, Object.values(secrets)));
      return { tag, ...(health.digest ? { digest: health.digest } : {}), result: 'healthy', seconds: (Date.now() - started) / 1000 };
    }

    const v = health.verdict;
    const why = v.status === 'waiting' ? `not healthy after ${this.cfg.healthTimeoutSec} s (${v.why})` : v.why;
    const logs = await this.failingLogs2(v);
    this.say(`${tag} failed: ${why}`);
    const failed = entry('unhealthy', why);
    if (!before || before.tag === tag) {
      await this.recordAndPrune([failed], false);
      throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy: ${why}; there is no earlier healthy release to go back to.${logs}`);
    }
    // Swarm may have rolled the service back already; either way the stack file must pin the
    // release that runs, or the next stack deploy would bring the bad one again.
    this.say(v.status === 'rolled-back' ? `Swarm rolled back; pinning ${before.tag} again` : `rolling back to ${before.tag}`);
    // The secrets the earlier release ran with: then Swarm's own rollback and this pin agree, and nothing restarts.
    const back = await this.restoreStack(before.tag, running);
    await this.recordAndPrune([failed, back], false);
    if (back.result !== 'healthy') {
      throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy (${why}), and ${before.tag} is not healthy either (${back.reason}).${logs}`);
    }
    throw new ReleaseFailed(`${this.exec.name}: ${tag} is not healthy: ${why}. Rolled back to ${before.tag}, which is healthy again.${logs}`);
  }

  stack(tag: string, secrets: Record<string, string>): string {
    return stackFile({
      services: this.cfg.services,
      ref: this.ref(tag),
      tag,
      facts: readStackFacts(this.cfg.composeLocal.map((file, i) => ({ file, text: this.cfg.composeTexts[i]! }))),
      monitorSec: this.cfg.swarm?.monitorSec ?? 10,
      secrets,
    });
  }

  stackDeployStep(): Step {
    return sw.stackDeploy(this.layout, this.project, [...this.layout.composeFiles, this.stackPath]);
  }

  /** Each deploy.env value becomes a new Docker secret (names are unique per deploy: secrets cannot change). */
  async createSecrets(): Promise<Record<string, string>> {
    if (!this.env.length) return {};
    const stamp = Date.now().toString(36);
    const named: [string, Arg][] = this.env.map(([k, v]) => [`${this.project}_${k.toLowerCase()}_${stamp}`, v]);
    const r = await this.exec.run(sw.createSecrets(this.layout, this.project, named));
    if (r.code !== 0) throw new OperationError(`${this.exec.name}: could not create the Docker secrets: ${lastLines(r.stderr, 2)}`);
    return Object.fromEntries(this.env.map(([k], i) => [k, named[i]![0]]));
  }

  async restoreStack(tag: string, secrets: Record<string, string>): Promise<HistoryEntry> {
    await this.run(writeFile(this.stackPath, this.stack(tag, secrets), '644', `pin ${tag}`));
    await this.run(this.stackDeployStep());
    const h = await this.waitStack(tag);
    const ok = h.verdict.status === 'healthy';
    this.say(ok ? `${tag} is healthy again` : `${tag} is not healthy either`);
    const reason = ok ? undefined : h.verdict.status === 'waiting' ? `not healthy after ${this.cfg.healthTimeoutSec} s` : 'why' in h.verdict ? h.verdict.why : undefined;
    return historyEntry(this.cfg, { action: 'auto-rollback', tag, result: ok ? 'healthy' : 'unhealthy', digest: h.digest, reason });
  }

  async waitStack(tag: string): Promise<{ verdict: SwarmVerdict; digest?: string; tasks: TaskView[] }> {
    const ref = this.ref(tag);
    const expected = new Map(this.cfg.services.map((s) => [s, ref]));
    const deadline = Date.now() + this.cfg.healthTimeoutSec * 1000;
    let last = '';
    for (;;) {
      const r = await this.run(sw.pollStack(this.layout, this.project));
      if (this.dry) return { verdict: { status: 'healthy' }, tasks: [] };
      const { services, tasks } = sw.splitPollStack(r.stdout);
      const sv = parseServices(services);
      const tv = parseTasks(tasks);
      const verdict = judgeStack(this.project, sv, tv, expected, this.cfg.allServices);
      const app = sv.find((s) => s.name === `${this.project}_${this.cfg.services[0]}` && runsRef(s.image, ref));
      const digest = app ? digestOf(app.image) : undefined;
      if (verdict.status !== 'waiting' || Date.now() >= deadline) return { verdict, ...(digest ? { digest } : {}), tasks: tv };
      if (verdict.why !== last) this.say(`waiting: ${verdict.why}`);
      last = verdict.why;
      await new Promise((res) => setTimeout(res, Math.min(500, Math.max(0, deadline - Date.now()))));
    }
  }

  /** The failing service's last log lines (docker service logs), for the error. */
  async failingLogs2(v: SwarmVerdict): Promise<string> {
    if (this.dry || v.status === 'healthy' || v.status === 'waiting') return '';
    const r = await this.exec.run(sw.serviceLogs(this.layout, `${this.project}_${v.service}`, { tail: 20 }));
    const text = `${r.stdout}${r.stderr}`.trimEnd();
    return `\nlast log lines of ${v.service}:\n${text ? text.split('\n').slice(-20).map((l) => `  ${l}`).join('\n') : '  (none)'}`;
  }
}

function parseSecrets(text: string): Record<string, string> {
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as Record<string, string>;
  } catch {}
  return {};
}
