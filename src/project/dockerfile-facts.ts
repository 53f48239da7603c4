// The facts Dockerfile rules get about the project around a Dockerfile, derived from the project
// model and its disk facts (no I/O: load-disk.ts read everything before): the Python dependencies
// declared near it, whether compose gives its image a healthcheck, how compose uses its image, what each ADD source is.

import { basename, dirname, join, relative } from 'node:path';
import { composeHealthcheckFor } from '../parse/compose/project.js';
import { contextsFor } from '../parse/context/context.js';
import { copySources } from '../parse/context/copy-sources.js';
import { entriesMatching } from '../parse/context/entries-matching.js';
import type { SourceKind } from '../parse/context/magic.js';
import { appManifestsFor, appManifestsOf } from './app-manifests.js';
import { bakeFilesFor } from './bake-files.js';
import { copiedManifests } from './copied-manifests.js';
import { composeUsesFor } from './compose-uses.js';
import { needsHead } from './disk-facts.js';
import { NO_FACTS, type ProjectFacts } from './facts.js';
import type { ProjectModel, SourceFile } from './model.js';

const FACTS = new WeakMap<ProjectModel, WeakMap<SourceFile, ProjectFacts>>();

/**
 * Memoized per project and file: the same object each time, so what is memoized per facts object
 * (imagePurpose) is computed while the Dockerfile's rules run, not again for a project rule after
 * its shells were dropped.
 */
export function dockerfileFacts(project: ProjectModel, file: SourceFile): ProjectFacts {
  let byFile = FACTS.get(project);
  if (!byFile) FACTS.set(project, (byFile = new WeakMap()));
  let facts = byFile.get(file);
  if (!facts) byFile.set(file, (facts = deriveFacts(project, file)));
  return facts;
}

/** Drops `file`'s facts: a check that streams its Dockerfiles asks no more once the file's rules ran (an ask after this derives them again). */
export function forgetDockerfileFacts(project: ProjectModel, file: SourceFile): void {
  FACTS.get(project)?.delete(file);
}

function deriveFacts(project: ProjectModel, file: SourceFile): ProjectFacts {
  const dir = dirname(file.absPath);
  // The manifests the Dockerfile copies into its image; the nearest ones up the tree only when no context could be listed.
  const copied = copiedManifests(project, file);
  const python = copied ? copiedPython(project, copied.pythonDirs, dir) : project.disk.python[dir];
  const manifests = copied ? appManifestsOf(project.disk, copied, dir) : appManifestsFor(project.disk, dir, project.root);
  return {
    ...NO_FACTS,
    pythonDependencies: python?.dependencies ?? [],
    pythonDependencySources: python?.sources ?? [],
    nodeDependencies: manifests.node,
    nodeDependencySource: manifests.nodeSource,
    goModules: manifests.go,
    goModuleSource: manifests.goSource,
    composeHealthcheck: composeHealthcheckFor(project, file.absPath),
    composeUses: composeUsesFor(project, file.absPath),
    addSources: addSourceKinds(project, file),
    configHeads: configHeadsOf(project, file),
    bakeFiles: bakeFilesFor(project.disk, dir, project.root),
  };
}

/** The Python dependencies declared in the folders whose manifests the image gets, with their files shown from the Dockerfile's folder. */
function copiedPython(project: ProjectModel, dirs: readonly string[], dockerfileDir: string): { dependencies: string[]; sources: string[] } {
  const dependencies = new Set<string>();
  const sources: string[] = [];
  for (const d of dirs) {
    const facts = project.disk.python[d];
    if (!facts) continue;
    for (const x of facts.dependencies) dependencies.add(x);
    for (const src of facts.sources) sources.push(relative(dockerfileDir, join(d, src)).split('\\').join('/'));
  }
  return { dependencies: [...dependencies], sources: [...new Set(sources)] };
}

/** Context-relative path → head of each `.npmrc`/`.yarnrc.yml`/env/key-named file the Dockerfile's contexts send (two contexts: both heads). */
export function configHeadsOf(project: ProjectModel, file: SourceFile): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of contextsFor(project, file)) {
    for (const e of c.files) {
      if (e.type !== 'file' || !needsHead(basename(e.path))) continue;
      const head = c.head(e.path);
      const before = out[e.path];
      // One head not read whole makes the path unknown, whatever the other context holds.
      out[e.path] = before === undefined ? head : before === null || head === null ? null : `${before}\n${head}`;
    }
  }
  return out;
}

const RANK: SourceKind[] = ['dir', 'file', 'maybe-archive', 'archive'];
const worst = (a: SourceKind | undefined, b: SourceKind): SourceKind => (a === undefined || RANK.indexOf(b) > RANK.indexOf(a) ? b : a);

/** Context-relative ADD source (as copySources normalises it) → what ADD finds there; absent: unknown. */
export function addSourceKinds(project: ProjectModel, file: SourceFile): Record<string, SourceKind> {
  const out: Record<string, SourceKind> = {};
  for (const { c, s, matches } of addSourcesOf(project, file)) {
    let kind: SourceKind | undefined;
    for (const e of matches) kind = worst(kind, e.type === 'dir' ? 'dir' : (project.disk.addKinds[join(c.dir, e.path)] ?? 'maybe-archive'));
    // Two contexts (two compose services) that disagree: the riskier kind wins.
    out[s.path] = worst(out[s.path], kind!);
  }
  return out;
}

/** Each local ADD source of the Dockerfile, in each of its contexts, with the context entries it matches. */
export function addSourcesOf(project: ProjectModel, file: SourceFile) {
  const out = [];
  for (const c of contextsFor(project, file)) {
    if (!c.df || c.truncated) continue;
    for (const s of copySources(c.df)) {
      if (s.inst.keyword !== 'ADD' || s.path === '') continue;
      const matches = s.wildcard ? entriesMatching(c.files, s.path) : [c.entry(s.path)].filter((e) => e !== undefined && !e.excluded).map((e) => e!);
      if (matches.length) out.push({ c, s, matches });
    }
  }
  return out;
}
