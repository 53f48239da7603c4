// Pure: a detected Stack and the options → the files `slipway init` writes (path → content).

import { DEFAULT_PORTS, type Stack } from './detect.js';
import { safePath, shown, UnsafeValueError } from './escape.js';
import { renderCompose, renderComposeOverride, renderEnvExample } from './templates/compose.js';
import type { LanguageTemplate, TemplateOptions } from './templates/common.js';
import { renderDockerignore } from './templates/dockerignore.js';
import { goTemplate } from './templates/go.js';
import { nodeTemplate } from './templates/node.js';
import { pythonTemplate } from './templates/python.js';
import { renderReadme } from './templates/readme.js';
import { renderWorkflow, workflowFileName } from './templates/workflow.js';

export interface RenderOptions {
  /** Registry host, e.g. ghcr.io. */
  registry: string;
  /** Repository path in the registry, e.g. acme/shop (lower case). */
  image: string;
  baseImage?: string;
  healthPath?: string;
  /** Compose service name. */
  service?: string;
  /** Directory on the server for the deploy step. */
  deployPath?: string;
  /** The repository's default branch (default main). */
  branch?: string;
  /** The project's folder relative to the git root ('.' when it is the root). */
  context?: string;
  /** The project keeps its own Dockerfile with these stages: no Dockerfile is written, the override fits it. */
  keptDockerfileStages?: readonly string[];
  /** The project's file and folder names (from the snapshot). */
  names?: readonly string[];
}

/** Where the workflow goes, relative to the project: at the git root, docker-<folder>.yml for a subfolder. */
export function workflowPath(context = '.'): string {
  const up = context === '.' ? '' : context.split('/').map(() => '..').join('/') + '/';
  return `${up}.github/workflows/${workflowFileName(context)}`;
}

/** The files in the order the plan prints them. */
export const GENERATED_FILES = [
  'Dockerfile',
  '.dockerignore',
  'docker-compose.yml',
  'docker-compose.override.yml',
  '.env.example',
  '.github/workflows/docker.yml',
  'README.Docker.md',
] as const;

export const FILE_PURPOSE: Record<(typeof GENERATED_FILES)[number], string> = {
  Dockerfile: 'multi-stage build, non-root user 1001, HEALTHCHECK, exec-form CMD',
  '.dockerignore': 'keeps .git, .env, caches and docs out of the build context',
  'docker-compose.yml': 'production: pulls the image from the registry, restart unless-stopped',
  'docker-compose.override.yml': 'development: builds locally, bind-mounts the source',
  '.env.example': 'every variable the compose files use (copy to .env)',
  '.github/workflows/docker.yml': 'CI: build, tag and push the image, then deploy over SSH',
  'README.Docker.md': 'how to develop, build, deploy and roll back',
};

export function languageTemplate(stack: Stack, o: TemplateOptions): LanguageTemplate {
  switch (stack.language) {
    case 'python':
      return pythonTemplate(stack, o);
    case 'node':
      return nodeTemplate(stack, o);
    case 'go':
      return goTemplate(stack, o);
  }
}

export function render(stack: Stack, options: RenderOptions): Map<string, string> {
  const imageRef = `${options.registry}/${options.image}`.toLowerCase();
  const port = stack.port ?? DEFAULT_PORTS[stack.framework];
  const service = options.service ?? 'app';
  const deployPath = options.deployPath ?? `/srv/${stack.name}`;
  const context = options.context ?? '.';
  const wfPath = workflowPath(context);
  const entryHint = 'rename it or pass --entry';
  if (stack.entry !== undefined && stack.language !== 'python') safePath(stack.entry, 'the entry', entryHint);
  if (stack.entry !== undefined && stack.language === 'python' && !/^[A-Za-z_][\w.]*(?::[A-Za-z_]\w*)?$|^[\w./-]+\.py$/.test(stack.entry))
    throw new UnsafeValueError(`the entry is ${shown(stack.entry)}: not a module:variable, a module or a script path`);
  for (const p of stack.node?.built ? [stack.node.built] : []) safePath(p, 'the file the build makes', entryHint);
  const t = languageTemplate(stack, {
    imageRef,
    registry: options.registry,
    baseImage: options.baseImage,
    healthPath: options.healthPath ?? '/',
    port,
    names: options.names,
  });
  const kept = options.keptDockerfileStages;
  const files = new Map<string, string>();
  // Kept: still planned, so the plan says it is kept (and --force would write ours).
  files.set('Dockerfile', t.dockerfile);
  files.set('.dockerignore', renderDockerignore(t.ignore, t.copies));
  files.set('docker-compose.yml', renderCompose({ service, imageRef, port, environment: t.environment, services: stack.services }));
  // A kept Dockerfile: its own CMD runs, and a target only if it has the stage.
  const keptTarget = kept?.find((s) => s === t.devTarget) ?? kept?.find((s) => /^(dev|development)$/i.test(s));
  files.set(
    'docker-compose.override.yml',
    renderComposeOverride({
      service,
      command: kept ? undefined : t.devCommand,
      target: kept ? keptTarget : t.devTarget,
      sourceDir: kept ? undefined : t.sourceDir,
      devVolumes: kept ? [] : t.devVolumes,
    }),
  );
  files.set('.env.example', renderEnvExample(t.envExample, stack.services));
  files.set(wfPath, renderWorkflow({ registry: options.registry, imageRef, deployPath, branch: options.branch, context }));
  const notes = [...stack.notes, ...(kept ? [] : t.readme)];
  files.set(
    'README.Docker.md',
    renderReadme({ stack, imageRef, registry: options.registry, port, service, deployPath, notes, branch: options.branch, workflowPath: wfPath }),
  );
  return files;
}

/** Lines to add to .gitignore so that .env and data/ never reach git (undefined: nothing to add). */
export function gitignoreAdditions(existing: string | undefined): string | undefined {
  const have = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  const want = ['.env', 'data/'].filter((w) => !have.has(w) && !have.has(`/${w}`) && !(w === 'data/' && (have.has('data') || have.has('/data'))));
  if (!want.length) return undefined;
  const prefix = existing && !existing.endsWith('\n') ? '\n' : '';
  return `${prefix}${existing ? '\n' : ''}# slipway init: secrets and container data stay out of git\n${want.join('\n')}\n`;
}
