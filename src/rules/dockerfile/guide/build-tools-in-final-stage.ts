import { compilesByPurpose, imagePurpose } from '../../../project/image-purpose.js';
import type { DockerfileRule } from '../../types.js';
import type { Stage } from '../../../parse/dockerfile/model.js';
import type { ShellCommand } from '../../../parse/dockerfile/shell.js';
import { commandsOf } from '../helpers.js';
import { installedPackages, shippedChain, withoutSudo, type InstalledPackage } from './util.js';

const TOOLS = new Set([
  'build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'cpp', 'clang', 'llvm', 'make', 'cmake', 'ninja-build',
  'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'pkgconfig', 'musl-dev', 'linux-headers',
  'kernel-headers', 'rustc', 'rust', 'cargo', 'golang', 'golang-go', 'go', 'development tools',
]);

/** Is the package a compiler, build tool or header (-dev/-devel) package? */
export function isBuildTool(name: string): boolean {
  const n = name.toLowerCase();
  if (TOOLS.has(n)) return true;
  if (/^(gcc|g\+\+|clang|cpp|llvm)-\d+$/.test(n)) return true;
  return /-(dev|devel)$/.test(n);
}

/** Commands that compile (or build native modules): a -dev package is then there for them. */
const COMPILES = /^(pip[\d.]*|npm|yarn|pnpm|bun|gem|bundle|cargo|rustc|go|make|cmake|meson|ninja|gcc|g\+\+|cc|c\+\+|clang|configure|node-gyp|mvn|gradle|gradlew|dotnet|phpize|docker-php-ext-install|pecl|cpanm|R|Rscript)$/;

/** Does any RUN of these stages compile something? */
function compilesIn(stages: readonly Stage[]): boolean {
  const compiling = (c: ShellCommand) => COMPILES.test(c.program) || (/^python[\d.]*$/.test(c.program) && (c.argv.includes('setup.py') || c.argv.includes('pip')));
  return stages.some((s) => s.instructions.some((i) => i.keyword === 'RUN' && commandsOf(i).map(withoutSudo).some(compiling)));
}

const isHeaderPackage = (name: string) => /-(dev|devel)$/.test(name.toLowerCase());

/** Advice for -dev packages next to a prebuilt program: the runtime library, named when the same command installs it (`libx11-xcb1` beside `libx11-xcb-dev`). */
function runtimeAdvice(list: InstalledPackage[], all: readonly InstalledPackage[]): string {
  const pairs = list.flatMap((p) => {
    const stem = p.name.replace(/-(dev|devel)$/i, '');
    const runtime = all.find((q) => q !== p && !isBuildTool(q.name) && q.name.startsWith(stem) && /^[\d.-]*[a-z]?$/.test(q.name.slice(stem.length).replace(/^-/, '')));
    return runtime ? [`${runtime.name}, installed beside ${p.name}`] : [];
  });
  const ask = list[0]!.manager === 'apk' ? `apk info -R ${list[0]!.name}` : list[0]!.manager === 'apt-get' ? `apt-cache depends ${list[0]!.name}` : `${list[0]!.cmd.program} deplist ${list[0]!.name}`;
  return pairs.length
    ? `headers, and nothing in the image compiles: remove ${list.length === 1 ? 'it' : 'them'} — ${pairs.join('; ')}, is what the program loads`
    : `headers, and nothing in the image compiles: install the runtime librar${list.length === 1 ? 'y' : 'ies'} instead (the library each -dev package depends on: ${ask})`;
}

export const buildToolsInFinalStage: DockerfileRule = {
  meta: {
    id: 'build-tools-in-final-stage',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Compilers and -dev packages in the shipped stage: build in a separate stage',
    description:
      'Compilers, make and header packages are needed to build wheels and native modules, not to run them. Installed in the stage that ships they add hundreds of MB and tools an attacker can use. Build in a builder stage and `COPY --from` the result (a virtualenv, `node_modules`, a binary); the runtime needs only the shared libraries (`libpq5`, not `libpq-dev`).',
    bad: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    good:
      'FROM python:3.12-slim AS builder\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev\nRUN python -m venv /opt/venv\nCOPY requirements.txt .\nRUN /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\n',
    fixable: false,
    differs:
      'No anchor checks this. Only the shipped stage and the stages it is FROM-built upon are checked; tools removed again in the same RUN (`apt-get purge`, `apk del .build-deps`) do not count. Base, language/toolchain, command-line tool and test images, and workbenches — images made for building software inside them: notebook and browser-IDE servers (Jupyter, code-server, RStudio), dev containers and development images (`Dockerfile.dev`, Laravel Sail\'s `artisan serve` runtimes), desktop IDEs (RStudio, Atom, VS Code), CI runners, kernel-module builders — are reported at info with the reason. Packages removed by the docker-library idiom (`savedAptMark=$(apt-mark showmanual)` … `apt-mark auto \'.*\'` … `apt-get purge -y --auto-remove`) do not count unless marked manual again by name. Desktop applications are applications: their -dev packages are reported at full severity (in the real corpus they are headers next to the runtime library the program uses, such as `libx11-xcb-dev` beside `libx11-xcb1`). When a command installs only -dev packages and no RUN of the shipped chain compiles (no pip, npm, make, go, cargo …: a prebuilt .deb or binary), the advice is the runtime library — the one installed beside it when there is one, else the library the -dev package depends on — not a builder stage. Installs through `sudo`/`doas` (CI runner images that set USER first) are read as the command sudo runs.',
  },
  check({ df, project, report }) {
    // The toolchain is the purpose of a language, toolchain, base or test image, and of a workbench
    // (notebook server, dev container, CI runner) whose users build inside it: a note there.
    // The purpose and whether anything compiles are asked only for a finding (most files install no build tool).
    const chain = shippedChain(df);
    let compiles: boolean | undefined;
    for (const stage of chain) {
      const byCommand = new Map<object, InstalledPackage[]>();
      const installed = installedPackages(stage);
      for (const p of installed) {
        if (p.removedInSameRun || !isBuildTool(p.name)) continue;
        const list = byCommand.get(p.cmd) ?? [];
        list.push(p);
        byCommand.set(p.cmd, list);
      }
      for (const list of byCommand.values()) {
        const first = list[0]!;
        const names = list.map((p) => p.name);
        const where = stage.shipped ? 'the shipped stage' : `stage '${stage.name ?? stage.index}', which the shipped stage is built FROM,`;
        const remove =
          first.manager === 'apk'
            ? 'apk add --virtual .build-deps … && … && apk del .build-deps'
            : first.manager === 'apt-get'
              ? 'apt-get purge -y --auto-remove'
              : `${first.cmd.program} remove`;
        // Only headers, beside a program nobody compiles here (a prebuilt .deb, a downloaded binary): the runtime library is the fix, not a builder stage.
        const advice =
          list.every((p) => isHeaderPackage(p.name)) && !(compiles ??= compilesIn(chain))
            ? runtimeAdvice(list, installed)
            : `compile in a builder stage and COPY --from the result, or remove ${names.length === 1 ? 'it' : 'them'} in the same RUN (${remove})`;
        const purpose = imagePurpose(df, project);
        const note = compilesByPurpose(purpose);
        report({
          start: first.word.start,
          end: list.at(-1)!.word.end,
          message: `${names.join(', ')} installed in ${where} stay${names.length === 1 ? 's' : ''} in the image (${purpose.reason}${note ? '; info' : ''}): ${advice}`,
          ...(note ? { cap: 'info' as const } : {}),
        });
      }
    }
  },
};
