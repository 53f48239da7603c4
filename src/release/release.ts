// slipway release: build once from a clean commit, tag it the way the CI workflow does, push.
// Order matters for "nothing half done": the checks that need no engine (git state, settings,
// credentials, Dockerfile stage) run before the build; the engine's builder and the registry login
// are asked alongside it, and a failure of either stops it; the build names only the commit's own
// tag, `latest` and the versions move once the login has succeeded; pushes come last.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperationError, UsageError } from '../errors.js';
import { type BuilderInfo, detectBuilder, expectedBuilder } from '../docker/builder.js';
import { type BuilderKind, buildCommand, digestFromPushOutput, inspectCommand, loginCommand, pushCommand, tagCommand } from '../docker/commands.js';
import { dockerConfigCredentials } from '../docker/config-auth.js';
import { type ImageReference, apiPath, formatImageRef, registryOf, repositoryOf, withTag } from '../docker/ref.js';
import { nodeFetch } from '../docker/node-fetch.js';
import { type Manifest, RegistryClient, compressedSize } from '../docker/registry.js';
import { type Executor, type Step, StepFailed } from '../exec/step.js';
import { GitError, type ReleaseFacts, gitReleaseFacts, remoteWebUrl } from '../git.js';
import type { Progress } from '../cli/progress.js';
import { type Credentials, PASSWORD_VAR } from './credentials.js';
import { ociLabels } from './labels.js';
import { releaseStage } from './stage.js';
import { type StartedBuild, startBuild } from './started-build.js';
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
  /** Git's answers, if the caller asked already (as early as it could), and in which directory. */
  git?: { dir: string; facts: Promise<ReleaseFacts> };
  /** Runs a piece of work that is not a step (git, the registry API); SLIPWAY_TRACE times it. */
  span?: <T>(label: string, work: () => Promise<T>) => Promise<T>;
  /** A dry run's line for what is not a command (a registry API call). */
  plan?: (line: string) => void;
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
  /** Size of the image, bytes: compressed as the registry stores it (from the manifest the tags were added with), else uncompressed in the local engine. */
  size: number | null;
  /** Whether `size` is the registry's compressed size. */
  sizeCompressed: boolean;
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

  // 1. The stage, as check judges it (read while git answers).
  const stage = releaseStage(o.context, o.dockerfile, o.target);

  // 2. Git: the commit, and a clean tree unless allowed.
  let git: ReleaseFacts;
  try {
    // Any directory of the work tree gives the same answers; another directory may be another repository.
    git = await (d.git?.dir === o.context ? d.git.facts : (d.span ?? untimed)('git facts', () => gitReleaseFacts(o.context, { hiddenEnv: [PASSWORD_VAR, ...(o.credentials ? [o.credentials.passwordVar] : [])] })));
  } catch (e) {
    if (e instanceof GitError && /not a git repository/i.test(e.message)) {
      throw new UsageError(`${o.context} is not in a git repository: release tags images with the commit they were built from`);
    }
    throw e;
  }
  const { head: sha, branch, dirtyPaths } = git;
  if (dirtyPaths.length && !o.allowDirty) {
    const shown = dirtyPaths.slice(0, 5).join(', ') + (dirtyPaths.length > 5 ? ` and ${dirtyPaths.length - 5} more` : '');
    throw new UsageError(
      `the work tree has uncommitted changes (${shown}): an image from it would not match commit ${sha.slice(0, 7)}. Commit or stash them, or pass --allow-dirty (then the only tag is sha-${sha.slice(0, 7)}-dirty)`,
    );
  }
  const defaultBranch = o.defaultBranch ?? git.defaultBranch;
  const plan = releaseTags({ sha, dirty: dirtyPaths.length > 0, onDefaultBranch: branch !== null && branch === defaultBranch, gitTags: git.tagsAtHead });
  const labels = ociLabels({
    revision: sha,
    source: remoteWebUrl(git.remoteUrl),
    created: git.commitTime,
    version: plan.version,
    title: o.image.path.split('/').pop()!,
  });
  const refs = plan.tags.map((t) => formatImageRef(withTag(o.image, t)));

  const multiPlatform = o.platforms.length > 1;
  // A login runs alongside the build: a cached build can end before the registry refuses the
  // password. So the build then names only the commit's own tag (sha-<7>: it names this build
  // whatever happens); the moving tags (latest, the versions) are given once the login succeeded,
  // so a failed release leaves them where they were. The own tag is pushed first (the layers).
  const own = Math.max(0, plan.tags.findIndex((t) => t.startsWith('sha-')));
  const moving = o.push && !multiPlatform ? refs.filter((_, i) => i !== own) : [];
  let build: StartedBuild | null = null;
  const tmp = o.dryRun ? null : mkdtempSync(join(tmpdir(), 'slipway-release-'));
  try {
    const iidfile = tmp ? join(tmp, 'iid') : undefined;
    const metadataFile = tmp && multiPlatform ? join(tmp, 'metadata.json') : undefined;
    const buildStep = (kind: BuilderKind): Step => ({
      ...buildCommand({
        docker: o.docker,
        builder: kind,
        context: o.context,
        file: o.dockerfile === join(o.context, 'Dockerfile') ? undefined : o.dockerfile,
        tags: o.push && !multiPlatform ? [refs[own]!] : refs,
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
    });
    // BuildKit's plain progress names each step's cache key on a line of its own: noise for people.
    const onLine = (line: string) => {
      if (!/^#\d+ sha256:[0-9a-f]{64}$/.test(line)) d.progress.line('build', line);
    };

    // 3. The build starts as soon as git has answered, on the builder the environment points at
    // (DOCKER_BUILDKIT, the buildx plugin's file), while docker is still being asked; its output is
    // held until docker's answer confirms the guess, and a wrong guess is stopped and built again.
    const guess = o.dryRun || multiPlatform ? null : expectedBuilder(d.env);
    if (guess) build = startBuild(d.exec, buildStep(guess), guess, onLine, now(), true);

    d.info(`image:   ${repository}`);
    d.info(`commit:  ${sha.slice(0, 7)}${branch ? ` on ${branch}` : ' (detached)'}${plan.semver ? `, ${plan.semver.raw}` : ''}${dirtyPaths.length ? `, with uncommitted changes (--allow-dirty)` : ''}`);
    d.info(`tags:    ${plan.tags.join(', ')}`);
    d.info(`stage:   ${stage.description}`);

    // 4. The registry answers and takes the credentials (login) alongside the build; if it fails,
    // the build is stopped and nothing is pushed.
    if (o.push && !o.credentials) d.info(`login:   no SLIPWAY_REGISTRY_USER/SLIPWAY_REGISTRY_PASSWORD: pushing with docker's saved login for ${registry}, if any`);
    const loggedIn = o.push ? checkRegistry(o, d, registry) : Promise.resolve();
    let registryProblem: unknown = null;
    loggedIn.catch((e: unknown) => {
      registryProblem = e;
      build?.stop();
    });
    // The other tags go through the registry's API: its challenge is answered while the build runs.
    const tagger = o.push && !multiPlatform && plan.tags.length > 1 ? tagClient(o, d, registry) : null;
    if (tagger && !o.dryRun) tagger.authorizePush(apiPath(o.image)).catch(() => undefined); // addTags says what went wrong

    let builder: BuilderInfo | null;
    try {
      builder = await builderAsked;
    } catch (e) {
      build?.stop();
      await build?.done.catch(() => undefined);
      throw e;
    }
    d.info(`builder: ${builder ? builder.description : 'unknown (docker did not answer; the dry run assumes BuildKit)'}`);
    const kind = builder?.kind ?? 'buildkit';
    if (multiPlatform && kind !== 'buildx') {
      throw new UsageError(`building for several platforms (${o.platforms.join(', ')}) needs the buildx plugin; ${builder?.description ?? ''}`);
    }
    if (multiPlatform && !o.push) throw new UsageError('an image for several platforms cannot be loaded into the local engine: add --push');
    if (build && build.kind !== kind) {
      d.info(`         (the build started early for ${build.kind} was stopped and starts again for ${kind})`);
      build.stop();
      await build.done.catch(() => undefined);
      build = null;
    }
    if (registryProblem) throw registryProblem;

    // 5. Build once, with every tag (or go on with the build started early).
    const running = build ?? startBuild(d.exec, buildStep(kind), kind, onLine, now(), false);
    build = running;
    running.show();
    const result = await running.done;
    if (registryProblem) throw registryProblem;
    if (result.code !== 0) throw new StepFailed(running.step, result, d.exec.name);
    await loggedIn;
    const buildMs = now() - running.startedAt;
    const imageId = iidfile && !o.dryRun ? readFileSync(iidfile, 'utf8').trim() : null;
    // The moving tags are local names only: given beside the push (the registry gets them by API).
    const named = moving.length ? tagImage(o, d, imageId, moving) : Promise.resolve();
    named.catch(() => undefined); // awaited below
    // The size: when the other tags go through the registry's API, its manifest tells the compressed
    // size at no cost; else `docker image inspect` (a process beside the push) tells the local one.
    const localSize = () =>
      imageId ? d.exec.run(inspectCommand(o.docker, imageId, '{{.Size}}')).then((r) => (r.code === 0 ? Number(r.stdout.trim()) || null : null)) : Promise.resolve(null);
    let sized = tagger ? null : localSize();
    if (!o.dryRun) d.progress.done('build', `${imageId ? imageId.replace(/^sha256:/, '').slice(0, 12) : 'done'} in ${seconds(buildMs)}`);

    // The audit reads the image the engine just built (one platform: a multi-platform build went
    // straight to the registry and was never in the engine).
    if (d.audit && !o.dryRun) {
      if (multiPlatform) d.info('audit:   skipped: an image for several platforms is not in the local engine');
      else await d.audit(refs[own]!);
    }

    // 6. Push: the layers once with the first tag, then the other tags name the same manifest.
    const pushed: PushedTag[] = [];
    let digest: string | null = null;
    let compressed: number | null = null;
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
      pushed.push(await pushOne(own));
      digest = pushed[0]!.digest;
      const rest = refs.map((_, i) => i).filter((i) => i !== own);
      const copied = tagger ? await addTags(o, d, tagger, digest, rest.map((i) => plan.tags[i]!), now) : null;
      if (copied) {
        for (const i of rest) pushed.push({ tag: plan.tags[i]!, ref: refs[i]!, digest, ms: copied.ms });
        // An index (several platforms, attestations) names no layers of its own: then the local size.
        if (Array.isArray(copied.manifest?.body?.layers)) compressed = compressedSize(copied.manifest.body);
      } else {
        // Without the registry's API: one `docker push` per tag (only a manifest name each), side by
        // side. (All at once, five pushes mounting the same blobs made the CNCF registry answer 500.)
        await named; // docker push needs the local names
        pushed.push(...(await Promise.all(rest.map((i) => pushOne(i)))));
      }
      const other = pushed.find((p) => p.digest !== digest);
      if (other && !o.dryRun) throw new OperationError(`${other.ref} was pushed with digest ${other.digest}, but ${pushed[0]!.ref} with ${digest}: the tags do not name one image`);
    }
    await named;
    if (compressed === null) sized ??= localSize();
    pushed.sort((a, b) => plan.tags.indexOf(a.tag) - plan.tags.indexOf(b.tag)); // shown in the plan's order
    return { repository, tags: plan.tags, version: plan.version, labels, builder, imageId, size: compressed ?? (await sized), sizeCompressed: compressed !== null, digest, pushed, buildMs };
  } finally {
    build?.stop(); // an error above left it running: it must not finish behind the user's back
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** A registry client with the credentials docker pushes with: slipway's, else docker's saved plain login; null when slipway cannot read them. */
function tagClient(o: ReleaseOptions, d: ReleaseDeps, registry: string): RegistryClient | null {
  const credentials = o.credentials ?? dockerConfigCredentials(registry, d.env);
  return credentials ? new RegistryClient({ registry, credentials, fetch: d.fetch ?? nodeFetch }) : null;
}

/**
 * The other tags of a pushed image through the registry's API (a manifest PUT each), with the
 * credentials docker pushed with: slipway's (from the environment) or docker's saved plain login.
 * Null when that cannot be done (no digest, no credentials slipway can read, the registry refused
 * or failed): the caller then runs `docker push` per tag, as a careful script would.
 */
async function addTags(o: ReleaseOptions, d: ReleaseDeps, client: RegistryClient, digest: string | null, tags: string[], now: () => number): Promise<{ ms: number; manifest?: Manifest } | null> {
  const path = apiPath(o.image);
  if (o.dryRun) {
    for (const tag of tags) d.plan?.(`registry API: PUT ${client.base}/v2/${path}/manifests/${tag} (the manifest just pushed, as user ${client.username}; docker push if refused)`);
    return { ms: 0 };
  }
  if (!digest) return null;
  const started = now();
  let manifest: Manifest;
  try {
    manifest = await (d.span ?? untimed)('registry API: tags', () => client.addTags(path, digest, tags));
  } catch (e) {
    d.progress.line('tags', `the registry API did not take the tags (${(e as Error).message}): pushing them with docker`);
    return null;
  }
  const ms = now() - started;
  for (const tag of tags) d.progress.done(`tag ${tag}`, `${digest} in ${seconds(ms)} (registry API)`);
  return { ms, manifest };
}

/** `docker tag` the built image with each name, side by side; a dry run says it in one line. */
async function tagImage(o: ReleaseOptions, d: ReleaseDeps, imageId: string | null, refs: string[]): Promise<void> {
  if (o.dryRun) {
    d.plan?.(`docker tag: the built image as ${refs.join(', ')} (once ${o.credentials ? 'the login has succeeded' : 'the registry has answered'})`);
    return;
  }
  if (!imageId) throw new OperationError('the build ended without naming the image it built (its --iidfile is empty): nothing was tagged or pushed');
  const results = await Promise.all(refs.map((ref) => d.exec.run(tagCommand(o.docker, imageId, ref))));
  const failed = results.findIndex((r) => r.code !== 0);
  if (failed >= 0) throw new StepFailed(tagCommand(o.docker, imageId, refs[failed]!), results[failed]!, d.exec.name);
}

/** With credentials: docker login (which fails clearly when the registry is down); without: is the registry there at all. */
async function checkRegistry(o: ReleaseOptions, d: ReleaseDeps, registry: string): Promise<void> {
  if (o.credentials) {
    await login(d.exec, o.docker, registry, o.credentials);
    if (!o.dryRun) d.progress.done('login', `${registry} as ${o.credentials.username}`);
  } else if (!o.dryRun) {
    await new RegistryClient({ registry, fetch: d.fetch ?? nodeFetch }).probe();
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
    await new RegistryClient({ registry, fetch: nodeFetch }).probe();
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

const untimed = <T>(_label: string, work: () => Promise<T>): Promise<T> => work();

function lastLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop()?.trim() ?? '';
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

