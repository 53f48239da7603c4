import type { ImageRef, Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf } from '../helpers.js';
import { imageText, installedPackages, isAlpine, isDistroless, isOfficial, isSlim, rootImage, shippedChain, tagParts, wordSpan } from './util.js';

/** What a known base image lacks: curl, wget, /bin/sh. Null for images we know nothing about. */
export function missingTools(image: ImageRef): Set<string> | null {
  if (image.unresolved.length) return null;
  if (image.isScratch) return new Set(['curl', 'wget', 'sh']);
  if (isDistroless(image)) return tagParts(image).includes('debug') ? new Set(['curl']) : new Set(['curl', 'wget', 'sh']);
  if (isAlpine(image)) return new Set(['curl']); // BusyBox has wget
  if (isSlim(image)) return new Set(['curl', 'wget']);
  if (isOfficial(image) && ['debian', 'ubuntu'].includes(image.name.toLowerCase())) return new Set(['curl', 'wget']);
  return null;
}

const PROGRAMS = new Set(['curl', 'wget']);

export const healthcheckProgramMissing: DockerfileRule = {
  meta: {
    id: 'healthcheck-program-missing',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'HEALTHCHECK calls curl or wget, which the image does not have',
    description:
      'The `-slim`, distroless and scratch images have neither curl nor wget, and Alpine has only BusyBox wget. A HEALTHCHECK that calls a missing program fails every time: the container is marked unhealthy and Compose or Swarm keep restarting or never route to it. Use the runtime you already ship (`python -c "import urllib.request…"`, `node -e "fetch(…)"`) or install the tool.',
    bad: 'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\nCMD ["python", "/app/server.py"]\n',
    good:
      'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "/app/server.py"]\n',
    fixable: false,
    differs:
      'No anchor checks this (RULES.md §6). The base image is the one at the root of the shipped stage\'s FROM chain; curl/wget installed by apt-get/apk/yum in any of those stages (and not removed in the same RUN), or copied in, counts. Unknown base images are trusted.',
  },
  check({ df, report }) {
    const shipped = df.shipped;
    if (!shipped) return;
    const chain = shippedChain(df);
    const hc: Instruction | undefined = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
    if (!hc || (hc.args[0]?.value ?? '').toUpperCase() !== 'CMD') return;
    const { image } = rootImage(shipped);
    const missing = missingTools(image);
    if (!missing) return;
    const installed = new Set(
      chain.flatMap((s) => installedPackages(s)).filter((p) => !p.removedInSameRun).map((p) => p.name),
    );
    for (const s of chain)
      for (const i of s.instructions)
        if (i.keyword === 'COPY' || i.keyword === 'ADD')
          for (const a of i.args) {
            const base = a.value.replace(/\/+$/, '').split('/').pop() ?? '';
            if (PROGRAMS.has(base)) installed.add(base);
          }
    const name = image.name.toLowerCase();
    for (const cmd of commandsOf(hc)) {
      if (!PROGRAMS.has(cmd.program) || !missing.has(cmd.program) || installed.has(cmd.program)) continue;
      const url = cmd.argv.find((a) => /^https?:\/\//.test(a)) ?? 'http://localhost:8000/health';
      const instead =
        name === 'python' || name.endsWith('/python')
          ? `use HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('${url}')"]`
          : name === 'node' || name.endsWith('/node')
            ? `use HEALTHCHECK CMD ["node", "-e", "fetch('${url}').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`
            : !missing.has('wget')
              ? `use BusyBox wget (HEALTHCHECK CMD wget -q --spider ${url} || exit 1)`
              : `install ${cmd.program} in this stage, or probe with the app's own binary`;
      const noShell = missing.has('sh') && !hc.json && !cmd.viaShell ? ' (and the shell form needs /bin/sh, which it lacks too)' : '';
      report({
        ...wordSpan(df.text, hc, cmd.words[0]!),
        message: `The HEALTHCHECK calls ${cmd.program}, but '${imageText(image)}' has no ${cmd.program}${noShell} and no stage installs it, so the check always fails: ${instead}`,
      });
    }
  },
};
