// `slipway check [PATH...]`: find, check, fix and report; returns the exit code.

import { isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { computeChecklist, mergeChecklists, type ChecklistItem } from '../../checklist/index.js';
import type { Config, Threshold } from '../../config/config.js';
import { loadConfig } from '../../config/load.js';
import { checkProject, fixProject, type ProjectCheckOptions } from '../../engine/check-project.js';
import { activeRules } from '../../engine/effective-rules.js';
import { heapPacer } from '../../engine/heap-pacer.js';
import { letYoungGenerationGrow } from '../../engine/young-generation.js';
import { shellcheckFile, shellcheckQueue, type ShellcheckOutcome } from '../../engine/shellcheck/run.js';
import { EXIT, OperationError, UsageError } from '../../errors.js';
import { buildProject, withTexts, type FileText } from '../../project/build.js';
import { checkRoot } from '../../project/check-root.js';
import { discover, kindOf } from '../../project/discover.js';
import type { ProjectModel } from '../../project/model.js';
import { dockerfileTooBig } from '../../project/limits.js';
import { loadDiskFacts, loadDockerfileDiskFacts } from '../../project/load-disk.js';
import { FolderNames } from '../../project/folder-names.js';
import { DiskUses } from '../../project/disk-uses.js';
import { encodeText } from '../../project/bytes.js';
import { fromBytes, isInside, readProjectFile, refusalError, type FileStamp } from '../../project/read-file.js';
import { replaceFile, writeProjectFile, writeUserFile } from '../../project/write-file.js';
import { FORMAT_NAMES, reportPieces, type FormatName, type ReportInput } from '../../report/index.js';
import { writePieces } from '../write-pieces.js';
import { batches } from '../../util/batches.js';
import { maskForDisplay } from '../../report/redact.js';
import { safeForTerminal } from '../../report/terminal.js';
import { ruleInfos } from '../../report/rule-info.js';
import { RULES } from '../../rules/index.js';
import { SEVERITIES, severityRank, type CheckResult, type FileError, type Severity } from '../../types.js';
import { VERSION } from '../../version.js';
import type { CliIO } from '../io.js';
import type { ImageTarget } from './check-image.js';
import { CHECK_OPTIONS } from './check-options.js';
import { finishEntry, mainStamp, openCache, startEntry } from '../../cache/check-cache.js';
import type { EntryWriter } from '../../cache/entry-writer.js';
import { inputPaths } from '../../project/inputs.js';
import { compareText } from '../../util/compare-text.js';

export const CHECK_HELP = `Usage: slipway check [options] [PATH...]

Checks a project's Docker setup: Dockerfiles, compose files, .dockerignore, CI workflows and env files
(files or folders, searched recursively; default: . unless an image is given). '-' reads a Dockerfile
from standard input. With --image or --image-file it audits a built image too, read as a stream (user,
healthcheck, secrets in config and history, credential files in any layer, setuid files, caches, size);
with a PATH as well, image findings point at the Dockerfile instruction that made the layer.

Options:
  -f, --format FORMAT           text, json, sarif, checkstyle, gitlab, github (default: text)
  -o, --output FILE             write the report to FILE
  -t, --failure-threshold LEVEL error, warning, info, style or none (default: info)
      --fix                     rewrite files with the available fixes
      --fix-dry-run             print the fixes as a unified diff; change nothing
      --stdin-filename NAME     the name to report for standard input
  -c, --config FILE             config file (default: .slipway.yaml, else .hadolint.yaml)
      --ignore RULE             turn a rule off (repeatable; id or alias such as DL3008)
      --trusted-registry REG    allow only these registries in FROM (repeatable)
      --image NAME              audit a local image, streamed from \`docker save\` (repeatable)
      --image-file FILE         audit an image saved with \`docker save\` (docker archive or OCI layout, may be gzipped)
      --registry                read --image from its registry (Registry API v2, layers streamed; logged in as
                                'slipway tags': SLIPWAY_REGISTRY_USER/SLIPWAY_REGISTRY_PASSWORD, else docker login's);
                                a registry-qualified name the engine does not have is read from its registry anyway
      --target STAGE            the stage that ships (as docker build --target; default: a production
                                compose file's build.target for it, else the last stage)
      --no-color                no colour in text output (NO_COLOR is honoured too)
      --no-shellcheck-cache     run ShellCheck on every RUN script (by default its results are kept per script
                                text, shellcheck build and options in $XDG_CACHE_HOME/slipway/shellcheck)
      --cache                   print the last report again when nothing it depended on changed (files, config,
                                git status, shellcheck, slipway); not with --fix, --output, stdin or images
      --cache-location DIR      where --cache keeps its entries (default: node_modules/.cache/slipway when the
                                project has node_modules, else $XDG_CACHE_HOME/slipway/check)
  -h, --help                    show this help

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 usage, config or internal error.
`;

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: CHECK_OPTIONS });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.clean;
  }
  // --cache: the inputs are stamped before anything is read; what is printed goes to the entry for the
  // next run as it is printed (never the report as one string).
  const cache = values.cache ? openCache(argv, io) : null;
  const stampBefore = cache ? mainStamp(cache) : null;
  const entry = cache ? startEntry(cache) : null;
  if (entry) io = recordingIO(io, entry);
  const format = values.format as FormatName;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown --format '${values.format}' (use ${FORMAT_NAMES.join(', ')})`);
  const threshold = values['failure-threshold'];
  if (threshold !== undefined && ![...SEVERITIES, 'none'].includes(threshold)) {
    throw new UsageError(`unknown --failure-threshold '${threshold}' (use ${[...SEVERITIES, 'none'].join(', ')})`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  const images: ImageTarget[] = [
    ...values.image.map((name) => ({ kind: values.registry ? ('registry' as const) : ('image' as const), name })),
    ...values['image-file'].map((name) => ({ kind: 'file' as const, name })),
  ];
  if (values.registry && !values.image.length) throw new UsageError('--registry reads the images named by --image; name one');
  const paths = positionals.length ? positionals : images.length ? [] : ['.'];
  if (values.fix && paths.includes('-')) throw new UsageError('--fix cannot rewrite standard input; use --fix-dry-run');

  const config = await loadConfig(io.cwd, values.config && resolve(io.cwd, values.config));
  const overrides: Config['rules'] = { ...config.rules };
  for (const id of values.ignore) overrides[id] = 'off';
  const options: ProjectCheckOptions = {
    rules: activeRules(RULES, overrides),
    settings: {
      ...config.settings,
      trustedRegistries: values['trusted-registry'].length ? values['trusted-registry'] : config.settings.trustedRegistries,
    },
    target: values.target,
  };

  const activeIds = new Set(options.rules.map((r) => r.rule.meta.id));
  const result: CheckResult = { findings: [], errors: [] };
  const diffs: string[] = []; // --fix-dry-run: one per changed file
  // What was read, for --fix to check before writing; a check that writes nothing keeps none (a stamp per file, ~0.3 kB, held to the end: issue 15).
  const stamps = values.fix ? new Map<string, FileStamp>() : null;
  const checklists: ChecklistItem[][] = [];
  const projects: ProjectModel[] = [];
  const shellchecks: Promise<ShellcheckOutcome>[] = [];
  for (const path of paths) {
    const { files, errors } = path === '-' ? await stdinFile(io, values['stdin-filename']) : readProject(io.cwd, path, config.ignore, stamps);
    result.errors.push(...errors);
    if (!files.length) continue;
    const root = path === '-' ? io.cwd : checkRoot(resolve(io.cwd, path));
    // What the disk says beyond the texts (contexts, env file modes, git) is read here, once, before any rule.
    // Each Dockerfile is parsed just before its rules and dropped after them, keeping what the project rules
    // read (its outline): memory grows with the findings, not with the files. --fix rebuilds projects and
    // --image maps layers onto the models: those keep every model. SLIPWAY_RELEASE_MODELS=0 keeps them too (to measure).
    // Between windows of Dockerfiles a pacer collects V8's old generation when it grew 8 MB (heap-pacer.ts;
    // SLIPWAY_HEAP_PACER=0 turns it off, to measure).
    const streamed = io.env.SLIPWAY_RELEASE_MODELS !== '0' && !values.fix && !values['fix-dry-run'] && !images.length;
    const names = new FolderNames(); // one listing per folder for the whole load, per-Dockerfile facts included
    const built = buildProject(root, files);
    // A streamed check drops each Dockerfile's disk facts after the last Dockerfile that reads them; --cache stamps them all at the end.
    const uses = streamed && !cache ? new DiskUses(built.disk, built.dockerfiles.map((d) => d.file)) : undefined;
    const project = loadDiskFacts(built, { models: !streamed, names, uses });
    // The texts live on in the project's files alone (a streamed check lets each Dockerfile's go after it): this
    // array, kept by the run until it ends, would hold every text to the end of the report.
    files.length = 0;
    let checked = project;
    if (values.fix || values['fix-dry-run']) {
      const changed = fixProject(project, options, (texts) => loadDiskFacts(withTexts(project, texts)));
      const written = new Map<string, string>();
      for (const [abs, text] of changed) {
        const file = project.files.find((f) => f.absPath === abs)!;
        const shown = (t: string) => maskForDisplay(file.kind, t); // values in project files may be secrets
        if (!values.fix) {
          diffs.push(await unifiedDiff(file.path, shown(file.text), shown(text)));
          continue;
        }
        // Atomic, only if unchanged since read, never through a link out of the project; a failure
        // is this file's error entry and the other files are still written.
        const w = replaceFile(abs, encodeText(text), { within: root, expect: stamps!.get(abs)! });
        if (w.ok) written.set(abs, text);
        else result.errors.push({ file: file.path, line: 1, column: 1, message: `--fix: ${w.message}` });
      }
      // --fix reports what is left; a dry run reports what is there now.
      if (values.fix) checked = loadDiskFacts(withTexts(project, written));
    }
    projects.push(checked);
    // ShellCheck gets each Dockerfile's scripts (texts, not the model) as the rules reach it; its
    // processes start halfway and run while slipway's own rules check the rest.
    const queue =
      config.shellcheck === false
        ? null
        : shellcheckQueue({ binary: config.shellcheck ?? null, overrides, cacheEnv: values['no-shellcheck-cache'] ? undefined : io.env, cacheScope: root }, checked.dockerfiles.length);
    letYoungGenerationGrow(); // the launcher held it small while the files were read (young-generation.ts)
    const r = checkProject(checked, {
      ...options,
      ...(queue?.wanted ? { eachDockerfile: (_file, df) => queue.add(shellcheckFile(df)) } : {}),
      ...(streamed
        ? {
            beforeDockerfile: (file) => loadDockerfileDiskFacts(checked, file, names, uses),
            releaseModels: true,
            releaseTexts: true,
            ...(uses ? { afterContexts: (file) => uses.release(file) } : {}),
            ...(io.env.SLIPWAY_HEAP_PACER !== '0' ? { betweenWindows: heapPacer() } : {}),
          }
        : {}),
    });
    if (queue) {
      const job = queue.done();
      job.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
      shellchecks.push(job);
    }
    checklists.push(computeChecklist(checked, r.findings, { suppressed: r.suppressed, errors: r.errors, active: activeIds }));
    result.findings.push(...r.findings);
    result.errors.push(...r.errors);
  }

  // ShellCheck on every RUN, at this edge (it starts processes): what the jobs started above found.
  if (shellchecks.length) {
    const outcomes = await Promise.all(shellchecks);
    const note = outcomes.find((o) => o.note)?.note;
    if (note) io.stderr(`slipway: info: ${safeForTerminal(note)}\n`); // it may name the project's files
    for (const sc of outcomes) result.findings.push(...sc.findings);
    result.findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule));
  }

  if (images.length) {
    const { auditImages } = await import('./check-image.js'); // the tar reader loads only for images
    const r = await auditImages(images, { rules: options.rules, settings: options.settings }, projects, io);
    result.findings.push(...r.findings);
    result.errors.push(...r.errors);
  }

  const color = format === 'text' && !values.output && io.isTTY && !values['no-color'] && !(io.env.NO_COLOR ?? '');
  const input: ReportInput = { result: publicResult(result), rules: ruleInfos(RULES), version: VERSION, color, cwd: io.cwd, checklist: mergeChecklists(checklists) };
  // The report goes out as it is made, in every format: a report of many findings is never one string (issue 15).
  // Each walk makes it anew, so a write that starts over (-o falling back to in place) gets all of it.
  const report: Iterable<string> = { [Symbol.iterator]: () => reportPieces[format](input)[Symbol.iterator]() };
  let complete = true; // false when stdout closed early (`| head`): such a report is not kept by --cache
  try {
    // The diff is for people: on stdout with the text report, on stderr when stdout is a JSON/XML document.
    // Written a line per piece: never all the diffs joined as one string.
    if (values['fix-dry-run']) {
      const pieces = diffPieces(diffs);
      if (format === 'text') complete = await writePieces(io, pieces);
      else for (const batch of batches(pieces)) io.stderr(batch);
    }
    if (values.output) writeReport(io.cwd, values.output, report);
    else if (!values['fix-dry-run'] || format !== 'text') complete = await writePieces(io, report);

    const code = exitCode(result, (threshold as Threshold | undefined) ?? config.failureThreshold);
    if (cache && entry && complete) finishEntry(cache, entry, stampBefore, projects.flatMap((p) => inputPaths(p)).filter(Boolean), code);
    return code;
  } finally {
    entry?.discard(); // the entry's temporary file, unless it was put in place
  }
}

function recordingIO(io: CliIO, entry: EntryWriter): CliIO {
  return {
    ...io,
    stdout: (s) => {
      entry.stdout(s);
      io.stdout(s);
    },
    stderr: (s) => {
      entry.stderr(s);
      io.stderr(s);
    },
  };
}

/**
 * -o FILE. Inside the current folder (the checked-out project) it may be a committed symlink, so it is
 * written like a project file: never through a link out of the project. A path elsewhere is the
 * user's own choice (/dev/stdout, /tmp/report.sarif): links followed, a regular file replaced whole.
 */
function writeReport(cwd: string, output: string, report: Iterable<string>): void {
  const abs = resolve(cwd, output);
  const w = isInside(cwd, abs) ? writeProjectFile(abs, report, { within: cwd, mode: 'replace' }) : writeUserFile(abs, report);
  if (!w.ok) throw new OperationError(`--output ${output}: ${w.message}`);
}

async function unifiedDiff(file: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import('diff');
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after);
}

/** The files' diffs one line per piece, made safe for a terminal. */
function* diffPieces(diffs: string[]): Generator<string> {
  for (const patch of diffs) {
    for (let at = 0; at < patch.length; ) {
      const end = patch.indexOf('\n', at);
      const next = end === -1 ? patch.length : end + 1;
      yield safeForTerminal(patch.slice(at, next));
      at = next;
    }
  }
}

async function stdinFile(io: CliIO, name = '-'): Promise<{ files: FileText[]; errors: FileError[] }> {
  const input = await io.readStdin();
  const r = fromBytes(typeof input === 'string' ? Buffer.from(input) : input);
  if (!r.ok) return { files: [], errors: [refusalError(name, r)] };
  const kind = kindOf(name) ?? 'dockerfile';
  const tooBig = kind === 'dockerfile' ? dockerfileTooBig(r.text) : null;
  if (tooBig) return { files: [], errors: [{ file: name, line: 1, column: 1, message: tooBig }] };
  return { files: [{ kind, path: name, absPath: resolve(io.cwd, name), text: r.text }], errors: [] };
}

/**
 * Discovers and reads one PATH argument's files; unreadable, binary, huge or special files and links
 * out of the argument's folder become errors. `stamps` gets what was read, for --fix to check before writing.
 */
function readProject(cwd: string, arg: string, ignore: string[], stamps: Map<string, FileStamp> | null): { files: FileText[]; errors: FileError[] } {
  const found = discover([resolve(cwd, arg)], ignore);
  const within = checkRoot(resolve(cwd, arg));
  const shown = (abs: string) => shownPath(cwd, arg, abs);
  const errors: FileError[] = found.unreadable.map((u) => ({ file: shown(u.path), line: 1, column: 1, message: u.message }));
  const files: FileText[] = [];
  for (const f of found.files) {
    const path = shown(f.path);
    const r = readProjectFile(f.path, { within });
    if (!r.ok) {
      errors.push(refusalError(path, r));
      continue;
    }
    const tooBig = f.kind === 'dockerfile' ? dockerfileTooBig(r.text) : null;
    if (tooBig) {
      errors.push({ file: path, line: 1, column: 1, message: tooBig });
      continue;
    }
    stamps?.set(f.path, r.stamp);
    files.push({ kind: f.kind, path, absPath: f.path, text: r.text });
  }
  return { files, errors };
}

/** A path as the user would write it: under the argument it was found from, as that argument was given. */
function shownPath(cwd: string, arg: string, abs: string): string {
  const rel = relative(resolve(cwd, arg), abs);
  if (rel === '') return arg;
  if (!rel.startsWith('..') && !isAbsolute(rel)) return normalize(join(arg, rel)).split(sep).join('/');
  return abs;
}

/**
 * What the report formats get. Not a copy without `fix`: each format writes a finding's fields one by one,
 * so its edits never leak out, and a copy of every finding held beside the originals cost ~1.6 MB of peak
 * memory on 21,324 findings (issue 15). test/unit/report/no-fix.test.ts holds every format to that.
 */
function publicResult(result: CheckResult): CheckResult {
  return { findings: result.findings, errors: result.errors };
}

export function exitCode(result: CheckResult, threshold: Threshold): number {
  if (threshold === 'none') return EXIT.clean;
  const limit = severityRank(threshold as Severity);
  const failing = result.errors.length > 0 || result.findings.some((f) => severityRank(f.severity) <= limit);
  return failing ? EXIT.findings : EXIT.clean;
}
