// Pieces shared by the language templates.

import type { Stack } from '../detect.js';

export interface TemplateOptions {
  /** Full image reference without tag, e.g. ghcr.io/acme/shop. */
  imageRef: string;
  registry: string;
  /** Base image for the runtime (and, for Python/Node, build) stages; default from the stack's version. */
  baseImage?: string;
  /** Path the HEALTHCHECK requests; any answer below 500 counts as healthy. */
  healthPath: string;
  port: number;
  /** The project's file and folder names (folders end with `/`), for files copied only when they exist. */
  names?: readonly string[];
}

export const APP_UID = 1001;

/** Debian's shadow tools, present in every -slim image (adduser is not). */
export const CREATE_USER =
  `RUN groupadd --system --gid ${APP_UID} app \\\n` +
  ` && useradd --system --uid ${APP_UID} --gid app --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app`;

export const HEALTHCHECK_TIMING = 'HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3';

/**
 * The RUN step that makes the folders the app writes to, owned by the app user (the rest of /app stays
 * root's). `appDir`: /app itself too, for apps that write files next to their code (SQLite in BASE_DIR).
 */
export function ownedDirsStep(dirs: readonly string[], appDir = false): string {
  const paths = [...new Set(dirs)].map((d) => `/app/${d}`);
  const owned = appDir ? ['/app', ...paths] : paths;
  return `mkdir -p ${paths.join(' ')} && chown ${APP_UID}:${APP_UID} ${owned.join(' ')}`;
}

/** An exec-form JSON array. */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

export function healthUrl(o: TemplateOptions): string {
  const path = o.healthPath.startsWith('/') ? o.healthPath : `/${o.healthPath}`;
  return `http://127.0.0.1:${o.port}${path}`;
}

export interface LanguageTemplate {
  dockerfile: string;
  /** Extra .dockerignore lines for the language. */
  ignore: string[];
  /** The development command for docker-compose.override.yml. */
  devCommand: string[];
  /** Build target for development (a Dockerfile stage), if not the last stage. */
  devTarget?: string;
  /** Where the source lives in the development container (the bind mount's target). */
  sourceDir: string;
  /** Container paths to keep out of the source bind mount (anonymous volumes). */
  devVolumes: string[];
  /** Environment for the production compose file (literal, not secrets). */
  environment: Record<string, string>;
  /** Variables the app reads that belong in .env.example (name → comment). */
  envExample: Array<[string, string, string]>;
  /** Paths (relative to the context) the Dockerfile copies by name. */
  copies: string[];
  /** Notes for the README. */
  readme: string[];
}

export type Renderer = (stack: Stack, o: TemplateOptions) => LanguageTemplate;
