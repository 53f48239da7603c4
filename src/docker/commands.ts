// Pure builders of docker commands: each returns a Step (argv, stdin, env), run later by an
// executor. Nothing here runs anything, so tests assert the exact commands without a daemon.
// A password only ever travels as a Sensitive on stdin (`docker login --password-stdin`).

import type { Sensitive } from '../exec/sensitive.js';
import type { Step } from '../exec/step.js';

/** How an image gets built: the buildx plugin, BuildKit built into an older client, or the classic builder. */
export type BuilderKind = 'buildx' | 'buildkit' | 'classic';

export interface BuildOptions {
  /** The docker client: `docker`, or a path (SLIPWAY_DOCKER). */
  docker: string;
  builder: BuilderKind;
  context: string;
  /** The Dockerfile, when not `<context>/Dockerfile`. */
  file?: string;
  tags: readonly string[];
  labels?: Readonly<Record<string, string>>;
  buildArgs?: Readonly<Record<string, string>>;
  target?: string;
  platforms?: readonly string[];
  /** Where docker writes the image ID. */
  iidfile?: string;
  /** Build progress: plain lines (for logs and our own progress display). */
  progress?: 'plain' | 'auto';
  /** buildx only: where buildx writes the build result (containerimage.digest). */
  metadataFile?: string;
  /** buildx only: push from the builder (needed for several platforms, which cannot be loaded). */
  push?: boolean;
}

/** The docker client to run: $SLIPWAY_DOCKER, else docker on PATH. */
export function dockerClient(env: NodeJS.ProcessEnv): string {
  return env.SLIPWAY_DOCKER || 'docker';
}

export function buildCommand(o: BuildOptions): Step {
  const argv: string[] = o.builder === 'buildx' ? [o.docker, 'buildx', 'build'] : [o.docker, 'build'];
  if (o.file) argv.push('--file', o.file);
  for (const t of o.tags) argv.push('--tag', t);
  for (const [k, v] of Object.entries(o.labels ?? {})) argv.push('--label', `${k}=${v}`);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) argv.push('--build-arg', `${k}=${v}`);
  if (o.target) argv.push('--target', o.target);
  if (o.platforms?.length) argv.push('--platform', o.platforms.join(','));
  if (o.iidfile) argv.push('--iidfile', o.iidfile);
  if (o.builder !== 'classic' && o.progress) argv.push('--progress', o.progress);
  if (o.builder === 'buildx' && o.metadataFile) argv.push('--metadata-file', o.metadataFile);
  if (o.builder === 'buildx') argv.push(o.push ? '--push' : '--load');
  argv.push(o.context);
  const env = o.builder === 'buildx' ? undefined : { DOCKER_BUILDKIT: o.builder === 'buildkit' ? '1' : '0' };
  return { argv, env, label: 'build' };
}

export function tagCommand(docker: string, source: string, target: string): Step {
  return { argv: [docker, 'tag', source, target], label: `tag ${target}` };
}

export function pushCommand(docker: string, ref: string): Step {
  return { argv: [docker, 'push', ref], label: `push ${ref}` };
}

/** `docker login` with the password on stdin: it never appears in argv, /proc or `ps`. */
export function loginCommand(docker: string, registry: string, username: string, password: Sensitive): Step {
  return { argv: [docker, 'login', '--username', username, '--password-stdin', registry], stdin: password, label: `login to ${registry}` };
}

export function logoutCommand(docker: string, registry: string): Step {
  return { argv: [docker, 'logout', registry], label: `logout from ${registry}` };
}

/** `docker image inspect --format FORMAT REF`. */
export function inspectCommand(docker: string, ref: string, format: string): Step {
  return { argv: [docker, 'image', 'inspect', '--format', format, ref], label: `inspect ${ref}` };
}

export function pullCommand(docker: string, ref: string): Step {
  return { argv: [docker, 'pull', ref], label: `pull ${ref}` };
}

/** `docker buildx version`: answers when the buildx plugin is installed. */
export function buildxVersionCommand(docker: string): Step {
  return { argv: [docker, 'buildx', 'version'], label: 'buildx version' };
}

/** Client and server versions and the server's OS, one line: `20.10.24 20.10.24 linux`. */
export function versionCommand(docker: string): Step {
  return { argv: [docker, 'version', '--format', '{{.Client.Version}} {{.Server.Version}} {{.Server.Os}}'], label: 'docker version' };
}

/** The manifest digest `docker push` reports: `latest: digest: sha256:… size: 528`. */
export function digestFromPushOutput(output: string): string | null {
  const m = /digest: (sha256:[0-9a-f]{64})/.exec(output);
  return m ? m[1]! : null;
}
