// Which builder the local docker has: the buildx plugin (BuildKit), BuildKit built into a pre-23
// client (DOCKER_BUILDKIT=1), or only the classic builder. Asked once, said to the user.

import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OperationError } from '../errors.js';
import type { Executor } from '../exec/step.js';
import { type BuilderKind, buildxVersionCommand, versionCommand } from './commands.js';

export interface BuilderInfo {
  kind: BuilderKind;
  clientVersion: string;
  serverVersion: string;
  /** What to tell the user: "BuildKit (docker buildx v0.12.1)". */
  description: string;
}

export async function detectBuilder(exec: Executor, docker: string, env: NodeJS.ProcessEnv = process.env): Promise<BuilderInfo> {
  // No plugin file where docker looks: `docker buildx version` could only fail, so it is not run (a Go process less).
  const buildxAsked = buildxPluginMissing(env) ? Promise.resolve({ code: 1, stdout: '', stderr: 'no docker-buildx plugin file' }) : exec.run(buildxVersionCommand(docker));
  const [version, buildx] = await Promise.all([exec.run(versionCommand(docker)), buildxAsked]);
  const [clientVersion = '?', serverVersion = '', serverOs = ''] = version.stdout.trim().split(/\s+/);
  if (version.code !== 0 || !serverVersion) {
    const why = (version.stderr || version.stdout).trim().split('\n').filter(Boolean).pop() ?? `exit ${version.code}`;
    throw new OperationError(`cannot talk to the Docker engine with ${docker}: ${why}`);
  }
  const forcedClassic = env.DOCKER_BUILDKIT === '0';
  if (buildx.code === 0 && !forcedClassic) {
    const v = /v?\d+\.\d+\.\d+[^\s]*/.exec(buildx.stdout)?.[0] ?? '';
    return { kind: 'buildx', clientVersion, serverVersion, description: `BuildKit (docker buildx ${v})`.replace(' )', ')') };
  }
  const major = Number(clientVersion.split('.')[0]);
  // Clients before 23 carry BuildKit themselves; later ones need the buildx plugin for it.
  if (!forcedClassic && major > 0 && major < 23 && serverOs !== 'windows') {
    return { kind: 'buildkit', clientVersion, serverVersion, description: `BuildKit (built into the docker ${clientVersion} client, DOCKER_BUILDKIT=1)` };
  }
  const why = forcedClassic ? 'DOCKER_BUILDKIT=0 is set' : `docker ${clientVersion} has no buildx plugin; install it (docker-buildx) for BuildKit's cache mounts and faster builds`;
  return { kind: 'classic', clientVersion, serverVersion, description: `the classic builder (${why})` };
}

/**
 * Where the docker CLI looks for plugins (docker/cli's cli-plugins/manager): the directories the
 * config's `cliPluginsExtraDirs` names, the user's (config dir), then the system's. Null when that
 * cannot be known: a config file that is not readable JSON, or a system whose directories we do not list.
 */
export function pluginDirs(env: NodeJS.ProcessEnv): string[] | null {
  if (process.platform !== 'linux') return null;
  const config = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  const extra = cliPluginsExtraDirs(join(config, 'config.json'));
  if (!extra) return null;
  return [...extra, join(config, 'cli-plugins'), '/usr/local/lib/docker/cli-plugins', '/usr/local/libexec/docker/cli-plugins', '/usr/lib/docker/cli-plugins', '/usr/libexec/docker/cli-plugins'];
}

/** The config's `cliPluginsExtraDirs` ([] without a config file); null when the file is there but unreadable. */
function cliPluginsExtraDirs(file: string): string[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [] : null;
  }
  try {
    const dirs = (JSON.parse(text) as { cliPluginsExtraDirs?: unknown } | null)?.cliPluginsExtraDirs;
    if (dirs === undefined || dirs === null) return [];
    return Array.isArray(dirs) && dirs.every((d) => typeof d === 'string') ? dirs : null;
  } catch {
    return null;
  }
}

/** True only when no `docker-buildx` file is in any directory docker looks in (known ones only). */
export function buildxPluginMissing(env: NodeJS.ProcessEnv): boolean {
  const dirs = pluginDirs(env);
  return dirs !== null && !dirs.some((dir) => existsSync(join(dir, 'docker-buildx')));
}

/**
 * The builder detectBuilder will most likely report, from what costs no process: DOCKER_BUILDKIT
 * and the buildx plugin's file. Null when these say nothing (then there is nothing to guess from).
 * A guess only lets the build start early; the answer of docker itself decides (see release).
 */
export function expectedBuilder(env: NodeJS.ProcessEnv): BuilderKind | null {
  if (env.DOCKER_BUILDKIT === '0') return 'classic';
  if (!buildxPluginMissing(env)) return 'buildx';
  if (env.DOCKER_BUILDKIT === '1') return 'buildkit';
  return null;
}
