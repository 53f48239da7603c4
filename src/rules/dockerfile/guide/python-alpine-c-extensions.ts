import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, firstLine, subcommand } from '../helpers.js';
import { parseArgv } from '../argv.js';
import { PYTHON_C_EXTENSIONS } from '../../../project/native-packages.js';
import { imageText, isAlpine, rootImage } from './util.js';

/** The shared list (src/project/native-packages.ts), also what `slipway init` reads. */
export const C_EXTENSION_PACKAGES = PYTHON_C_EXTENSIONS;

/** PEP 503 normalisation. */
export function normalizeDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const PIP = new Set(['pip', 'pip3']);

/** Does the RUN install Python packages (pip, python -m pip, uv, poetry, pipenv, pdm)? Returns named operands too. */
function pythonInstall(inst: Instruction): { installs: boolean; named: string[] } {
  let installs = false;
  const named: string[] = [];
  for (const cmd of commandsOf(inst)) {
    let args: string[] | null = null;
    if (PIP.has(cmd.program) || /^pip3\.\d+$/.test(cmd.program)) args = cmd.argv.slice(1);
    else if (/^python(3(\.\d+)?)?$/.test(cmd.program) && cmd.argv[1] === '-m' && cmd.argv[2] === 'pip') args = cmd.argv.slice(3);
    else if (cmd.program === 'uv' && cmd.argv[1] === 'pip') args = cmd.argv.slice(2);
    else if (['poetry', 'pipenv', 'pdm'].includes(cmd.program) && ['install', 'sync', 'add'].includes(subcommand(cmd) ?? '')) installs = true;
    else if (cmd.program === 'uv' && ['sync', 'add'].includes(subcommand(cmd) ?? '')) installs = true;
    if (!args) continue;
    const all = ['pip', ...args];
    const parsed = parseArgv({ program: 'pip', argv: all });
    if (all[parsed.operands[0] ?? -1] !== 'install') continue;
    installs = true;
    for (const i of parsed.operands.slice(1)) {
      const a = all[i]!;
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(a);
      if (m && !a.includes('/')) named.push(normalizeDist(m[1]!));
    }
  }
  return { installs, named };
}

export const pythonAlpineCExtensions: DockerfileRule = {
  meta: {
    id: 'python-alpine-c-extensions',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'Python on Alpine with packages that need C extensions: prefer -slim',
    description:
      'Alpine uses musl, not glibc: the manylinux wheels on PyPI do not install there, and when a release has no musllinux wheel pip compiles the package from source, which needs gcc, musl-dev and library headers and can take many minutes (numpy, pandas, psycopg2, lxml, cryptography…). `python:3.x-slim` installs the prebuilt wheels and ends up about as small.',
    bad: 'FROM python:3.12-alpine\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    fixable: false,
    example: { project: { pythonDependencies: ['flask', 'pandas'], pythonDependencySources: ['requirements.txt'] } },
    differs:
      'No anchor checks this. It reads the project\'s requirements*.txt, pyproject.toml, Pipfile and lock files (and packages named on `pip install` lines), and fires only when one of the dependencies is known to carry compiled extensions.',
  },
  check({ df, project, report }) {
    const deps = new Set(project.pythonDependencies.map(normalizeDist));
    const sources = project.pythonDependencySources;
    const from = sources.length ? `, from ${sources.join(', ')}` : '';
    for (const stage of df.stages) {
      const { image } = rootImage(stage);
      if (image.name.toLowerCase() !== 'python' || !isAlpine(image)) continue;
      const found: string[] = [];
      let installs = false;
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'RUN') continue;
        const r = pythonInstall(inst);
        if (!r.installs) continue;
        installs = true;
        for (const n of r.named) if (C_EXTENSION_PACKAGES.has(n)) found.push(`${n} (line ${inst.line})`);
      }
      if (!installs) continue;
      const fromFiles = [...deps].filter((d) => C_EXTENSION_PACKAGES.has(d)).sort();
      const names = [...(fromFiles.length ? [`${fromFiles.slice(0, 3).join(', ')}${fromFiles.length > 3 ? ` and ${fromFiles.length - 3} more` : ''}${from}`] : []), ...found];
      if (!names.length) continue;
      report({
        ...firstLine(df, stage.from),
        message: `'${imageText(image)}' is Alpine (musl) and this stage pip-installs packages with C extensions — ${names.join('; ')}: without a musllinux wheel they compile from source (gcc, musl-dev, headers, slow builds); use python:${(image.tag ?? '').replace(/-?alpine[0-9.]*/, '-slim').replace(/^-/, '') || 'slim'}`,
      });
    }
  },
};
