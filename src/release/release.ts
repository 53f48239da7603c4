// slipway release: build once from a clean commit, tag it the way the CI workflow does, push.
// Order matters for "nothing half done": every check that can fail without side effects (git
// state, settings, credentials, Dockerfile stage, builder, registry reachable, login) runs
// before the build; the build tags all names at once; pushes come last.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationError, UsageError } from '../errors.js';
import { type BuilderInfo, detectBuilder } from '../docker/builder.js';
import { buildCommand, digestFromPushOutput, inspectCommand, loginCommand, pushCommand } from '../docker/commands.js';
import { type ImageReference, formatImageRef, registryOf, repositoryOf, withTag } from '../docker/ref.js';
import { RegistryClient } from '../docker/registry.js';
import { type Executor, type Step, StepFailed, runChecked } from '../exec/step.js';
import { gitCommitTime, gitRefFacts, gitRemoteUrl, gitRoot, gitStatus, remoteWebUrl } from '../git.js';
import type { Progress } from '../cli/progress.js';
import type { Credentials } from './credentials.js';
import { ociLabels } from './labels.js';
import { releaseStage } from './stage.js';
import { releaseTags } from './tags.js';

export interface ReleaseOptions {
  image: ImageReference;
  /** Absolute paths. */
  context: string;
  dockerfile: string;
  target: string | null;
  platforms: string[];
  buildArgs: Record<string, string>;
  push: boolean;
  allowDirty: boolean;
  dryRun: boolean;
  defaultBranch: string | null;
  credentials: Credentials | null;
  /** The docker client to run. */
  docker: string;
}

export interface ReleaseDeps {
  exec: Executor;
  /** Runs read-only queries (docker version) even in a dry run. */
  query: Executor;
  info: (line: string) => void;
  progress: Progress;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  now?: () => number;
  /** Judges the built image (`--audit`) before anything is pushed; throws to stop the release. */
  audit?: (ref: string) => Promise<void>;
  /** The builder question, if the caller asked it already (as early as it could: the build waits for it). */
  builder?: Promise<BuilderInfo>;
}

export interface PushedTag {
  tag: string;
  ref: string;
  digest: string | null;
  ms: number;
}

export interface ReleaseResult {
  repository: string;
  tags: string[];
  version: string;
  labels: Record<string, string>;
  builder: BuilderInfo | null;
  imageId: string | null;
  /** Uncompressed size of the local image, bytes. */
  size: number | null;
  /** The manifest digest in the registry (all tags point at it). */
  digest: string | null;
  pushed: PushedTag[];
  buildMs: number;
}

export async function release(o: ReleaseOptions, d: ReleaseDeps): Promise<ReleaseResult> {
  const now = d.now ?? Date.now;
  const registry = registryOf(o.image);
  const repository = repositoryOf(o.image);

  // The builder question goes to docker while git answers (they do not depend on each other).
  const builderAsked = (d.builder ?? detectBuilder(d.query, o.docker, d.env)).then(
    (b) => b,
    (e: unknown) => {
      if (o.dryRun) return null;
      throw e;
    },
  );
  builderAsked.catch(() => undefined); // awaited below; an early rejection is not unhandled

  // 1. Git: the commit, and a clean tree unless allowed.
  let root: string;
  try {
    root = gitRoot(o.context);
  } catch {
    throw new UsageError(`${o.context} is not in a git repository: release tags images with the commit they were built from`);
  }
  const { head: sha, branch, dirtyPaths } = gitStatus(root);
  if (dirtyPaths.length && !o.allowDirty) {
    const shown = dirtyPaths.slice(0, 5).join(', ') + (dirtyPaths.length > 5 ? ` and ${dirtyPaths.length - 5} more` : '');
    throw new UsageError(
      `the work tree has uncommitted changes (${shown}): an image from it would not match commit ${sha.slice(0, 7)}. Commit or stash them, or pass --allow-dirty (then the only tag is sha-${sha.slice(0, 7)}-dirty)`,
    );
  }
  const refFacts = gitRefFacts(root, sha); // default branch and tags at HEAD, one git call
  const defaultBranch = o.defaultBranch ?? refFacts.defaultBranch;
  const plan = releaseTags({ sha, dirty: dirtyPaths.length > 0, onDefaultBranch: branch !== null && branch === defaultBranch, gitTags: refFacts.tagsAtHead });
  const labels = ociLabels({
    revision: sha,
    source: remoteWebUrl(gitRemoteUrl(root)),
    created: gitCommitTime(root),
    version: plan.version,
    title: o.image.path.split('/').pop()!,
  });
  const refs = plan.tags.map((t) => formatImageRef(withTag(o.image, t)));

  // 2. The stage, as check judges it.
  const stage = releaseStage(o.context, o.dockerfile, o.target);

  d.info(`image:   ${repository}`);
  d.info(`commit:  ${sha.slice(0, 7)}${branch ? ` on ${branch}` : ' (detached)'}${plan.semver ? `, ${plan.semver.raw}` : ''}${dirtyPaths.length ? `, with uncommitted changes (--allow-dirty)` : ''}`);
  d.info(`tags:    ${plan.tags.join(', ')}`);
  d.info(`stage:   ${stage.description}`);

  // 3. The registry answers and takes the credentials (login), while the builder is asked — all before anything is built.
  if (o.push && !o.credentials) d.info(`login:   no SLIPWAY_REGISTRY_USER/SLIPWAY_REGISTRY_PASSWORD: pushing with docker's saved login for ${registry}, if any`);
  const loggedIn = o.push ? checkRegistry(o, d, registry) : Promise.resolve();
  loggedIn.catch(() => undefined);
  const builder = await builderAsked;
  d.info(`builder: ${builder ? builder.description : 'unknown (docker did not answer; the dry run assumes BuildKit)'}`);
  const kind = builder?.kind ?? 'buildkit';
  if (o.platforms.length > 1 && kind !== 'buildx') {
    throw new UsageError(`building for several platforms (${o.platforms.join(', ')}) needs the buildx plugin; ${builder?.description ?? ''}`);
  }
  const multiPlatform = o.platforms.length > 1;
  if (multiPlatform && !o.push) throw new UsageError('an image for several platforms cannot be loaded into the local engine: add --push');

  // The login (or the registry probe) runs alongside the build; if it fails, the build is stopped
  // and nothing is pushed.
  const stopBuild = new AbortController();
  let registryProblem: unknown = null;
  loggedIn.catch((e: unknown) => {
    registryProblem = e;
    stopBuild.abort();
  });

  // 5. Build once, with every tag.
  const tmp = o.dryRun ? null : mkdtempSync(join(tmpdir(), 'slipway-release-'));
  try {
    const iidfile = tmp ? join(tmp, 'iid') : undefined;
    const metadataFile = tmp && multiPlatform ? join(tmp, 'metadata.json') : undefined;
    const build: Step = {
      ...buildCommand({
        docker: o.docker,
        builder: kind,
        context: o.context,
        file: o.dockerfile === join(o.context, 'Dockerfile') ? undefined : o.dockerfile,
        tags: refs,
        labels,
        buildArgs: o.buildArgs,
        target: stage.target ?? undefined,
        platforms: o.platforms,
        iidfile: multiPlatform ? undefined : iidfile,
        metadataFile,
        progress: 'plain',
        push: multiPlatform,
      }),
      cwd: o.context,
    };
    const t0 = now();
    try {
      // BuildKit's plain progress names each step's cache key on a line of its own: noise for people.
    const onLine = (_s: string, line: string) => {
      if (!/^#\d+ sha256:[0-9a-f]{64}$/.test(line)) d.progress.line('build', line);
    };
    await runChecked(d.exec, build, { onLine, signal: stopBuild.signal });
    } catch (e) {
      if (registryProblem) throw registryProblem;
      throw e;
    }
    await loggedIn;
    const buildMs = now() - t0;
    const imageId = iidfile && !o.dryRun ? readFileSync(iidfile, 'utf8').trim() : null;
    const sized = imageId
      ? d.exec.run(inspectCommand(o.docker, imageId, '{{.Size}}')).then((r) => (r.code === 0 ? Number(r.stdout.trim()) || null : null))
      : Promise.resolve(null);
    if (!o.dryRun) d.progress.done('build', `${imageId ? imageId.replace(/^sha256:/, '').slice(0, 12) : 'done'} in ${seconds(buildMs)}`);

    // The audit reads the image the engine just built (one platform: a multi-platform build went
    // straight to the registry and was never in the engine).
    if (d.audit && !o.dryRun) {
      if (multiPlatform) d.info('audit:   skipped: an image for several platforms is not in the local engine');
      else await d.audit(refs[0]!);
    }

    // 6. Push every tag: the layers once, then each tag's name for the same manifest.
    const pushed: PushedTag[] = [];
    let digest: string | null = null;
    if (multiPlatform && metadataFile) {
      digest = JSON.parse(readFileSync(metadataFile, 'utf8'))['containerimage.digest'] ?? null;
      for (const [i, ref] of refs.entries()) pushed.push({ tag: plan.tags[i]!, ref, digest, ms: buildMs });
    } else if (o.push) {
      const pushOne = async (i: number): Promise<PushedTag> => {
        const ref = refs[i]!;
        const started = now();
        const r = await push(d.exec, o.docker, ref, registry, (line) => d.progress.line(`push ${plan.tags[i]}`, line));
        const entry = { tag: plan.tags[i]!, ref, digest: digestFromPushOutput(r), ms: now() - started };
        if (!o.dryRun) d.progress.done(`push ${plan.tags[i]}`, `${entry.digest ?? 'pushed'} in ${seconds(entry.ms)}`);
        return entry;
      };
      // The first push uploads the layers; the other tags then only add a manifest name, side by
      // side. (All at once, five pushes mounting the same blobs made the CNCF registry answer 500.)
      pushed.push(await pushOne(0));
      pushed.push(...(await Promise.all(refs.slice(1).map((_, i) => pushOne(i + 1)))));
      digest = pushed[0]!.digest;
      const other = pushed.find((p) => p.digest !== digest);
      if (other && !o.dryRun) throw new OperationError(`${other.ref} was pushed with digest ${other.digest}, but ${pushed[0]!.ref} with ${digest}: the tags do not name one image`);
    }
    return { repository, tags: plan.tags, version: plan.version, labels, builder, imageId, size: await sized, digest, pushed, buildMs };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** With credentials: docker login (which fails clearly when the registry is down); without: is the registry there at all. */
async function checkRegistry(o: ReleaseOptions, d: ReleaseDeps, registry: string): Promise<void> {
  if (o.credentials) {
    await login(d.exec, o.docker, registry, o.credentials);
    if (!o.dryRun) d.progress.done('login', `${registry} as ${o.credentials.username}`);
  } else if (!o.dryRun) {
    await new RegistryClient({ registry, fetch: d.fetch }).probe();
  }
}

/** `docker login --password-stdin`, with docker's failures said plainly. */
export async function login(exec: Executor, docker: string, registry: string, c: Credentials): Promise<void> {
  const step = loginCommand(docker, registry, c.username, c.password);
  const r = await exec.run(step);
  if (r.code === 0) return;
  const out = `${r.stderr}\n${r.stdout}`;
  if (/unauthorized|incorrect username or password|authentication required|401|denied/i.test(out)) {
    throw new OperationError(`login to ${registry} failed: the registry refused user '${c.username}' with the password from ${c.passwordVar}`);
  }
  if (/connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response|EOF/i.test(out)) {
    // Say it as the registry client does (it names the URL and the reason), else docker's words.
    await new RegistryClient({ registry }).probe();
    throw new OperationError(`login to ${registry} failed: cannot reach the registry (${lastLine(out)})`);
  }
  throw new StepFailed(step, r, exec.name);
}

/** `docker push REF`; a registry 5xx is tried once more, refusals and unreachable registries are said plainly. */
export async function push(exec: Executor, docker: string, ref: string, registry: string, onLine: (l: string) => void): Promise<string> {
  const step = pushCommand(docker, ref);
  let r = await exec.run(step, { onLine: (_s, l) => onLine(l) });
  // A registry's 5xx is its own hiccup (seen with concurrent uploads of one blob): a push is
  // idempotent, so it is tried once more before the release fails.
  if (r.code !== 0 && /unexpected HTTP status: 5\d\d/.test(`${r.stderr}\n${r.stdout}`)) {
    onLine(`the registry answered ${/5\d\d[^\n]*/.exec(`${r.stderr}\n${r.stdout}`)![0]}: pushing again`);
    r = await exec.run(step, { onLine: (_s, l) => onLine(l) });
  }
  if (r.code === 0) return r.stdout;
  const out = `${r.stderr}\n${r.stdout}`;
  if (/unauthorized|authentication required|no basic auth credentials|denied|401|403/i.test(out)) {
    throw new OperationError(
      `push to ${registry} was refused (${lastLine(out)}): log in first — set SLIPWAY_REGISTRY_USER and SLIPWAY_REGISTRY_PASSWORD, or run 'slipway login ${registry}' — and check that the user may push ${ref.replace(/:[^:/]+$/, '')}`,
    );
  }
  if (/connection refused|no such host|i\/o timeout|dial tcp/i.test(out)) throw new OperationError(`push to ${registry} failed: cannot reach the registry (${lastLine(out)})`);
  throw new StepFailed(step, r, exec.name);
}

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop()?.trim() ?? '';
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

