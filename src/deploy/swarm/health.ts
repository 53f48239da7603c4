// Is a release up on the Swarm? From `docker service inspect` and `docker inspect --type task`
// of the stack (pure). Swarm reports a task "running" only once its health check passes, and
// keeps UpdateStatus "updating" through each task's monitor window, so: a service is healthy
// when every task it wants runs the image of its spec, no older task is still wanted, and no
// update or rollback is in progress. A rollback Swarm made by itself (failure_action: rollback)
// is reported as such.

export interface ServiceView {
  id: string;
  /** Full name: <stack>_<service>. */
  name: string;
  image: string;
  /** Replicated: the number of tasks; global: undefined. */
  replicas?: number;
  update?: { state: string; message?: string };
  previousImage?: string;
}

export interface TaskView {
  id: string;
  serviceId: string;
  nodeId: string;
  slot?: number;
  desired: string;
  state: string;
  image: string;
  err?: string;
  exitCode?: number;
  containerId?: string;
  timestamp?: string;
}

function parseArray(json: string): any[] {
  try {
    const v = JSON.parse(json || '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function parseServices(json: string): ServiceView[] {
  return parseArray(json).map((s) => ({
    id: String(s?.ID ?? ''),
    name: String(s?.Spec?.Name ?? ''),
    image: String(s?.Spec?.TaskTemplate?.ContainerSpec?.Image ?? ''),
    ...(typeof s?.Spec?.Mode?.Replicated?.Replicas === 'number' ? { replicas: s.Spec.Mode.Replicated.Replicas } : {}),
    ...(s?.UpdateStatus?.State ? { update: { state: String(s.UpdateStatus.State), ...(s.UpdateStatus.Message ? { message: String(s.UpdateStatus.Message) } : {}) } } : {}),
    ...(s?.PreviousSpec?.TaskTemplate?.ContainerSpec?.Image ? { previousImage: String(s.PreviousSpec.TaskTemplate.ContainerSpec.Image) } : {}),
  }));
}

export function parseTasks(json: string): TaskView[] {
  return parseArray(json).map((t) => ({
    id: String(t?.ID ?? ''),
    serviceId: String(t?.ServiceID ?? ''),
    nodeId: String(t?.NodeID ?? ''),
    ...(typeof t?.Slot === 'number' ? { slot: t.Slot } : {}),
    desired: String(t?.DesiredState ?? ''),
    state: String(t?.Status?.State ?? ''),
    image: String(t?.Spec?.ContainerSpec?.Image ?? ''),
    ...(t?.Status?.Err ? { err: String(t.Status.Err) } : {}),
    ...(typeof t?.Status?.ContainerStatus?.ExitCode === 'number' ? { exitCode: t.Status.ContainerStatus.ExitCode } : {}),
    ...(t?.Status?.ContainerStatus?.ContainerID ? { containerId: String(t.Status.ContainerStatus.ContainerID) } : {}),
    ...(t?.Status?.Timestamp ? { timestamp: String(t.Status.Timestamp) } : {}),
  }));
}

/** `repo:tag` or `repo:tag@sha256:…` (stack deploy pins the digest) is the release `ref`. */
export function runsRef(image: string, ref: string): boolean {
  return image === ref || image.startsWith(`${ref}@`);
}

export function digestOf(image: string): string | undefined {
  const at = image.indexOf('@');
  return at < 0 ? undefined : image.slice(at + 1);
}

export type SwarmVerdict =
  | { status: 'healthy' }
  | { status: 'waiting'; why: string }
  /** Swarm rolled the update back by itself (failure_action: rollback). */
  | { status: 'rolled-back'; service: string; task?: TaskView; why: string }
  | { status: 'failed'; service: string; task?: TaskView; why: string };

const FAILED = new Set(['failed', 'rejected', 'orphaned']);

/**
 * `expected`: each app service (short name) and the release ref it must run; the stack's other
 * services only need to be up. `project` is the stack name (services are <project>_<name>).
 */
export function judgeStack(project: string, services: ServiceView[], tasks: TaskView[], expected: Map<string, string>, allServices: string[]): SwarmVerdict {
  const waiting: string[] = [];
  for (const short of allServices) {
    const s = services.find((x) => x.name === `${project}_${short}`);
    if (!s) {
      waiting.push(`${short}: no service yet`);
      continue;
    }
    const want = expected.get(short);
    const state = s.update?.state;
    if (want && !runsRef(s.image, want)) {
      if (state === 'rollback_completed') {
        // After a rollback the spec is the old one again, and PreviousSpec the release that failed.
        const bad = tasks.filter((t) => t.serviceId === s.id && t.image === s.previousImage && FAILED.has(t.state)).pop();
        const what = bad ? `a task of it ${bad.state}${bad.err ? `: ${bad.err}` : ''}` : 'a task of it failed';
        return { status: 'rolled-back', service: short, why: `${short}: ${what}, and Swarm rolled the update back`, ...(bad ? { task: bad } : {}) };
      }
      if (state === 'rollback_started') {
        waiting.push(`${short}: Swarm is rolling the update back (${s.update?.message ?? ''})`);
        continue;
      }
      if (state === 'rollback_paused') return { status: 'failed', service: short, why: `${short}: Swarm's rollback is paused: ${s.update?.message ?? ''}` };
      waiting.push(`${short}: the service does not run ${want} yet`);
      continue;
    }
    if (state === 'paused') return { status: 'failed', service: short, why: `${short}: the update is paused: ${s.update?.message ?? ''}` };
    const mine = tasks.filter((t) => t.serviceId === s.id);
    const wanted = mine.filter((t) => t.desired === 'running');
    const current = wanted.filter((t) => t.image === s.image);
    const running = current.filter((t) => t.state === 'running');
    const older = wanted.filter((t) => t.image !== s.image);
    if (state === 'updating' || state === 'rollback_started') {
      waiting.push(`${short}: ${state === 'updating' ? 'updating' : 'rolling back'} (${running.length}${s.replicas !== undefined ? `/${s.replicas}` : ''} running)`);
      continue;
    }
    // No update in progress (a first deploy, or Swarm has not started it yet): a task of this
    // image that failed while none runs fails the release at once, as compose's gate does.
    const failed = mine.filter((t) => t.image === s.image && FAILED.has(t.state));
    if (failed.length && running.length === 0) {
      const t = failed[failed.length - 1]!;
      return { status: 'failed', service: short, task: t, why: `${short}: a task ${t.state}${t.err ? `: ${t.err}` : ''}${t.exitCode !== undefined && t.exitCode !== 0 ? ` (exit ${t.exitCode})` : ''}` };
    }
    const need = s.replicas ?? Math.max(1, current.length);
    if (running.length < need) waiting.push(`${short}: ${running.length}/${need} running${current.length > running.length ? ` (${[...new Set(current.filter((t) => t.state !== 'running').map((t) => t.state))].join(', ')})` : ''}`);
    else if (older.length) waiting.push(`${short}: ${older.length} older task(s) still running`);
  }
  return waiting.length ? { status: 'waiting', why: waiting.join(', ') } : { status: 'healthy' };
}
