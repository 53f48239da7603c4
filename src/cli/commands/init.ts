// `slipway init [DIR]`: detect the stack, render the guide's Docker setup, print the plan, write it.

import { createInterface } from 'node:readline/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  applyEntry,
  DEFAULT_PORTS,
  detect,
  DetectError,
  imageSafeName,
  parseRemote,
  registryFor,
  type Language,
  type Stack,
} from '../../scaffold/detect.js';
import { imageRefProblem, parseImageRef } from '../../docker/ref.js';
import { readProject, readRegular } from '../../scaffold/read-project.js';
import { UnsafeValueError } from '../../scaffold/escape.js';
import { FILE_PURPOSE, gitignoreAdditions, render } from '../../scaffold/render.js';
import { apply, plan, type PlannedFile } from '../../scaffold/write.js';

export interface InitIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** Asks one question on the terminal; tests pass their own. Default: node:readline on stdin. */
  ask?: (question: string) => Promise<string>;
}

export const INIT_HELP = `Usage: slipway init [DIR] [options]

Writes the guide's Docker setup for the Python, Node.js or Go project in DIR (default: .):
Dockerfile, .dockerignore, docker-compose.yml, docker-compose.override.yml, .env.example,
.github/workflows/docker.yml and README.Docker.md. Existing files are never overwritten
without --force; running it twice changes nothing.

Options:
  --language LANG      python, node or go (default: detected)
  --port N             the port the app listens on (default: detected)
  --entry ENTRY        Python module:app (module:factory() for a factory) / script, Node file, Go package (default: detected)
  --command CMD        the production command, e.g. 'node dist/server.js' (default: from the entry)
  --registry HOST      image registry (default: from the git remote; ghcr.io)
  --image OWNER/NAME   image path in the registry, or a full reference (default: from the git remote)
  --base-image IMAGE   default for the Dockerfile's BASE_IMAGE argument (default: <lang>:<version>-slim)
  --health-path PATH   path the HEALTHCHECK requests (default: /)
  --service NAME       compose service name (default: app)
  -y, --yes            never ask; use detected values and defaults
  -f, --force          overwrite files that differ
  -n, --dry-run        print the plan and the files' contents; write nothing
  -h, --help           this help
`;

const LANGUAGES: readonly Language[] = ['python', 'node', 'go'];

function usage(io: InitIO, message: string): number {
  io.stderr(`slipway init: ${message}\n\nRun 'slipway init --help' for the options.\n`);
  return 2;
}

function defaultAsk(io: InitIO): (q: string) => Promise<string> {
  return async (q) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    try {
      return await rl.question(q);
    } finally {
      rl.close();
    }
  };
}

export async function runInit(argv: string[], io: InitIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        language: { type: 'string' },
        port: { type: 'string' },
        entry: { type: 'string' },
        command: { type: 'string' },
        registry: { type: 'string' },
        image: { type: 'string' },
        'base-image': { type: 'string' },
        'health-path': { type: 'string' },
        service: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        force: { type: 'boolean', short: 'f' },
        'dry-run': { type: 'boolean', short: 'n' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  if (positionals.length > 1) return usage(io, `one directory at most, got ${positionals.length}`);
  if (v.language !== undefined && !LANGUAGES.includes(v.language as Language))
    return usage(io, `--language must be one of ${LANGUAGES.join(', ')}, got '${v.language}'`);
  let port: number | undefined;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!/^\d+$/.test(v.port) || port < 1 || port > 65535) return usage(io, `--port must be 1-65535, got '${v.port}'`);
  }
  if (v.service !== undefined && !/^[a-z0-9][a-z0-9_-]*$/.test(v.service))
    return usage(io, `--service must be lower-case letters, digits, - and _, got '${v.service}'`);
  if (v['health-path'] !== undefined && !/^\/[\w\-./?=&%~]*$/.test(v['health-path']))
    return usage(io, `--health-path must be a URL path starting with /, got '${v['health-path']}'`);
  if (v['base-image'] !== undefined && !/^[\w.\-/:@]+$/.test(v['base-image']))
    return usage(io, `--base-image is not an image reference: '${v['base-image']}'`);

  let command: string[] | undefined;
  if (v.command !== undefined) {
    command = splitCommand(v.command);
    if (!command?.length) return usage(io, `--command must be a command with its arguments, got '${v.command}'`);
  }

  const interactive = io.isTTY && !v.yes;
  const ask = io.ask ?? defaultAsk(io);
  const question = async (q: string, def: string): Promise<string> => {
    const a = (await ask(`${q} [${def}]: `)).trim();
    return a || def;
  };

  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const input = await readProject(dir);

  let stack: Stack;
  let language = v.language as Language | undefined;
  for (;;) {
    try {
      stack = detect(input, { language, entry: v.entry, port, command });
      break;
    } catch (e) {
      if (!(e instanceof DetectError)) throw e;
      if (/^--entry /.test(e.message)) return usage(io, e.message);
      if (!interactive) return usage(io, `${e.message} in ${dir}; pass --language`);
      const a = await question(`Language (${LANGUAGES.join(', ')})`, 'python');
      if (!LANGUAGES.includes(a as Language)) {
        io.stderr(`slipway init: '${a}' is not one of ${LANGUAGES.join(', ')}\n`);
        continue;
      }
      language = a as Language;
    }
  }

  if (interactive) {
    if (stack.unknown.includes('entry')) {
      io.stdout(`Not sure what to run: ${stack.why.entry}\n`);
      const hint =
        stack.language === 'python'
          ? stack.framework === 'none'
            ? 'script or package to run'
            : 'module:variable of the app'
          : stack.language === 'node'
            ? 'file node runs'
            : 'main package';
      const def = stack.language === 'python' ? (stack.framework === 'none' ? 'app.py' : 'main:app') : stack.language === 'node' ? 'index.js' : '.';
      for (let tries = 1; ; tries++) {
        const a = await question(`Entry point (${hint})`, stack.entry ?? def);
        const problem = applyEntry(stack, input, a);
        if (!problem) break;
        if (tries === 3) return usage(io, `${problem}; pass --entry or --command`);
        io.stderr(`slipway init: ${problem}\n`);
      }
    }
    if (stack.unknown.includes('port')) {
      io.stdout(`Not sure of the port: ${stack.why.port}\n`);
      for (;;) {
        const a = await question('Port the app listens on', String(stack.port ?? DEFAULT_PORTS[stack.framework]));
        const n = Number(a);
        if (/^\d+$/.test(a) && n >= 1 && n <= 65535) {
          stack.port = n;
          break;
        }
        io.stderr(`slipway init: '${a}' is not a port\n`);
      }
    }
  } else if (stack.unknown.length) {
    // Never a CMD that cannot start: without a terminal, stop and name the flag that settles it.
    const lines = [];
    if (stack.unknown.includes('entry')) lines.push(`not sure what to run: ${stack.why.entry}; pass --entry ${ENTRY_FORM[stack.language]} or --command '...'`);
    if (stack.unknown.includes('port')) lines.push(`not sure of the port: ${stack.why.port}; pass --port N`);
    return usage(io, lines.join('\n  '));
  }

  const context = input.gitRoot ? relative(input.gitRoot, dir).split('\\').join('/') || '.' : '.';
  const branch = input.defaultBranch ?? 'main';
  if (!input.defaultBranch) stack.notes.push('no git repository with a default branch: the workflow runs on main');

  // Registry and image path: flags, else the git remote, else ask (or a placeholder owner).
  const remote = parseRemote(input.gitRemote);
  let registry = v.registry ?? registryFor(remote?.host);
  let image: string | undefined;
  if (v.image !== undefined) {
    const written = v.image.toLowerCase();
    const problem = imageRefProblem(written);
    if (problem) return usage(io, `--image is not a valid image path: '${v.image}' (${problem})`);
    const ref = parseImageRef(written);
    // A registry written in --image wins over the one guessed from the git remote; a tag is dropped.
    if (ref.registry !== null && v.registry === undefined) registry = ref.registry;
    image = ref.registry !== null && v.registry !== undefined ? `${ref.registry}/${ref.path}` : ref.path;
  } else if (remote) {
    // A project in a subfolder gets its own image under the repository's: owner/repo/folder.
    image = `${remote.owner}/${remote.repo}${context === '.' ? '' : `/${imageSafeName(context.replace(/\//g, '-'))}`}`;
  } else if (interactive) {
    image = (await question('Image path in the registry (owner/name)', `owner/${stack.name}`)).toLowerCase();
  } else {
    image = `owner/${imageSafeName(stack.name)}`;
    stack.notes.push(`no git remote: the image is ${registry}/${image}; pass --image OWNER/NAME`);
  }

  const base = v['base-image'];
  if (base && /alpine/i.test(base)) {
    if (stack.nativeDeps.length)
      return usage(io, `--base-image ${base}: Alpine (musl) with C-extension dependencies (${stack.nativeDeps.join(', ')}) is what the guide warns against; use a -slim image`);
    if (stack.language !== 'go')
      return usage(io, `--base-image ${base}: the generated Dockerfile uses Debian's groupadd/useradd; use a Debian -slim image`);
  }

  let files: Map<string, string>;
  try {
    const options = { registry, image, baseImage: base, healthPath: v['health-path'], service: v.service, branch, context, names: input.names };
    files = render(stack, options);
    // A Dockerfile of the project's own (not ours, no --force): the other files are fitted to its stages.
    const existing = v.force ? undefined : await readRegular(join(dir, 'Dockerfile'));
    if (existing !== undefined && existing !== files.get('Dockerfile')) {
      const stages = [...existing.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$/gim)].map((m) => m[1]!);
      stack.notes.push(`the project keeps its own Dockerfile${stages.length ? ` (stages: ${stages.join(', ')})` : ''}: the compose files build it as it is; --force replaces it`);
      files = render(stack, { ...options, keptDockerfileStages: stages });
    }
  } catch (e) {
    if (e instanceof UnsafeValueError) return usage(io, e.message);
    throw e;
  }
  // The workflow lives at the git root, which may be above the project.
  const here = new Map([...files].filter(([p]) => !p.startsWith('../')));
  const above = new Map([...files].filter(([p]) => p.startsWith('../')).map(([p, t]) => [p.replace(/^(\.\.\/)+/, ''), t]));
  const planned = await plan(dir, here, v.force ?? false, new Map([['.gitignore', gitignoreAdditions]]));
  const plannedAbove = input.gitRoot && above.size ? await plan(input.gitRoot, above, v.force ?? false) : [];
  const shownAbove = plannedAbove.map((f) => ({ ...f, path: relative(dir, join(input.gitRoot!, f.path)).split('\\').join('/') }));

  printPlan(io, stack, `${registry}/${image}`, [...planned, ...shownAbove], v['dry-run'] ?? false);
  if (v['dry-run']) {
    for (const f of [...planned, ...shownAbove]) {
      if (f.action === 'unchanged' || f.action === 'skip' || f.action === 'blocked') continue;
      const body = f.action === 'append' ? f.appended!.replace(/^\n+/, '') : f.content;
      io.stdout(`\n──── ${f.path}${f.action === 'append' ? ' (appended)' : ''}\n${body}${body.endsWith('\n') ? '' : '\n'}`);
    }
    return 0;
  }
  const inProject = await apply(dir, planned);
  const atGitRoot = plannedAbove.length ? await apply(input.gitRoot!, plannedAbove) : { written: [], failed: [] };
  const shown = (p: string) => relative(dir, join(input.gitRoot!, p)).split('\\').join('/');
  const written = [...inProject.written, ...atGitRoot.written.map(shown)];
  const failed = [...inProject.failed, ...atGitRoot.failed.map((f) => ({ ...f, path: shown(f.path) }))];
  const skipped = [...planned, ...shownAbove].filter((f) => f.action === 'skip');
  if (failed.length) {
    // Half a setup is worse than none unnoticed: say exactly what is on disk now, and exit 2.
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    io.stdout(written.length ? `\nWrote ${files(written.length)}: ${written.join(', ')}\n` : '\nWrote nothing.\n');
    io.stderr(`slipway init: could not write ${files(failed.length)}:\n${failed.map((f) => `  ${f.path}: ${f.message}\n`).join('')}`);
    return 2;
  }
  io.stdout(
    written.length
      ? `\nWrote ${written.length} file${written.length === 1 ? '' : 's'}. Next: cp .env.example .env && docker compose up --build\n`
      : '\nNothing to write.\n',
  );
  if (skipped.length)
    io.stdout(`Kept ${skipped.length} existing file${skipped.length === 1 ? '' : 's'} that differ${skipped.length === 1 ? 's' : ''}: ${skipped.map((f) => f.path).join(', ')} (--force overwrites, --dry-run shows the new content)\n`);
  return 0;
}

const VERB: Record<PlannedFile['action'], string> = {
  create: 'create',
  overwrite: 'overwrite',
  unchanged: 'unchanged',
  skip: 'keep',
  append: 'append',
  blocked: 'blocked',
};

/** How --entry is written, per language. */
const ENTRY_FORM: Record<Language, string> = { python: 'MODULE:APP (or a script.py)', node: 'FILE.js', go: './cmd/NAME' };

/** `--command` as argv: words split on spaces, single or double quotes group (no expansion: exec form). */
export function splitCommand(text: string): string[] | undefined {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3])!);
  return words.length ? words : undefined;
}

function printPlan(io: InitIO, stack: Stack, imageRef: string, planned: PlannedFile[], dryRun: boolean): void {
  const fw = stack.framework === 'none' ? '' : ` ${stack.framework}`;
  const lines = [
    `Detected: ${stack.language}${stack.version ? ` ${stack.version}` : ''}${fw} (${stack.packageManager}), entry ${stack.entry ?? '?'}, port ${stack.port ?? '?'}`,
    `Image:    ${imageRef}`,
    ...stack.notes.map((n) => `Note:     ${n}`),
    '',
    dryRun ? 'Plan (dry run, nothing is written):' : 'Plan:',
  ];
  const width = Math.max(...planned.map((f) => f.path.length));
  for (const f of planned) {
    const why =
      f.action === 'blocked'
        ? `${f.reason}`
        : f.action === 'skip'
        ? 'exists and differs; --force overwrites'
        : f.path === '.gitignore'
          ? f.action === 'unchanged'
            ? 'already ignores .env and data/'
            : 'ignore .env and data/'
          : (FILE_PURPOSE as Record<string, string>)[f.path] ?? (/\.github\/workflows\//.test(f.path) ? FILE_PURPOSE['.github/workflows/docker.yml'] : '');
    lines.push(`  ${VERB[f.action].padEnd(9)} ${f.path.padEnd(width)}  ${why}`);
  }
  io.stdout(lines.join('\n') + '\n');
}
