// The throwaway "server" app most deploy end-to-end tests start from: a temp folder with an empty
// project, a unique name, the test app's tags pushed under <registry>/<name>/app, a free port for
// the app to publish, an ssh_config for the loopback sshd and the registry login in the environment.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, freePort, writeSshConfig, type AppTag } from './deploy-env.js';
import { docker, registry, requireEngine, ssh, uniqueName } from './env.js';

export interface DeployFixture {
  /** The temp folder that holds everything below (removed by `removeDeployFixture`). */
  base: string;
  /** `base/project`: empty; the test writes its compose file and .slipway.yaml there. */
  project: string;
  /** Unique, `[a-z0-9-]`: the compose project on the server and the repository's folder. */
  name: string;
  /** `base/srv/<name>`: the app's folder on the server (the server is this machine over SSH). */
  serverDir: string;
  /** `<registry>/<name>/app`, with every tag of `tags` pushed. */
  repo: string;
  /** A free loopback port for the compose file to publish. */
  port: number;
  sshConfig: string;
  /** process.env plus the registry login slipway reads. */
  env: NodeJS.ProcessEnv;
}

export async function deployFixture(label: string, tags: AppTag[]): Promise<DeployFixture> {
  await requireEngine();
  const base = await mkdtemp(join(tmpdir(), `${label}-`));
  const project = join(base, 'project');
  await mkdir(project, { recursive: true });
  const name = uniqueName(label).replace(/[^a-z0-9-]/g, '');
  const reg = registry();
  const repo = `${reg.host}/${name}/app`;
  const port = await freePort();
  await buildApp(repo, tags, join(base, 'docker-config'));
  return {
    base,
    project,
    name,
    serverDir: join(base, 'srv', name),
    repo,
    port,
    sshConfig: writeSshConfig(base),
    env: { ...process.env, SLIPWAY_REGISTRY_USER: reg.user, SLIPWAY_REGISTRY_PASSWORD: reg.password },
  };
}

/**
 * Takes the app down on the server, removes its images and the temp folder. Only the server's
 * docker-compose.yml is read (an override a test left broken cannot stop the clean-up); services
 * slipway added in the override, such as the zero-downtime proxy, go as orphans.
 */
export async function removeDeployFixture(fx: DeployFixture | undefined): Promise<void> {
  if (!fx) return;
  const down = 'cd "$1" && docker-compose -p "$2" -f docker-compose.yml down --volumes --remove-orphans';
  await ssh(['sh', '-c', down, 'sh', fx.serverDir, fx.name]).catch(() => undefined);
  const imgs = (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', fx.repo])).stdout.split('\n').filter(Boolean);
  if (imgs.length) await docker(['image', 'rm', '-f', ...imgs]);
  await rm(fx.base, { recursive: true, force: true });
}
