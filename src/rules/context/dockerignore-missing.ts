import type { BuildContext } from '../../parse/context/context.js';
import { dockerfileFacts } from '../../project/dockerfile-facts.js';
import { imagePurpose, isNotRunAsService } from '../../project/image-purpose.js';
import { DockerfileEntry } from '../../project/dockerfile-entry.js';
import type { ContextRule } from '../types.js';
import { copyText, dedupedReport, dockerfileHead, humanSize, secretsOf, sourcesOf, where } from './common.js';

/** Folders that are heavy and never belong in a build context. */
const HEAVY = ['node_modules', '.venv', 'venv', 'target', '.tox', '__pycache__', '.next', 'dist'];
/** Above this, the context itself costs time on every build, whatever is copied. */
const LARGE = 10 * 1000 * 1000;

/** What a missing .dockerignore really costs for this context; empty when nothing of note is sent. */
function costOf(c: BuildContext): { why: string[]; leaks: boolean; secrets: boolean } {
  const why: string[] = [];
  const whole = sourcesOf(c).find((s) => s.path === '' || s.path === '*');
  const secrets = secretsOf(c).map((s) => s.path);
  const sent = [c.entry('.git') ? '.git' : null, ...secrets.slice(0, 3), ...HEAVY.filter((n) => c.entry(n))].filter((x): x is string => x !== null);
  const extra = secrets.length > 3 ? ` and ${secrets.length - 3} more secrets` : '';
  if (whole) {
    why.push(`'${copyText(c, whole)}' (${where(c, whole)}) copies all ${c.files.length} files (${humanSize(c.totalSize)}) into the image${sent.length ? `, ${sent.join(', ')}${extra} included` : ''}`);
  } else {
    if (sent.length) why.push(`${sent.join(', ')}${extra} ${sent.length === 1 && !extra ? 'is' : 'are'} sent to the builder`);
    if (c.totalSize >= LARGE) why.push(`${humanSize(c.totalSize)} in ${c.files.length} files are sent on every build`);
  }
  return { why, leaks: Boolean(whole) || secrets.length > 0, secrets: secrets.length > 0 };
}

export const dockerignoreMissing: ContextRule = {
  meta: {
    id: 'dockerignore-missing',
    target: 'context',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'The build context has no .dockerignore',
    description:
      'Without a `.dockerignore`, `docker build` sends the whole folder to the builder — `.git`, `.env`, `node_modules`, caches — and `COPY . .` bakes all of it into the image. The guide lists what a `.dockerignore` should exclude; `slipway init` writes one.\n\nThe finding weighs what is really sent: a warning when something copies the whole context or a secret is sent, info when only `.git`, heavy folders or more than 10 MB go to the builder, and nothing for a small context that is only copied file by file. A base, language/toolchain, command-line tool or test image, or a workbench that does not serve (dev container, CI runner), is reported at info unless a secret is sent; a key in the context of a test image (under `test/`, `e2e/` …) is taken for a test fixture and reported at info too.',
    bad: '# Dockerfile, in a folder with no .dockerignore\nFROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
    good: '# .dockerignore next to the Dockerfile\n.git\n.env\n.env.*\n!.env.example\n__pycache__\n*.pyc\n.venv\n',
    fixable: false,
    differs:
      'No anchor checks for a missing `.dockerignore`. A small context whose files are copied one by one (no `COPY . .`, no secret, no `.git`) is not reported. The context is the one the compose file or workflow builds with, else the Dockerfile\'s folder; BuildKit\'s `Dockerfile.dockerignore` next to the Dockerfile counts.',
  },
  start(ctx) {
    const report = dedupedReport(ctx);
    return (c) => {
      if (c.dockerignore) return;
      const head = dockerfileHead(c);
      if (!head) return;
      const { why, leaks, secrets } = costOf(c);
      if (!why.length) return;
      // A secret sent matters for any image; the rest is the guide's advice for the images that ship as services.
      // A check that dropped the model kept what the image is for (dockerfile-entry.ts).
      const kept = c.source instanceof DockerfileEntry ? c.source.kept : null;
      const purpose = kept ? kept.purpose : c.df && c.dockerfile ? imagePurpose(c.df, dockerfileFacts(ctx.project, c.dockerfile)) : null;
      // Keys in a test image's context are its fixtures (a test certificate), not secrets that leak.
      const note = purpose !== null && isNotRunAsService(purpose) && (!secrets || purpose.kind === 'test');
      report({
        ...head,
        message: `no .dockerignore for the build context '${c.path}': ${why.join('; ')}; add ${c.shown('.dockerignore')} (slipway init writes one)${note ? ` (${purpose!.reason}; info)` : ''}`,
        ...(leaks && !note ? {} : { cap: 'info' as const }),
      });
    };
  },
};
