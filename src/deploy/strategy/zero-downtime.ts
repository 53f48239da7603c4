// strategy: zero-downtime on one server, the approach of kamal-proxy and docker-rollout: the new
// release starts NEXT TO the running one (compose --scale N+1 --no-recreate), must pass its
// health check, then the proxy (Caddy, in front of every published port) is switched to it and
// the old containers are drained and stopped. A release that never gets healthy is removed
// before anything was switched: the old one never stopped serving.

import { historyEntry, type HistoryEntry, type ReleaseResult } from '../commands/history.js';
import { commitAndRun, poll, ReleaseWatch, splitPoll, watchRelease } from '../commands/release.js';
import { drainContainers, ensureImage, removeContainers, scaleUp, upOnly, writeProxyConfig } from '../commands/rollout.js';
import { writeFile } from '../commands/files.js';
import type { DeployConfig } from '../config.js';
import { type ContainerView, judge, parseInspect, type Verdict } from '../health.js';
import { overrideFile } from '../override.js';
import { caddyConfig, DRAIN_SECONDS, HANDOVER_SYSCTL, PROXY_LABEL, proxyService } from '../proxy/caddy.js';
import { PROXY_SERVICE } from '../proxy/compose.js';
import { StepFailed } from '../../exec/index.js';
import { ReleaseFailed, type ReleaseOutcome, type RemoteApp } from '../app.js';

/** The pin of a release, with the proxy service when the app publishes ports. */
export function releaseOverride(cfg: DeployConfig, ref: string, tag: string, handOver: boolean): string {
  const p = cfg.proxy;
  const extra = p && p.routes.length ? { [PROXY_SERVICE]: proxyService(cfg.proxyImage, p.ports, p.networks, handOver) } : {};
  return overrideFile(cfg.services, ref, tag, extra);
}

export interface Switch {
  tag: string;
  action: 'deploy' | 'rollback';
  /** Staged files (compose, .env, override) to put in place as the new containers start. */
  paths: string[];
  started: number;
  /** The release running now (the history's current healthy one), if any. */
  before?: string;
}

export async function zeroDowntimeRelease(app: RemoteApp, s: Switch): Promise<ReleaseOutcome> {
  const { cfg, layout } = app;
  const ref = app.ref(s.tag);
  const proxied = (cfg.proxy?.routes.length ?? 0) > 0;

  const [now] = await Promise.all([look(app, ref), proxied ? app.run(ensureImage(layout, cfg.proxyImage)) : undefined]);
  const old = now.containers.filter((c) => cfg.services.includes(c.service));
  const proxy = now.proxy;
  const proxyRunning = proxy?.state === 'running';
  // The same proxy definition runs already: a reload switches it; otherwise `compose up` (re)creates it.
  const handOver = app.state!.handOver;
  const proxyCurrent = proxyRunning && proxy.label === proxyLabel(cfg, handOver);
  const oldIds = new Set(old.map((c) => c.id));
  const counts = cfg.services.map((svc): [string, number] => [svc, old.filter((c) => c.service === svc).length + 1]);
  const others = cfg.allServices.filter((svc) => !cfg.services.includes(svc));

  const entry = (result: ReleaseResult, digest?: string, reason?: string): HistoryEntry => historyEntry(cfg, { action: s.action, tag: s.tag, result, digest, reason });
  /** Removes what this release started, pins what still runs again, records it, and throws. */
  const giveUp = async (result: ReleaseResult, why: string, fresh: ContainerView[], logs = '', digest?: string): Promise<never> => {
    app.say(`${s.tag} failed: ${why}`);
    if (fresh.length) await app.exec.run(removeContainers(layout, fresh.map((c) => c.id), `remove the new ${s.tag} containers`));
    // The pin goes back to what still runs, so a hand-run `docker compose up -d` keeps it.
    if (s.before) await app.exec.run(writeFile(layout.override, releaseOverride(cfg, app.ref(s.before), s.before, handOver), '644', `pin ${s.before} again`));
    await app.recordAndPrune([entry(result, digest, why)], false);
    const kept = s.before ? `Nothing was switched: ${s.before} kept serving.` : 'There was no earlier release running.';
    throw new ReleaseFailed(`${app.exec.name}: ${s.tag} ${result === 'unhealthy' ? 'is not healthy' : 'failed'}: ${why}. ${kept}${logs}`);
  };
  const started = async () => (await look(app, ref)).containers.filter((c) => cfg.services.includes(c.service) && !oldIds.has(c.id));

  app.say(`starting ${s.tag} next to the running release`);
  app.state!.override = true;
  const t = app.target();
  try {
    if (others.length) {
      await app.run(commitAndRun(s.paths, upOnly(t, others, 'start the other services')));
      await app.run(scaleUp(t, counts));
    } else {
      await app.run(commitAndRun(s.paths, scaleUp(t, counts)));
    }
  } catch (e) {
    if (!(e instanceof StepFailed)) throw e;
    await giveUp('failed', `could not start it: ${e.message.split('\n').slice(0, 4).join(' ')}`, await started());
  }

  const health = await waitForNew(app, ref, oldIds);
  const fresh = health.fresh;
  if (health.verdict.status !== 'healthy') {
    const v = health.verdict;
    const why = v.status === 'failed' ? v.why : `not healthy after ${cfg.healthTimeoutSec} s (${v.why})`;
    const logs = await app.failingLogs(v.status === 'failed' ? v.container : undefined, fresh);
    await giveUp('unhealthy', why, fresh, logs, health.digest);
  }

  if (proxied) {
    const dialing = (list: ContainerView[]) =>
      caddyConfig(cfg.proxy!.routes.map((r) => ({ port: r.port, dial: `${list.find((c) => c.service === r.service)?.name ?? `<new ${r.service} container>`}:${r.port}` })));
    try {
      if (proxyCurrent) {
        app.say(`switching the proxy to ${s.tag}`);
        if (!handOver) app.say(`this server's kernel has no ${HANDOVER_SYSCTL} (Linux 5.14+): a connection arriving during the switch may be reset`);
        await app.run(writeProxyConfig(layout, dialing(fresh), proxy.id));
      } else {
        await app.run(writeProxyConfig(layout, dialing(fresh)));
        if (!proxyRunning && old.length) {
          // The first zero-downtime release: the old containers still publish the ports the proxy takes over.
          app.say('moving the published ports from the app to the proxy (a short gap, this once)');
          await app.run(removeContainers(layout, [...oldIds], 'stop the old containers'));
          oldIds.clear();
        }
        app.say(proxyRunning ? `recreating the proxy (its definition changed: image, ports or kernel settings; a short gap) for ${s.tag}` : `starting the proxy for ${s.tag}`);
        await app.run(upOnly(t, [PROXY_SERVICE], 'start the proxy'));
      }
    } catch (e) {
      if (!(e instanceof StepFailed) || !oldIds.size) throw e;
      // Caddy keeps its running config when a reload fails; the file must say the same again.
      await app.exec.run(writeProxyConfig(layout, dialing(old)));
      await giveUp('failed', `the proxy could not be switched: ${e.message.split('\n').slice(0, 4).join(' ')}`, fresh, '', health.digest);
    }
  }
  const draining = old.filter((c) => oldIds.has(c.id) && proxiedServices(cfg).has(c.service));
  if (draining.length) {
    const ports = [...new Set(cfg.proxy!.routes.map((r) => r.port))];
    const r = await app.run(drainContainers(layout, draining.map((c) => c.id), ports, DRAIN_SECONDS));
    if (r.stderr.trim()) app.say(r.stderr.trim());
  }
  if (oldIds.size) {
    app.say('stopping the old containers');
    await app.run(removeContainers(layout, [...oldIds], 'stop the old containers'));
  }
  app.say(`${s.tag} is healthy`);
  await app.recordAndPrune([entry('healthy', health.digest)]);
  return { tag: s.tag, ...(health.digest ? { digest: health.digest } : {}), result: 'healthy', seconds: (Date.now() - s.started) / 1000 };
}

interface ProxyContainer {
  id: string;
  state: string;
  label?: string;
}

async function look(app: RemoteApp, ref: string): Promise<{ digest?: string; containers: ContainerView[]; proxy?: ProxyContainer }> {
  const r = await app.run(poll(app.layout, app.project, ref));
  const { digest, inspect } = splitPoll(r.stdout, app.cfg.image);
  if (app.dry) return { containers: [] };
  const containers = parseInspect(inspect);
  const found = containers.find((c) => c.service === PROXY_SERVICE && c.state === 'running') ?? containers.find((c) => c.service === PROXY_SERVICE);
  const label = found ? proxyLabels(inspect).get(found.id) : undefined;
  return { ...(digest ? { digest } : {}), containers, ...(found ? { proxy: { id: found.id, state: found.state, ...(label ? { label } : {}) } } : {}) };
}

/** The proxy label of each container in a `docker inspect` answer. */
function proxyLabels(inspect: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    for (const c of JSON.parse(inspect) as any[]) {
      const v = c?.Config?.Labels?.[PROXY_LABEL];
      if (typeof v === 'string') out.set(String(c.Id), v);
    }
  } catch {}
  return out;
}

function proxyLabel(cfg: DeployConfig, handOver: boolean): string | undefined {
  const p = cfg.proxy!;
  return (proxyService(cfg.proxyImage, p.ports, p.networks, handOver).labels as Record<string, string>)[PROXY_LABEL];
}

/**
 * Waits until the new containers (those not in `oldIds`) are healthy. An app service with
 * published ports must have a health check: traffic is switched only to a container that passed it
 * (its own check, run by slipway as soon as it runs, or Docker's). One remote shell reports the
 * containers every 0.2 s (watchRelease); slipway judges each report and hangs up once it knows.
 */
async function waitForNew(app: RemoteApp, ref: string, oldIds: Set<string>): Promise<{ verdict: Verdict; digest?: string; fresh: ContainerView[] }> {
  const { cfg } = app;
  const expected = new Map(cfg.services.map((svc) => [svc, ref]));
  const proxied = proxiedServices(cfg);
  const deadline = Date.now() + cfg.healthTimeoutSec * 1000;
  const watch = new ReleaseWatch(cfg.image);
  const hangUp = new AbortController();
  let last = '';
  let seen: { verdict: Verdict; digest?: string; fresh: ContainerView[] } | undefined;
  let decided = false;
  const step = watchRelease(app.layout, app.project, ref, cfg.healthTimeoutSec + 5);
  const r = await app.exec.run(step, {
    signal: hangUp.signal,
    onLine: (stream, text) => {
      if (stream !== 'stdout' || decided) return;
      const frame = watch.line(text);
      if (frame === undefined) return;
      const containers = parseInspect(frame.inspect).map((c) => (frame.probed.has(c.id) ? { ...c, probed: true } : c));
      const fresh = containers.filter((c) => cfg.services.includes(c.service) && !oldIds.has(c.id));
      const blind = fresh.find((c) => proxied.has(c.service) && c.state === 'running' && !c.health);
      const verdict: Verdict = blind
        ? {
            status: 'failed',
            service: blind.service,
            container: blind,
            why: `${blind.service} has no health check; zero-downtime sends traffic to a new container only once its health check passes: add HEALTHCHECK to the Dockerfile or healthcheck: to the service`,
          }
        : judge(fresh, expected, cfg.services, { restarts: (c) => c.restartCount }); // every fresh container is the release's: any restart is
      seen = { verdict, ...(watch.digest ? { digest: watch.digest } : {}), fresh };
      if (verdict.status !== 'waiting' || Date.now() >= deadline) {
        decided = true;
        hangUp.abort();
        return;
      }
      if (verdict.why !== last) app.say(`waiting: ${verdict.why}`);
      last = verdict.why;
    },
  });
  if (app.dry) return { verdict: { status: 'healthy' }, fresh: [] };
  if (decided) return seen!;
  if (r.code !== 0 || !seen) throw new StepFailed(step, r, app.exec.name);
  return seen; // the script's own time ran out: still waiting, so not healthy in time
}

function proxiedServices(cfg: DeployConfig): Set<string> {
  return new Set(cfg.proxy?.routes.map((r) => r.service));
}
