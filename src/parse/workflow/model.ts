// The workflow view rules read: each GitHub Actions workflow as located values, its triggers,
// its jobs and steps, and the image builds, pushes, logins and tags found in them, whether
// written as actions (docker/build-push-action, docker/login-action, docker/metadata-action)
// or as `docker` commands in `run:` scripts (parsed by the shell parser, expressions masked).

import type { Document } from 'yaml';
import type { LEntry, LMap, LScalar, LValue, Loc } from '../yaml/located.js';
import type { SourceFile } from '../../project/model.js';

export type { LEntry, LMap, LScalar, LValue, Loc };

/** A branch or tag filter of `on.push`: every ref, some patterns, or none. */
export type RefFilter = 'all' | 'none' | string[];

export interface Triggers {
  /** Event names, as written (`push`, `pull_request`, `workflow_dispatch`...). */
  events: Set<string>;
  /** `on.push` branches (`branches-ignore` counts as 'all'). */
  pushBranches: RefFilter;
  /** `on.push` tags. */
  pushTags: RefFilter;
  /** `pull_request` or `pull_request_target`. */
  pullRequest: boolean;
  /** Where `on:` is written (the key), for reports about the whole workflow. */
  loc: Loc | null;
}

/** A word of a `run:` script: `text` as written (with `${{ }}`), `value` after quote removal. */
export interface RunWord {
  value: string;
  text: string;
  /** Contains a `${{ }}` expression or a shell expansion. */
  dynamic: boolean;
  /** Offsets in the file. */
  start: number;
  end: number;
}

export interface RunCommand {
  program: string;
  words: RunWord[];
  start: number;
  end: number;
}

export interface UsesRef {
  /** `docker/build-push-action` (lower-cased), `./local`, `docker://image`. */
  name: string;
  /** After `@` ('' when there is none). */
  ref: string;
  kind: 'action' | 'local' | 'docker';
  scalar: LScalar;
}

export interface WorkflowStep {
  index: number;
  value: LMap;
  id: string | null;
  uses: UsesRef | null;
  run: LScalar | null;
  /** Docker/podman commands of `run:`. */
  commands: RunCommand[];
  with: LMap | null;
  /** The step's `if:` (as written), '' when none. */
  condition: string;
}

export type PushMode = 'yes' | 'no' | 'conditional';

/** What an image tag list says, each fact with where it was seen. */
export interface TagFacts {
  /** The list is not visible (a bake file, an unknown step output). */
  unknown: boolean;
  sha: Loc | null;
  latest: Loc | null;
  semver: Loc | null;
  /** Every tag expression seen (literal tags and metadata-action entries). */
  tags: { text: string; loc: Loc }[];
  /** Image names given to docker/metadata-action (`images:`). */
  images: string[];
}

export interface ImageBuild {
  job: WorkflowJob;
  step: WorkflowStep;
  via: 'build-push-action' | 'bake-action' | 'run';
  /** The build step's `uses:` scalar or the docker command. */
  loc: Loc;
  push: PushMode;
  /** The push input or `docker push` / `--push`. */
  pushLoc: Loc | null;
  /** The push input as written (for its condition). */
  pushText: string;
  tags: TagFacts;
  /** Where tags are given (the `tags:` input), else null. */
  tagsLoc: Loc | null;
  cache: boolean;
  /** Registries named in tags (`ghcr.io`, `docker.io`...). */
  registries: string[];
  /**
   * The build context and Dockerfile as written (relative to the repository root), '' when not
   * given (the defaults: `.` and `<context>/Dockerfile`); null when they cannot be known statically
   * (an expression, bake, a remote context).
   */
  context: string | null;
  file: string | null;
}

export interface DockerLogin {
  step: WorkflowStep;
  via: 'login-action' | 'run';
  registry: string;
  /** The password/token as written and where (null when none is given). */
  password: { text: string; loc: Loc } | null;
  /** `docker login -p X` / `--password X`: the secret is on the command line. */
  passwordInArgv: boolean;
}

export interface WorkflowJob {
  id: string;
  keyLoc: Loc;
  value: LMap;
  /** `if:` as written, '' when none. */
  condition: string;
  permissions: LEntry | null;
  steps: WorkflowStep[];
  builds: ImageBuild[];
  logins: DockerLogin[];
}

export interface WorkflowFile {
  file: SourceFile;
  doc: Document | null;
  root: LMap | null;
  triggers: Triggers;
  /** Top-level `permissions:`. */
  permissions: LEntry | null;
  jobs: WorkflowJob[];
}

export interface WorkflowView {
  files: WorkflowFile[];
}
