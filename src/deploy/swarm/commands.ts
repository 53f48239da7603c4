// Docker Swarm on the manager, as argv (pure). Like ../commands/docker.ts, every docker call
// runs with the app's own DOCKER_CONFIG, so --with-registry-auth hands the nodes this app's
// registry login and nobody else's. Scripts are constants; names arrive as "$1"….

import type { Arg, Step } from '../../exec/index.js';
import { isSensitive, sensitive } from '../../exec/index.js';
import type { RemoteLayout } from '../layout.js';

function docker(l: RemoteLayout, argv: Arg[], label?: string): Step {
  return { argv, env: { DOCKER_CONFIG: l.dockerConfig }, label };
}

/** This engine's place in a Swarm: "<LocalNodeState> <ControlAvailable> <NodeID> <NodeAddr>". */
export function swarmInfo(l: RemoteLayout): Step {
  return docker(l, ['docker', 'info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.NodeID}} {{.Swarm.NodeAddr}}'], 'check the swarm');
}

export interface SwarmState {
  state: 'inactive' | 'pending' | 'active' | 'error' | 'locked' | 'unknown';
  manager: boolean;
  nodeId?: string;
  addr?: string;
}

export function parseSwarmInfo(stdout: string): SwarmState {
  const [state = 'unknown', control, nodeId, addr] = stdout.trim().split(/\s+/);
  const known = ['inactive', 'pending', 'active', 'error', 'locked'];
  return {
    state: (known.includes(state) ? state : 'unknown') as SwarmState['state'],
    manager: control === 'true',
    ...(nodeId ? { nodeId } : {}),
    ...(addr ? { addr } : {}),
  };
}

export function swarmInit(l: RemoteLayout, advertiseAddr?: string): Step {
  return docker(l, ['docker', 'swarm', 'init', ...(advertiseAddr ? ['--advertise-addr', advertiseAddr] : [])], 'docker swarm init');
}

/** The worker join token (a secret: it lets any machine join). */
export function joinToken(l: RemoteLayout): Step {
  return docker(l, ['docker', 'swarm', 'join-token', '--quiet', 'worker'], 'read the worker join token');
}

// The token travels on stdin (never in ssh's command line, logs or a dry run). `docker swarm
// join` only takes it as a flag, so it is in that one process's argv on the worker for the
// second the join takes; setup rotates the worker token right after, so it cannot be reused.
const JOIN = 'IFS= read -r token || exit 1; exec docker swarm join --token "$token" "$@"';

export function swarmJoin(managerAddr: string, token: Arg, advertiseAddr?: string): Step {
  return {
    argv: ['sh', '-c', JOIN, 'sh', ...(advertiseAddr ? ['--advertise-addr', advertiseAddr] : []), '--', managerAddr],
    stdin: sensitive(`${isSensitive(token) ? token.reveal() : token}\n`),
    label: `docker swarm join ${managerAddr}`,
  };
}

/** `docker stack deploy` of the user's files + slipway's stack file; --prune removes services no longer in them. */
export function stackDeploy(l: RemoteLayout, project: string, files: string[]): Step {
  return docker(l, ['docker', 'stack', 'deploy', '--with-registry-auth', '--prune', ...files.flatMap((f) => ['-c', f]), '--', project], 'docker stack deploy');
}

// Creates one secret per (name, base64 line on stdin): the value goes from stdin through
// base64 -d straight into `docker secret create NAME -`, never into an argument.
const SECRETS = [
  'app=$1; shift',
  'while [ $# -gt 0 ]; do',
  '  IFS= read -r b64 || exit 1',
  '  printf "%s" "$b64" | base64 -d | docker secret create --label "com.slipway.app=$app" -- "$1" - >/dev/null || exit 1',
  '  shift',
  'done',
].join('\n');

export function createSecrets(l: RemoteLayout, project: string, secrets: [string, Arg][]): Step {
  const text = secrets.map(([, v]) => Buffer.from(isSensitive(v) ? v.reveal() : String(v), 'utf8').toString('base64') + '\n').join('');
  return { ...docker(l, ['sh', '-c', SECRETS, 'sh', project, ...secrets.map(([name]) => name)], `create ${secrets.length} secret(s)`), stdin: sensitive(text) };
}

/** Removes this app's secrets that no service uses any more (docker refuses to remove one in use). */
const PRUNE_SECRETS = [
  'for s in $(docker secret ls -q --filter "label=com.slipway.app=$1"); do',
  '  n=$(docker secret inspect --format "{{.Spec.Name}}" "$s") || continue',
  '  keep=no; for k in "$@"; do [ "$k" = "$n" ] && keep=yes; done',
  '  [ $keep = yes ] || docker secret rm "$s" >/dev/null 2>&1 || true',
  'done',
].join('\n');

export function pruneSecrets(l: RemoteLayout, project: string, keep: string[]): Step {
  return docker(l, ['sh', '-c', PRUNE_SECRETS, 'sh', project, ...keep], 'remove unused secrets');
}

// Line 1..: `docker service inspect` of the stack's services (JSON array); then "---tasks" and
// `docker inspect` of its tasks (JSON array). One round trip per poll.
const POLL = [
  'svcs=$(docker service ls -q --filter "label=com.docker.stack.namespace=$1") || exit 1',
  // $svcs and $tasks unquoted on purpose: ids (letters and digits) split into words.
  'if [ -n "$svcs" ]; then docker service inspect $svcs; else echo "[]"; fi',
  'echo ---tasks',
  'tasks=$(docker stack ps -q --no-trunc "$1" 2>/dev/null)',
  'if [ -n "$tasks" ]; then docker inspect --type task $tasks; else echo "[]"; fi',
].join('\n');

export function pollStack(l: RemoteLayout, project: string): Step {
  return docker(l, ['sh', '-c', POLL, 'sh', project], 'check the services');
}

export function splitPollStack(stdout: string): { services: string; tasks: string } {
  const at = stdout.indexOf('---tasks\n');
  return at < 0 ? { services: stdout, tasks: '[]' } : { services: stdout.slice(0, at), tasks: stdout.slice(at + '---tasks\n'.length) };
}

export function serviceLogs(l: RemoteLayout, service: string, o: { follow?: boolean; tail?: number; since?: string; timestamps?: boolean } = {}): Step {
  const args: Arg[] = ['docker', 'service', 'logs', '--no-task-ids'];
  if (o.follow) args.push('--follow');
  if (o.timestamps) args.push('--timestamps');
  if (o.tail !== undefined) args.push('--tail', String(o.tail));
  if (o.since) args.push('--since', o.since);
  args.push('--', service);
  return docker(l, args, `logs of ${service}`);
}

/** The stack's service names (full: <project>_<service>), one a line. */
export function stackServices(l: RemoteLayout, project: string): Step {
  return docker(l, ['docker', 'service', 'ls', '--format', '{{.Name}}', '--filter', `label=com.docker.stack.namespace=${project}`], 'list the services');
}

export function rotateJoinToken(l: RemoteLayout): Step {
  return docker(l, ['docker', 'swarm', 'join-token', '--rotate', '--quiet', 'worker'], 'rotate the worker join token');
}

/** The nodes of the Swarm (manager only), one JSON object a line. */
export function listNodes(l: RemoteLayout): Step {
  return docker(l, ['docker', 'node', 'ls', '--format', '{{json .}}'], 'list the nodes');
}
