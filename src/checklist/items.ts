// The guide's "Before deploying" checklist as data: each item, the rules whose findings fail it,
// when it applies to a project, and where the practice is seen when it passes.

import { basename } from 'node:path';
import { composeOf } from '../parse/compose/project.js';
import { entry, isLMap } from '../parse/compose/values.js';
import type { Loc } from '../parse/compose/model.js';
import type { CitedKeyword } from '../parse/dockerfile/outline.js';
import type { ShippedStage } from '../parse/dockerfile/shipped-outline.js';
import { shippedOutline } from '../project/dockerfile-entry.js';
import { workflowOf } from '../parse/workflow/view.js';
import type { FileKind } from '../project/discover.js';
import type { ProjectModel, SourceFile } from '../project/model.js';

export interface Evidence {
  file: string;
  line: number;
}

export interface ChecklistItemSpec {
  id: string;
  /** As the guide words it. */
  title: string;
  /** Rule ids whose findings fail the item. */
  rules: string[];
  /** Whether the item can be judged for this project (else n/a). */
  applies: (project: ProjectModel) => boolean;
  /** Where the practice is seen when the item passes. */
  evidence: (project: ProjectModel) => Evidence[];
  /** How slipway judges the item, where that is not obvious. */
  note?: string;
  /** The item is n/a unless one of its rules has a finding (it can only be seen failing from a repository). */
  failOnly?: boolean;
  /** The kinds of file the item is judged on: an error in such a file leaves the item unverified. */
  kinds: FileKind[];
}

const hasDockerfiles = (p: ProjectModel) => p.dockerfiles.length > 0;

function lineOf(file: SourceFile, offset: number): Evidence {
  return { file: file.path, line: file.lines.positionAt(offset).line };
}

const locEvidence = (l: Loc): Evidence => lineOf(l.file, l.start);

/** The stages that ship (what the checklist cites of each Dockerfile: shipped-outline.ts). */
function shippedStages(p: ProjectModel): { file: SourceFile; stage: ShippedStage }[] {
  return p.dockerfiles.flatMap((d) => {
    const stage = shippedOutline(d).shipped;
    return stage ? [{ file: d.file, stage }] : [];
  });
}

/** Line of the stage's last instruction of this kind. */
function lastInstruction(stage: ShippedStage, keyword: CitedKeyword): number | undefined {
  return stage.last[keyword];
}

const instructionEvidence = (file: SourceFile, line: number | undefined): Evidence[] => (line !== undefined ? [{ file: file.path, line }] : []);

/** The base compose files (production) with their services' mappings. */
function productionServices(p: ProjectModel) {
  return composeOf(p).files.filter((f) => f.role === 'base' && f.root);
}

export const CHECKLIST: ChecklistItemSpec[] = [
  {
    id: 'slim-base-image',
    kinds: ['dockerfile'],
    title: 'Using `-slim` base image (not full or Alpine unless necessary)',
    rules: ['base-image-slim', 'python-alpine-c-extensions'],
    applies: hasDockerfiles,
    // Evidence is a shipped base known to be small, not any FROM: `ubuntu:22.04` or a template's `FROM REPLACE-ME` proves nothing.
    evidence: (p) => shippedStages(p).flatMap(({ file, stage }) => (stage.smallBase ? [{ file: file.path, line: stage.fromLine }] : [])),
    note: 'Passes on the shipped stages whose base is a small variant (`-slim`, alpine, distroless, chiseled, busybox, `scratch` …); other bases are not reported, but they are no evidence either.',
  },
  {
    id: 'multi-stage-build',
    kinds: ['dockerfile'],
    title: 'Multi-stage build separates build/runtime dependencies',
    rules: ['build-tools-in-final-stage'],
    applies: hasDockerfiles,
    // Evidence is a Dockerfile that has stages to separate: a single stage proves no separation.
    evidence: (p) =>
      p.dockerfiles.flatMap((d) => {
        const lines = shippedOutline(d).stageLines;
        return lines ? lines.map((line) => ({ file: d.file.path, line })) : [];
      }),
    note: 'Fails when build tools ship in the final stage. Passes with a multi-stage Dockerfile; a project of single-stage Dockerfiles that ship no build tools is unverified (nothing shows the separation).',
  },
  {
    id: 'non-root-user',
    kinds: ['dockerfile'],
    title: 'Running as non-root user',
    rules: ['non-root-user', 'user-empty'],
    applies: hasDockerfiles,
    evidence: (p) => shippedStages(p).flatMap(({ file, stage }) => instructionEvidence(file, lastInstruction(stage, 'USER'))),
  },
  {
    id: 'no-secrets-in-image',
    kinds: ['dockerfile', 'dockerignore'],
    title: 'No secrets in Dockerfile or image',
    rules: ['secret-in-arg-env', 'secret-value', 'copy-secret-files', 'context-secret-files', 'context-secret-sent'],
    applies: hasDockerfiles,
    evidence: (p) => {
      const ignored = p.files
        .filter((f) => f.kind === 'dockerignore')
        .flatMap((f) => {
          const m = /^\/?\.env\*?\s*$/m.exec(f.text);
          return m ? [lineOf(f, m.index)] : [];
        });
      // Else: the Dockerfiles the secret rules read and found nothing in (an absence is what there is to see).
      return ignored.length ? ignored : p.dockerfiles.filter((d) => shippedOutline(d).shipped).map(({ file }) => ({ file: file.path, line: 1 }));
    },
    note: 'Secrets in ARG/ENV, literal secret values, COPY of key or .env files, and secret files a `COPY .` would bake in; the evidence is the .dockerignore line that keeps `.env` out, else the Dockerfiles checked.',
  },
  {
    id: 'healthcheck',
    kinds: ['dockerfile'],
    title: 'HEALTHCHECK defined',
    rules: ['healthcheck-missing', 'healthcheck-program-missing'],
    applies: hasDockerfiles,
    evidence: (p) => [
      ...shippedStages(p).flatMap(({ file, stage }) => instructionEvidence(file, lastInstruction(stage, 'HEALTHCHECK'))),
      ...composeOf(p).files.flatMap((cf) => {
        const services = entry(cf.root, 'services')?.value;
        if (!isLMap(services)) return [];
        return [...services.entries.values()].flatMap((s) => {
          const h = entry(s.value, 'healthcheck');
          return h ? [locEvidence(h.keyLoc)] : [];
        });
      }),
    ],
    note: 'A compose `healthcheck:` satisfies it as well as a Dockerfile HEALTHCHECK.',
  },
  {
    id: 'cmd-exec-form',
    kinds: ['dockerfile'],
    title: 'CMD uses array syntax',
    rules: ['cmd-exec-form'],
    // Only where a Dockerfile sets a CMD or ENTRYPOINT (a base image's own is not ours to judge).
    applies: (p) => p.dockerfiles.some((d) => shippedOutline(d).runsSomething),
    evidence: (p) =>
      shippedStages(p).flatMap(({ file, stage }) => instructionEvidence(file, lastInstruction(stage, 'CMD') ?? lastInstruction(stage, 'ENTRYPOINT'))),
  },
  {
    id: 'dockerignore',
    kinds: ['dockerfile', 'dockerignore'],
    title: '.dockerignore excludes unnecessary files',
    rules: ['dockerignore-missing', 'context-junk', 'context-git-dir', 'context-large-file', 'context-secret-files'],
    applies: hasDockerfiles,
    evidence: (p) => p.files.filter((f) => f.kind === 'dockerignore' && basename(f.absPath) === '.dockerignore').map((f) => ({ file: f.path, line: 1 })),
  },
  {
    id: 'image-sha-tag',
    kinds: ['workflow'],
    title: 'Image tagged with git SHA for rollback',
    rules: ['workflow-sha-tag'],
    applies: (p) => workflowOf(p).files.some((f) => f.jobs.some((j) => j.builds.length > 0)),
    evidence: (p) =>
      workflowOf(p).files.flatMap((f) => f.jobs.flatMap((j) => j.builds.flatMap((b) => (b.push !== 'no' && b.tags.sha ? [locEvidence(b.tags.sha)] : [])))),
    note: 'Judged from GitHub Actions workflows that build images; n/a when none does (images built elsewhere are not seen).',
  },
  {
    id: 'compose-uses-image',
    kinds: ['compose'],
    title: 'docker-compose.yml uses `image:` not `build:`',
    rules: ['compose-prod-uses-image'],
    applies: (p) => productionServices(p).length > 0,
    evidence: (p) =>
      productionServices(p).flatMap((cf) => {
        const services = entry(cf.root, 'services')?.value;
        if (!isLMap(services)) return [];
        return [...services.entries.values()].flatMap((s) => {
          const image = entry(s.value, 'image');
          return image ? [locEvidence(image.keyLoc)] : [];
        });
      }),
  },
  {
    id: 'server-contents',
    kinds: ['compose'],
    title: 'Server only contains compose file, .env, and data volumes',
    rules: ['compose-source-bind-mount'],
    applies: () => false,
    failOnly: true,
    evidence: () => [],
    note: 'The server is not part of the repository, so this is n/a for a repository check; it fails when the production compose file bind-mounts source code (the server would need a checkout).',
  },
];
