import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, firstLine } from '../helpers.js';
import { imageText, rootImage, shippedChain, wordSpan } from './util.js';
import { own } from '../../../util/own.js';

/** Python servers a CMD runs from the virtualenv, and the distribution that installs each. */
const PYTHON_SERVERS: Record<string, string> = {
  gunicorn: 'gunicorn',
  uvicorn: 'uvicorn',
  hypercorn: 'hypercorn',
  daphne: 'daphne',
  'waitress-serve': 'waitress',
};

/** Dependencies that bring a server with them (fastapi[standard], fastapi-cli → uvicorn; extras are not in the facts). */
const BRINGS: Record<string, string[]> = { uvicorn: ['fastapi', 'fastapi-cli'] };

export const cmdProgramMissing: DockerfileRule = {
  meta: {
    id: 'cmd-program-missing',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'CMD runs a Python server the image does not install',
    description:
      'A CMD or ENTRYPOINT that runs `gunicorn`, `uvicorn`, `hypercorn`, `daphne` or `waitress-serve` needs the package installed in the image. When it is neither among the project\'s dependencies (requirements*.txt, pyproject.toml, Pipfile, lock files) nor installed by name in a RUN, the image builds but the container exits at once with "executable file not found" — worse than no image, because it looks done. Add the server to the dependencies.',
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt gunicorn\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
    fixable: false,
    example: { project: { pythonDependencies: ['flask'], pythonDependencySources: ['requirements.txt'] } },
    differs:
      'No anchor checks this. It needs the project\'s Python manifests (found next to the Dockerfile or above it, up to the git root) and an official `python` base image; a server named anywhere in a RUN counts as installed, and FastAPI counts as bringing uvicorn (`fastapi[standard]`).',
  },
  check({ df, project, report }) {
    const shipped = df.shipped;
    if (!shipped || !project.pythonDependencySources.length) return;
    const { image } = rootImage(shipped);
    if (image.unresolved.length || !/^(library\/)?python$/.test(image.name.toLowerCase())) return;
    const deps = new Set(project.pythonDependencies);
    const runText = df.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.argsText).join('\n');
    const chain = shippedChain(df).flatMap((s) => s.instructions);
    const last = (kw: string): Instruction | undefined => chain.filter((i) => i.keyword === kw).at(-1);
    for (const inst of [last('ENTRYPOINT'), last('CMD')]) {
      if (!inst) continue;
      const cmd = commandsOf(inst)[0];
      if (!cmd) continue;
      const dist = own(PYTHON_SERVERS, cmd.program);
      if (!dist || deps.has(dist) || (own(BRINGS, cmd.program) ?? []).some((d) => deps.has(d))) continue;
      if (new RegExp(`(^|[\\s"'=/])${dist}([\\s"'<>=\\[]|$)`, 'm').test(runText)) continue;
      report({
        ...(cmd.words[0] ? wordSpan(df.text, inst, cmd.words[0]) : firstLine(df, inst)),
        message: `${inst.keyword} runs ${cmd.program}, but ${dist} is not among the project's dependencies (${project.pythonDependencySources.join(', ')}) and no RUN installs it: '${imageText(image)}' does not have it, so the container exits at once; add ${dist} to the dependencies`,
      });
      return;
    }
  },
};
