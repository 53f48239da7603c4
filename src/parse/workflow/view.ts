// The workflow view of a project: every `.github/workflows/*.y*ml` parsed once (parse errors go
// to project.errors), with its triggers, jobs, steps, image builds, pushes, logins and tags.

import { memoized, memoizedPerFile } from '../../project/memo.js';
import { filesOfKind, type ProjectModel, type SourceFile } from '../../project/model.js';
import type { FileError } from '../../types.js';
import { parseShell } from '../dockerfile/shell.js';
import { entry, get, isLMap, isLScalar, isLSeq, items, str } from '../compose/values.js';
import type {
  DockerLogin,
  ImageBuild,
  LMap,
  LScalar,
  LValue,
  Loc,
  PushMode,
  RefFilter,
  RunCommand,
  RunWord,
  TagFacts,
  Triggers,
  UsesRef,
  WorkflowFile,
  WorkflowJob,
  WorkflowStep,
  WorkflowView,
} from './model.js';
import { parseWorkflowYaml, valueOffsets } from './yaml.js';

export const workflowOf = memoized(buildWorkflowView);

function buildWorkflowView(project: ProjectModel): WorkflowView {
  const files: WorkflowFile[] = [];
  for (const file of filesOfKind(project, 'workflow')) {
    const { wf, errors } = workflowFileOf(file);
    project.errors.push(...errors);
    files.push(wf);
  }
  return { files };
}

/** One workflow file's view and parse errors: a pure function of the file, kept while its object is (memo.ts). */
const workflowFileOf = memoizedPerFile((file: SourceFile): { wf: WorkflowFile; errors: FileError[] } => {
  const parsed = parseWorkflowYaml(file);
  const root = isLMap(parsed.value) ? parsed.value : null;
  const wf: WorkflowFile = {
    file,
    doc: parsed.doc,
    root,
    triggers: triggersOf(root),
    permissions: entry(root, 'permissions') ?? null,
    jobs: [],
  };
  const jobs = get(root, 'jobs');
  if (isLMap(jobs)) {
    for (const [id, e] of jobs.entries) {
      if (!isLMap(e.value)) continue;
      wf.jobs.push(jobOf(id, e.keyLoc, e.value));
    }
  }
  return { wf, errors: parsed.errors };
});

/** Every image build of the project's workflows. */
export function allBuilds(view: WorkflowView): ImageBuild[] {
  return view.files.flatMap((f) => f.jobs.flatMap((j) => j.builds));
}

export function fileOfJob(view: WorkflowView, job: WorkflowJob): WorkflowFile | undefined {
  return view.files.find((f) => f.jobs.includes(job));
}

// ---- triggers ----

function filterOf(v: LValue | undefined, include: string, exclude: string): RefFilter | undefined {
  const inc = get(v, include);
  if (inc !== undefined) return isLSeq(inc) ? inc.items.map((i) => str(i) ?? '').filter(Boolean) : str(inc) ? [str(inc)!] : [];
  if (get(v, exclude) !== undefined) return 'all';
  return undefined;
}

export function triggersOf(root: LMap | null): Triggers {
  const on = entry(root, 'on');
  const t: Triggers = { events: new Set(), pushBranches: 'none', pushTags: 'none', pullRequest: false, loc: on?.keyLoc ?? null };
  const v = on?.value;
  if (isLScalar(v) && typeof v.value === 'string') t.events.add(v.value);
  else if (isLSeq(v)) {
    for (const i of v.items) if (str(i)) t.events.add(str(i)!);
  } else if (isLMap(v)) {
    for (const k of v.entries.keys()) t.events.add(k);
  }
  t.pullRequest = t.events.has('pull_request') || t.events.has('pull_request_target');
  if (t.events.has('push')) {
    const push = isLMap(v) ? v.entries.get('push')?.value : undefined;
    const branches = filterOf(push, 'branches', 'branches-ignore');
    const tags = filterOf(push, 'tags', 'tags-ignore');
    // As GitHub: with only `tags:` no branch push runs, with only `branches:` no tag push runs.
    t.pushBranches = branches ?? (tags === undefined ? 'all' : 'none');
    t.pushTags = tags ?? (branches === undefined ? 'all' : 'none');
  }
  return t;
}

/** The push trigger includes the default branch (main/master, or every branch). */
export function pushesOnMain(t: Triggers): boolean {
  if (t.pushBranches === 'all') return true;
  if (t.pushBranches === 'none') return false;
  return t.pushBranches.some((b) => /^(main|master|\*\*?|\*)$/.test(b) || b === 'refs/heads/main');
}

/** The workflow runs for version tags (`on.push.tags`, or a release). */
export function runsOnTags(t: Triggers): boolean {
  return (t.pushTags !== 'none' && !(t.pushTags === 'all' && t.pushBranches === 'all')) || t.events.has('release');
}

// ---- jobs and steps ----

function condition(v: LValue | undefined): string {
  if (!isLScalar(v) || v.value === null || v.value === undefined) return '';
  return String(v.value);
}

function jobOf(id: string, keyLoc: Loc, value: LMap): WorkflowJob {
  const job: WorkflowJob = {
    id,
    keyLoc,
    value,
    condition: condition(get(value, 'if')),
    permissions: entry(value, 'permissions') ?? null,
    steps: [],
    builds: [],
    logins: [],
  };
  items(get(value, 'steps')).forEach((s, index) => {
    if (!isLMap(s)) return;
    job.steps.push(stepOf(s, index));
  });
  for (const step of job.steps) {
    job.builds.push(...buildsOf(job, step));
    job.logins.push(...loginsOf(step));
  }
  // `docker push` in a later step pushes what an earlier `docker build` built.
  const runBuilds = job.builds.filter((b) => b.via === 'run');
  const pushes = job.steps.flatMap((s) => s.commands.filter((c) => dockerSub(c)?.sub === 'push').map((c) => ({ s, c })));
  if (runBuilds.length && pushes.length) {
    const first = pushes[0]!;
    for (const b of runBuilds) {
      if (b.push !== 'no') continue;
      b.push = pushMode(first.s.condition || job.condition);
      b.pushLoc = locOf(first.s, first.c.words[0]!.start, first.c.end);
      b.pushText = first.s.condition;
    }
  }
  if (runBuilds.length) {
    // Tags of run builds: every -t, `docker tag` target and `docker push` operand of the job.
    const facts = emptyFacts();
    for (const s of job.steps) {
      for (const c of s.commands) {
        for (const t of runTags(c)) {
          // `-t $REGISTRY/$REPO:$IMAGE_TAG` with `env: IMAGE_TAG: ${{ github.sha }}`: judged as the shell sees it.
          const text = withEnv(t.text, s, job);
          addLiteralTag(facts, text, locOf(s, t.start, t.end));
          // A name or tag another step or job computed (`IMAGE: ${{ matrix.image }}` from a meta job) is not visible here.
          if (COMPUTED.test(text) && !facts.sha) facts.unknown = true;
        }
      }
    }
    // The same for every run build of the job: found once (2,400 builds, each -t, were 2,400² tags).
    const registries = registriesOf(facts.tags.map((t) => t.text));
    for (const b of runBuilds) {
      b.tags = byDigestOnly(b) ? { ...emptyFacts(), unknown: true } : facts;
      b.registries = registries;
    }
  }
  return job;
}

function stepOf(value: LMap, index: number): WorkflowStep {
  const usesV = get(value, 'uses');
  const runV = get(value, 'run');
  const run = isLScalar(runV) && typeof runV.value === 'string' ? runV : null;
  return {
    index,
    value,
    id: str(get(value, 'id')) || null,
    uses: isLScalar(usesV) && typeof usesV.value === 'string' ? usesRef(usesV) : null,
    run,
    commands: run ? runCommands(run) : [],
    with: isLMap(get(value, 'with')) ? (get(value, 'with') as LMap) : null,
    condition: condition(get(value, 'if')),
  };
}

export function usesRef(scalar: LScalar): UsesRef {
  const s = String(scalar.value).trim();
  if (s.startsWith('./') || s.startsWith('../')) return { name: s, ref: '', kind: 'local', scalar };
  if (s.startsWith('docker://')) return { name: s, ref: '', kind: 'docker', scalar };
  const at = s.lastIndexOf('@');
  return at < 0 ? { name: s.toLowerCase(), ref: '', kind: 'action', scalar } : { name: s.slice(0, at).toLowerCase(), ref: s.slice(at + 1), kind: 'action', scalar };
}

/** `owner/repo` of an action (`docker/build-push-action` for `docker/build-push-action/sub@v1`). */
export function actionRepo(u: UsesRef): string {
  return u.name.split('/').slice(0, 2).join('/');
}

const EXPR = /\$\{\{[\s\S]*?\}\}/g;

/** The docker/podman commands of a `run:` script, words located in the file. */
export function runCommands(run: LScalar): RunCommand[] {
  const value = String(run.value);
  if (!/\b(docker|podman)\b/.test(value)) return [];
  const masks: [number, number][] = [];
  const masked = value.replace(EXPR, (m, at: number) => {
    masks.push([at, at + m.length]);
    return '_'.repeat(m.length);
  });
  const script = parseShell(masked, 0);
  const toFile = valueOffsets(run);
  const out: RunCommand[] = [];
  for (const c of script.commands) {
    if (c.program !== 'docker' && c.program !== 'podman') continue;
    const words: RunWord[] = c.words.map((w) => {
      const expr = masks.some(([a, b]) => a < w.end && b > w.start);
      const text = value.slice(w.start, w.end);
      return {
        value: expr ? unquote(text) : (w.value ?? text),
        text,
        dynamic: expr || w.value === null,
        start: toFile(w.start),
        end: Math.max(toFile(w.start), toFile(w.end)),
      };
    });
    out.push({ program: c.program, words, start: toFile(c.start), end: toFile(c.end) });
  }
  return out;
}

function unquote(s: string): string {
  return /^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s;
}

const DOCKER_GLOBAL_WITH_VALUE = new Set(['--config', '-c', '--context', '-H', '--host', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

/** The docker sub-command (`build`, `buildx build`, `push`, `login`, `tag`...) and the index of its first argument. */
export function dockerSub(c: RunCommand): { sub: string; args: RunWord[] } | null {
  const w = c.words;
  let i = 1;
  const next = (): string | null => {
    while (i < w.length) {
      const v = w[i]!.value;
      if (DOCKER_GLOBAL_WITH_VALUE.has(v)) i += 2;
      else if (v.startsWith('-')) i++;
      else return w[i++]!.value;
    }
    return null;
  };
  const first = next();
  if (!first) return null;
  const second = () => {
    const at = i;
    const v = next();
    return { v, at };
  };
  if (first === 'buildx' || first === 'image' || first === 'builder' || first === 'compose') {
    const { v } = second();
    if (!v) return null;
    const sub = first === 'image' ? v : first === 'buildx' && v === 'b' ? 'buildx build' : `${first} ${v}`;
    return { sub: sub === 'image build' ? 'build' : sub === 'image push' ? 'push' : sub === 'builder build' ? 'build' : sub, args: w.slice(i) };
  }
  return { sub: first, args: w.slice(i) };
}

const BUILD_SUBS = new Set(['build', 'buildx build', 'buildx bake', 'compose build']);
const TAG_FLAGS = new Set(['-t', '--tag']);

/** Option values of a command's args: `-t x`, `--tag x`, `--tag=x`, `-tx`. */
function optionValues(args: RunWord[], flags: Set<string>): RunWord[] {
  const out: RunWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.value.indexOf('=');
    if (flags.has(a.value) && args[i + 1]) out.push(args[++i]!);
    else if (eq > 0 && flags.has(a.value.slice(0, eq))) {
      const skip = a.text.indexOf('=') + 1;
      out.push({ ...a, value: a.value.slice(eq + 1), text: a.text.slice(skip), start: a.start + skip });
    } else if (/^-t[^-]/.test(a.value) && flags.has('-t')) out.push({ ...a, value: a.value.slice(2), text: a.text.slice(2), start: a.start + 2 });
  }
  return out;
}

function hasFlag(args: RunWord[], ...flags: string[]): RunWord | undefined {
  return args.find((a) => flags.some((f) => a.value === f || a.value.startsWith(`${f}=`)));
}

function runTags(c: RunCommand): RunWord[] {
  const d = dockerSub(c);
  if (!d) return [];
  if (BUILD_SUBS.has(d.sub)) return optionValues(d.args, TAG_FLAGS);
  const operands = d.args.filter((a) => !a.value.startsWith('-'));
  if (d.sub === 'tag') return operands.slice(1, 2);
  if (d.sub === 'push') return operands.slice(0, 1);
  return [];
}

function locOf(step: WorkflowStep, start: number, end: number): Loc {
  const file = (step.run ?? step.value).loc.file;
  return { file, start, end };
}

// ---- builds ----

/** How an `if:`/`push:` text decides: `true`/absent → yes, `false` → no, an expression → conditional. */
function pushMode(text: string): PushMode {
  const t = text.trim();
  if (t === '' || /^true$/i.test(t)) return 'yes';
  if (/^false$/i.test(t)) return 'no';
  return 'conditional';
}

function scalarText(v: LValue | undefined): string {
  if (!isLScalar(v) || v.value === null || v.value === undefined) return '';
  return String(v.value);
}

function buildsOf(job: WorkflowJob, step: WorkflowStep): ImageBuild[] {
  const out: ImageBuild[] = [];
  const repo = step.uses?.kind === 'action' ? actionRepo(step.uses) : '';
  if (repo === 'docker/build-push-action' || repo === 'docker/bake-action') {
    const w = step.with;
    const pushE = entry(w, 'push');
    const outputs = scalarText(get(w, 'outputs'));
    let pushText = scalarText(pushE?.value);
    let push: PushMode = pushE ? pushMode(pushText) : 'no';
    let pushLoc: Loc | null = pushE ? pushE.value.loc : null;
    if (push === 'no' && /type=registry|push=true/.test(outputs)) {
      push = 'yes';
      pushLoc = entry(w, 'outputs')!.value.loc;
      pushText = 'true';
    }
    if (push !== 'no' && (step.condition || job.condition) && push === 'yes') push = 'conditional';
    const tagsE = entry(w, 'tags');
    // Pushed by digest, the image gets its tags later (`imagetools create -t` in a merge job): not visible here.
    const tags = repo === 'docker/bake-action' || PUSH_BY_DIGEST.test(outputs) ? { ...emptyFacts(), unknown: true } : tagFacts(job, tagsE?.value);
    const cacheFrom = scalarText(get(w, 'cache-from'));
    out.push({
      job,
      step,
      via: repo === 'docker/bake-action' ? 'bake-action' : 'build-push-action',
      loc: step.uses!.scalar.loc,
      push,
      pushLoc,
      pushText: [job.condition, step.condition, pushText].filter(Boolean).join(' && '),
      tags,
      tagsLoc: tagsE ? tagsE.keyLoc : null,
      cache: cacheFrom.trim() !== '' || repo === 'docker/bake-action',
      registries: registriesOf([...tags.tags.map((t) => t.text), ...tags.images]),
      ...(repo === 'docker/bake-action' ? { context: null, file: null } : { context: staticPath(get(w, 'context')), file: staticPath(get(w, 'file')) }),
    });
  }
  for (const c of step.commands) {
    const d = dockerSub(c);
    if (!d || !BUILD_SUBS.has(d.sub)) continue;
    const pushFlag = hasFlag(d.args, '--push') ?? d.args.find((a) => /^--output(=|$)/.test(a.value) && /type=registry|push=true/.test(a.value)) ?? (d.sub === 'buildx bake' ? bakePushSet(d.args) : undefined);
    const loc = locOf(step, c.words[0]!.start, c.end);
    out.push({
      job,
      step,
      via: 'run',
      loc,
      push: pushFlag ? pushMode(step.condition || job.condition) : 'no',
      pushLoc: pushFlag ? locOf(step, pushFlag.start, pushFlag.end) : null,
      pushText: [job.condition, step.condition].filter(Boolean).join(' && '),
      tags: emptyFacts(),
      tagsLoc: null,
      cache: hasFlag(d.args, '--cache-from') !== undefined,
      registries: [],
      ...buildOperands(d),
    });
  }
  return out;
}

const PUSH_BY_DIGEST = /push-by-digest=true/;
const COMPUTED = /\$\{\{\s*(steps|needs|matrix)\./;

/** `$NAME` and `${NAME}` replaced by the step's, else the job's, `env:` value when one is written there. */
function withEnv(text: string, step: WorkflowStep, job: WorkflowJob): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare!;
    const value = str(get(step.value, 'env', name)) ?? str(get(job.value, 'env', name));
    return value ?? whole;
  });
}


/** A run build whose output pushes by digest only (`--output …,push-by-digest=true`, or bake's `--set *.output=…`). */
function byDigestOnly(b: ImageBuild): boolean {
  return b.step.commands.some((c) => {
    const d = dockerSub(c);
    return !!d && BUILD_SUBS.has(d.sub) && d.args.some((a) => PUSH_BY_DIGEST.test(a.value));
  });
}

/** `docker buildx bake --set "*.output=type=registry"` (or `--set t.push=true`): bake pushes what it builds. */
function bakePushSet(args: RunWord[]): RunWord | undefined {
  const pushes = (v: string) => /\.(output=.*(type=registry|push=true)|push=true)/.test(v);
  return args.find((a, i) => (a.value.startsWith('--set=') && pushes(a.value)) || (a.value === '--set' && pushes(args[i + 1]?.value ?? '')));
}

/** A path input as written ('' when absent), or null when it is an expression or a remote context. */
function staticPath(v: LValue | undefined): string | null {
  if (v === undefined) return '';
  const t = scalarText(v).trim();
  if (t.includes('${{') || /^[a-z][a-z0-9+.-]*:\/\//i.test(t) || t.startsWith('git@')) return null;
  return t;
}

/** `docker build` flags that take no value; every other flag takes one (`-t x`, `--build-arg A=1`). */
const BOOLEAN_BUILD_FLAGS = new Set(['--push', '--load', '--pull', '--no-cache', '-q', '--quiet', '--rm', '--force-rm', '--compress', '--squash', '--disable-content-trust', '--check', '--debug']);

/** The context operand and `-f` of `docker build` / `docker buildx build`. */
export function buildOperands(d: { sub: string; args: RunWord[] }): { context: string | null; file: string | null } {
  if (d.sub !== 'build' && d.sub !== 'buildx build') return { context: null, file: null };
  let context: RunWord | null = null;
  let file: RunWord | null = null;
  for (let i = 0; i < d.args.length; i++) {
    const a = d.args[i]!;
    if (!a.value.startsWith('-') || a.value === '-') context = a;
    else if (a.value === '-f' || a.value === '--file') file = d.args[++i] ?? null;
    else if (/^(-f|--file=)/.test(a.value)) file = { ...a, value: a.value.replace(/^(-f=?|--file=)/, '') };
    else if (!a.value.includes('=') && !BOOLEAN_BUILD_FLAGS.has(a.value)) i++;
  }
  const known = (w: RunWord | null) => (w === null ? '' : w.dynamic || w.value === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(w.value) ? null : w.value);
  return { context: context ? known(context) : null, file: known(file) };
}

export function emptyFacts(): TagFacts {
  return { unknown: false, sha: null, latest: null, semver: null, tags: [], images: [] };
}

const SHA = /github\.sha|GITHUB_SHA|github\.event\.pull_request\.head\.sha|git rev-parse|\{\{\s*sha\s*\}\}|(^|[^a-z])sha([^a-z]|$)/i;
const SEMVER = /github\.ref_name|GITHUB_REF_NAME|github\.ref\b|GITHUB_REF\b|\bversion\b|\{\{\s*version\s*\}\}|\bVERSION\b|\brelease\b/i;

/** A literal tag (`ghcr.io/o/app:${{ github.sha }}`): what its tag part says. */
function addLiteralTag(facts: TagFacts, text: string, loc: Loc): void {
  facts.tags.push({ text, loc });
  const expr = text.match(/\$\{\{[\s\S]*?\}\}|\$\{?\w+/g)?.join(' ') ?? '';
  const lastSlash = text.lastIndexOf('/');
  const colon = text.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? 'latest' : text.slice(colon + 1);
  if (!facts.sha && (/github\.sha|GITHUB_SHA/.test(text) || (expr && SHA.test(expr)))) facts.sha = loc;
  if (!facts.latest && tag === 'latest') facts.latest = loc;
  if (!facts.semver && (/^v?\d+\.\d+/.test(tag) || (expr && SEMVER.test(expr)))) facts.semver = loc;
}

/** Splits a tag list the way the docker actions do: by newlines and commas. */
function splitList(scalar: LScalar, sep: RegExp): { text: string; loc: Loc }[] {
  const value = String(scalar.value ?? '');
  const toFile = valueOffsets(scalar);
  const out: { text: string; loc: Loc }[] = [];
  let at = 0;
  for (const part of value.split(sep)) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text && !text.startsWith('#')) out.push({ text, loc: { file: scalar.loc.file, start: toFile(at + lead), end: toFile(at + lead + text.length) } });
    at += part.length + 1;
  }
  return out;
}

function tagFacts(job: WorkflowJob, tags: LValue | undefined): TagFacts {
  const facts = emptyFacts();
  if (!tags) return facts;
  const list = isLScalar(tags) ? splitList(tags, /[\n,]/) : isLSeq(tags) ? tags.items.filter(isLScalar).map((s) => ({ text: String(s.value ?? ''), loc: s.loc })) : [];
  for (const t of list) {
    const output = /steps\.([\w-]+)\.outputs\.(tags|json)\b/.exec(t.text);
    const meta = output && job.steps.find((s) => s.id === output[1] && s.uses && actionRepo(s.uses) === 'docker/metadata-action');
    if (meta) {
      metadataFacts(meta, facts);
      const images = get(meta.with, 'images');
      if (isLScalar(images)) for (const i of splitList(images, /[\n,]/)) facts.images.push(i.text.split(',')[0]!.replace(/^name=/, ''));
      continue;
    }
    // Tags computed by another step's script are not visible (unless their name says SHA): not judged.
    if (/steps\.[\w-]+\.outputs\./.test(t.text) && !SHA.test(t.text)) {
      facts.unknown = true;
      continue;
    }
    addLiteralTag(facts, t.text, t.loc);
  }
  return facts;
}

/** The tags docker/metadata-action generates: `type=sha`, `type=raw,value=latest`, `type=semver`... */
function metadataFacts(meta: WorkflowStep, facts: TagFacts): void {
  const tagsV = get(meta.with, 'tags');
  const entries = isLScalar(tagsV)
    ? splitList(tagsV, /\n/)
    : [
        // The action's default tags.
        { text: 'type=schedule', loc: meta.uses!.scalar.loc },
        { text: 'type=ref,event=branch', loc: meta.uses!.scalar.loc },
        { text: 'type=ref,event=tag', loc: meta.uses!.scalar.loc },
        { text: 'type=ref,event=pr', loc: meta.uses!.scalar.loc },
      ];
  for (const e of entries) {
    facts.tags.push(e);
    const attrs = new Map<string, string>();
    for (const kv of e.text.split(',')) {
      const eq = kv.indexOf('=');
      if (eq > 0) attrs.set(kv.slice(0, eq).trim(), kv.slice(eq + 1).trim());
    }
    if (!attrs.has('type')) {
      // A plain line is a raw value.
      if (!e.text.includes('=')) attrs.set('type', 'raw').set('value', e.text);
      else continue;
    }
    if (attrs.get('enable') === 'false') continue;
    const type = attrs.get('type');
    const value = attrs.get('value') ?? '';
    if (type === 'sha' && !facts.sha) facts.sha = e.loc;
    if ((type === 'raw' || type === 'edge') && value === 'latest' && !facts.latest) facts.latest = e.loc;
    if (type === 'raw' && /\{\{\s*sha\s*\}\}|github\.sha|GITHUB_SHA/.test(value) && !facts.sha) facts.sha = e.loc;
    if ((type === 'semver' || type === 'pep440' || type === 'match' || (type === 'ref' && attrs.get('event') === 'tag')) && !facts.semver) facts.semver = e.loc;
  }
  const flavor = get(meta.with, 'flavor');
  if (isLScalar(flavor) && /(^|[\n,])\s*latest=true\b/.test(String(flavor.value ?? '')) && !facts.latest) facts.latest = flavor.loc;
}

function registriesOf(tags: string[]): string[] {
  const out = new Set<string>();
  for (const t of tags) {
    if (t.startsWith('type=')) continue;
    const first = t.split('/')[0] ?? '';
    if (t.includes('/') && /[.:]|^localhost$/.test(first) && !first.includes('${{')) out.add(first.toLowerCase());
    else out.add('docker.io');
  }
  return [...out];
}

// ---- logins ----

function loginsOf(step: WorkflowStep): DockerLogin[] {
  const out: DockerLogin[] = [];
  if (step.uses?.kind === 'action' && actionRepo(step.uses) === 'docker/login-action') {
    const p = entry(step.with, 'password');
    out.push({
      step,
      via: 'login-action',
      registry: scalarText(get(step.with, 'registry')) || 'docker.io',
      password: p ? { text: scalarText(p.value), loc: p.value.loc.end > p.value.loc.start ? p.value.loc : p.keyLoc } : null,
      passwordInArgv: false,
    });
  }
  for (const c of step.commands) {
    const d = dockerSub(c);
    if (!d || d.sub !== 'login') continue;
    const pw = optionValues(d.args, new Set(['-p', '--password']))[0];
    const registry = d.args.find((a, i) => !a.value.startsWith('-') && !['-u', '--username', '-p', '--password'].includes(d.args[i - 1]?.value ?? ''));
    out.push({
      step,
      via: 'run',
      registry: registry?.value ?? 'docker.io',
      password: pw ? { text: pw.text, loc: locOf(step, pw.start, pw.end) } : null,
      passwordInArgv: pw !== undefined,
    });
  }
  return out;
}
