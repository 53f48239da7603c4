// Is a release up? From `docker inspect` of the project's containers (pure). A service with a
// health check must be healthy, or still "starting" for Docker while its own check, run by
// slipway, passed (commands/probe.ts); one without must be running and not restarting. An
// unhealthy or exited container fails at once (as `compose up --wait` does), and so does one its
// restart policy brought back during the release (it exited, and running again it may pass its
// check); anything else waits.

export interface ContainerView {
  id: string;
  name: string;
  service: string;
  image: string;
  state: string;
  health?: string;
  startedAt?: string;
  /** When Docker created it (RFC 3339, the server's clock). */
  created?: string;
  restartCount: number;
  exitCode?: number;
  /** The last health check's output, trimmed. */
  lastCheck?: string;
  /** slipway ran the container's own health check itself and it passed (commands/probe.ts). */
  probed?: boolean;
}

export function parseInspect(json: string): ContainerView[] {
  let arr: any[];
  try {
    arr = JSON.parse(json || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(arr)) return [];
  return arr.map((c) => {
    const log: any[] = c?.State?.Health?.Log ?? [];
    const last = log[log.length - 1];
    return {
      id: String(c.Id ?? ''),
      name: String(c.Name ?? '').replace(/^\//, ''),
      service: String(c.Config?.Labels?.['com.docker.compose.service'] ?? ''),
      image: String(c.Config?.Image ?? ''),
      state: String(c.State?.Status ?? 'unknown'),
      ...(c.State?.Health?.Status ? { health: String(c.State.Health.Status) } : {}),
      ...(c.State?.StartedAt ? { startedAt: String(c.State.StartedAt) } : {}),
      ...(c.Created ? { created: String(c.Created) } : {}),
      restartCount: Number(c.RestartCount ?? 0),
      ...(typeof c.State?.ExitCode === 'number' ? { exitCode: c.State.ExitCode } : {}),
      ...(last?.Output ? { lastCheck: String(last.Output).trim().slice(-500) } : {}),
    };
  });
}

export type Verdict =
  | { status: 'healthy' }
  | { status: 'waiting'; why: string }
  | { status: 'failed'; service: string; container?: ContainerView; why: string };

/** How many times a container was restarted since the release started. */
export type Restarts = (c: ContainerView) => number;

/**
 * Restarts since a release that started at `since` (ms, the server's clock, as Docker's `Created`;
 * null: unknown). A container created since then is the release's and started at 0 restarts; one
 * compose kept from before counts from the restart count first seen. Remembers what it has seen.
 */
export function restartsSince(since: number | null): Restarts {
  const before = new Map<string, number>();
  return (c) => {
    if (!before.has(c.id)) before.set(c.id, since !== null && c.created !== undefined && Date.parse(c.created) >= since ? 0 : c.restartCount);
    return c.restartCount - before.get(c.id)!;
  };
}

export interface JudgeOptions {
  now?: number;
  /** How long a service without a health check must have been running. */
  minUptimeMs?: number;
  /** Restarts during the release (none counted when absent). */
  restarts?: Restarts;
}

/**
 * `expected`: each app service and the image it must run (the release); other services of the
 * project only need to be up. Containers of a one-off `run` are ignored.
 */
export function judge(containers: ContainerView[], expected: Map<string, string>, allServices: string[], { now = Date.now(), minUptimeMs = 1000, restarts }: JudgeOptions = {}): Verdict {
  const byService = new Map<string, ContainerView[]>();
  for (const c of containers) {
    if (!c.service) continue;
    byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
  }
  const waiting: string[] = [];
  for (const service of allServices) {
    const want = expected.get(service);
    const all = byService.get(service) ?? [];
    const current = want ? all.filter((c) => c.image === want) : all;
    if (current.length === 0) {
      waiting.push(`${service}: no container${want ? ` of ${want}` : ''} yet`);
      continue;
    }
    for (const c of current) {
      // First: the exit is the cause, and Docker may call the container unhealthy while it restarts.
      const restarted = restarts?.(c) ?? 0;
      if (restarted > 0) {
        const times = restarted === 1 ? 'once' : `${restarted} times`;
        return { status: 'failed', service, container: c, why: `${service} exited and its restart policy started it again (${times}) during the release` };
      }
      if (c.health === 'unhealthy') return { status: 'failed', service, container: c, why: `${service} is unhealthy${c.lastCheck ? ` (last check: ${c.lastCheck})` : ''}` };
      if (c.state === 'exited' || c.state === 'dead') {
        return { status: 'failed', service, container: c, why: `${service} exited${c.exitCode !== undefined ? ` with code ${c.exitCode}` : ''}` };
      }

      if (c.state !== 'running') waiting.push(`${service}: ${c.state}`);
      else if (c.health && c.health !== 'healthy' && !(c.health === 'starting' && c.probed)) waiting.push(`${service}: ${c.health}`);
      // Without a health check, "running" must last a moment: a crashing app is running for a blink.
      else if (!c.health && c.startedAt && now - Date.parse(c.startedAt) < minUptimeMs) waiting.push(`${service}: just started`);
    }
  }
  return waiting.length ? { status: 'waiting', why: waiting.join(', ') } : { status: 'healthy' };
}
