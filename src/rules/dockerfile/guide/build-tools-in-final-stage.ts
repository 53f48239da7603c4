import { compilesByPurpose, imagePurpose } from '../../../project/image-purpose.js';
import type { DockerfileRule } from '../../types.js';
import { installedPackages, shippedChain, type InstalledPackage } from './util.js';

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
      'No anchor checks this. Only the shipped stage and the stages it is FROM-built upon are checked; tools removed again in the same RUN (`apt-get purge`, `apk del .build-deps`) do not count. Base, language/toolchain, command-line tool and test images, and workbenches — images made for building software inside them: notebook and browser-IDE servers (Jupyter, code-server, RStudio), dev containers, desktop IDEs (RStudio, Atom, VS Code), CI runners, kernel-module builders — are reported at info with the reason. Packages removed by the docker-library idiom (`savedAptMark=$(apt-mark showmanual)` … `apt-mark auto \'.*\'` … `apt-get purge -y --auto-remove`) do not count unless marked manual again by name. Desktop applications are applications: their -dev packages are reported at full severity (in the real corpus they are headers next to the runtime library the program uses, such as `libx11-xcb-dev` beside `libx11-xcb1`).',
  },
  check({ df, project, report }) {
    // The toolchain is the purpose of a language, toolchain, base or test image, and of a workbench
    // (notebook server, dev container, CI runner) whose users build inside it: a note there.
    const purpose = imagePurpose(df, project);
    const note = compilesByPurpose(purpose);
    for (const stage of shippedChain(df)) {
      const byCommand = new Map<object, InstalledPackage[]>();
      for (const p of installedPackages(stage)) {
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
        report({
          start: first.word.start,
          end: list.at(-1)!.word.end,
          message: `${names.join(', ')} installed in ${where} stay${names.length === 1 ? 's' : ''} in the image (${purpose.reason}${note ? '; info' : ''}): compile in a builder stage and COPY --from the result, or remove ${names.length === 1 ? 'it' : 'them'} in the same RUN (${remove})`,
          ...(note ? { cap: 'info' as const } : {}),
        });
      }
    }
  },
};
