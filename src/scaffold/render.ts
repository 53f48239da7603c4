// Pure: a detected Stack and the options → the files `slipway init` writes (path → content).

import { DEFAULT_PORTS, type Stack } from './detect.js';
import { renderCompose, renderComposeOverride, renderEnvExample } from './templates/compose.js';
import type { LanguageTemplate, TemplateOptions } from './templates/common.js';
import { renderDockerignore } from './templates/dockerignore.js';
import { goTemplate } from './templates/go.js';
import { nodeTemplate } from './templates/node.js';
import { pythonTemplate } from './templates/python.js';
import { renderReadme } from './templates/readme.js';
import { renderWorkflow } from './templates/workflow.js';

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
  const t = languageTemplate(stack, {
    imageRef,
    registry: options.registry,
    baseImage: options.baseImage,
    healthPath: options.healthPath ?? '/',
    port,
  });
  const files = new Map<string, string>();
  files.set('Dockerfile', t.dockerfile);
  files.set('.dockerignore', renderDockerignore(t.ignore, t.copies));
  files.set('docker-compose.yml', renderCompose({ service, imageRef, port, environment: t.environment }));
  files.set(
    'docker-compose.override.yml',
    renderComposeOverride({ service, command: t.devCommand, target: t.devTarget, sourceDir: t.sourceDir, devVolumes: t.devVolumes }),
  );
  files.set('.env.example', renderEnvExample(t.envExample));
  files.set('.github/workflows/docker.yml', renderWorkflow({ registry: options.registry, imageRef, deployPath }));
  files.set(
    'README.Docker.md',
    renderReadme({ stack, imageRef, registry: options.registry, port, service, deployPath, notes: [...stack.notes, ...t.readme] }),
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
