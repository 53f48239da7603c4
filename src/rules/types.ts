// What a rule is: metadata (docs, aliases, severity) plus a pure check that reports findings.

import type { ImageModel } from '../image/model.js';
import type { BuildContext } from '../parse/context/context.js';
import type { Dockerfile } from '../parse/dockerfile/model.js';
import type { ProjectFacts } from '../project/facts.js';
import type { ProjectModel, SourceFile } from '../project/model.js';
import type { Severity, TextEdit } from '../types.js';

export type RuleTarget = 'dockerfile' | 'compose' | 'context' | 'env' | 'workflow' | 'image';
export type RuleCategory = 'guide' | 'security' | 'packages' | 'correctness' | 'maintainability' | 'style';

export interface RuleMeta {
  /** Readable, stable id: `cmd-exec-form`. */
  id: string;
  target: RuleTarget;
  category: RuleCategory;
  severity: Severity;
  /** Equivalent ids of other tools: hadolint DLxxxx, BuildKit check names, trivy DS-xxxx, checkov CKV_*. */
  aliases: string[];
  /** One line, used as the message when the rule has no better one. */
  title: string;
  /** Why it matters (Markdown, a paragraph or two). */
  description: string;
  /** A Dockerfile (or file) that breaks the rule, and one that follows it. */
  bad: string;
  good: string;
  fixable: boolean;
  /** Where slipway deliberately differs from the anchors, and why. */
  differs?: string;
  /** Off unless enabled in config (as hadolint's DL3057 is "ignore" by default). */
  off?: boolean;
  /** Settings or project facts under which `bad` triggers the rule (docs and the meta test use them). */
  example?: { settings?: Partial<RuleSettings>; project?: Partial<ProjectFacts> };
}

/** Settings rules may read; filled from config. */
export interface RuleSettings {
  /** Registries FROM may use (empty: any). */
  trustedRegistries: string[];
  /** Labels that must be present, with their expected type (hadolint `label-schema`). */
  labelSchema: Record<string, string>;
  /** Labels outside the schema are reported (hadolint `strict-labels`). */
  strictLabels: boolean;
  /** What runs the compose files on the servers (deploy.engine): swarm ignores some keys and means others differently. */
  deployEngine?: 'compose' | 'swarm';
}

export interface Report {
  /** Offsets into the file's text. */
  start: number;
  end: number;
  message?: string;
  fix?: TextEdit[];
  /**
   * At most this severity for this finding (a base image's missing HEALTHCHECK is info, whatever the
   * rule's level): the finding gets the less severe of this and the configured level.
   */
  cap?: Severity;
}

export interface DockerfileContext {
  df: Dockerfile;
  settings: RuleSettings;
  project: ProjectFacts;
  report(r: Report): void;
}

export interface DockerfileRule {
  meta: RuleMeta;
  check(ctx: DockerfileContext): void;
}

/** A report on any file of the project (compose, .dockerignore, workflow, env, or a Dockerfile seen from outside). */
export interface FileReport extends Report {
  file: SourceFile;
}

export interface ProjectContext {
  project: ProjectModel;
  settings: RuleSettings;
  report(r: FileReport): void;
}

/** A rule over the whole project: compose files, build contexts, workflows, env files, and across them. */
export interface ProjectRule {
  meta: RuleMeta;
  check(ctx: ProjectContext): void;
}

/**
 * A build-context rule: `start` is called once per check, and the function it returns judges one build
 * context. A check gives it every context in contextsOf's order, each as soon as its Dockerfile's own rules
 * ran (after a streamed check released the model), so no context or Dockerfile text need be held to the end
 * for it (issue 15). What the rule must remember across contexts (what it reported) lives in `start`'s closure.
 */
export interface ContextRule {
  meta: RuleMeta;
  start(ctx: ProjectContext): (c: BuildContext) => void;
}

/** A report on a built image: what it is about, never a secret's value. */
export interface ImageReport {
  message: string;
  /** The layer it is about (its history entry and Dockerfile instruction follow from it). */
  layer?: number;
  /** The config history entry it is about, for what no layer holds (ENV, LABEL, USER, build args). */
  history?: number;
  /** The file in the image. */
  path?: string;
}

export interface ImageContext {
  image: ImageModel;
  settings: RuleSettings;
  report(r: ImageReport): void;
}

/** A rule over a built image (src/rules/image/): its config, layers and files. */
export interface ImageRule {
  meta: RuleMeta;
  check(ctx: ImageContext): void;
}

export type Rule = DockerfileRule | ProjectRule | ContextRule | ImageRule;

export const isDockerfileRule = (r: Rule): r is DockerfileRule => r.meta.target === 'dockerfile';
export const isContextRule = (r: Rule): r is ContextRule => r.meta.target === 'context';
export const isImageRule = (r: Rule): r is ImageRule => r.meta.target === 'image';
