import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';
import { commandsOf, firstLine, hasOption } from '../helpers.js';
import { isRootUser, lastUser, shippedChain, userValue } from './util.js';

/** `/root` or a path below it. */
const UNDER_ROOT = /^\/root(\/|$)/;

function join(dir: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${dir.replace(/\/+$/, '')}/${path}`;
}

export const filesUnderRootHome: DockerfileRule = {
  meta: {
    id: 'files-under-root-home',
    target: 'dockerfile',
    category: 'guide',
    severity: 'error',
    aliases: [],
    title: 'Files under /root are unreadable for the non-root USER',
    description:
      '`/root` is mode 700 in the Debian and Alpine images: once the image switches to a non-root `USER`, nothing below it can be read or run — `pip install --user` packages in `/root/.local`, `PATH=/root/.local/bin` tools. The app then fails at start with `ModuleNotFoundError` or `command not found`. Install into a virtualenv in `/opt/venv` (or the user\'s own home, with `--chown`).',
    bad:
      'FROM python:3.12-slim AS builder\nCOPY requirements.txt .\nRUN pip install --no-cache-dir --user -r requirements.txt\n\nFROM python:3.12-slim\nRUN useradd --uid 1001 app\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local/bin:$PATH\nUSER app\nCMD ["python", "app.py"]\n',
    good:
      'FROM python:3.12-slim AS builder\nRUN python -m venv /opt/venv\nCOPY requirements.txt .\nRUN /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n\nFROM python:3.12-slim\nRUN useradd --uid 1001 app\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nUSER app\nCMD ["python", "app.py"]\n',
    fixable: false,
    differs:
      'No anchor checks this; the guide\'s own multi-stage example falls into it as soon as a USER is added. `--chown` does not help below `/root`, whose own mode keeps the user out.',
  },
  check({ df, report }) {
    const shipped = df.shipped;
    if (!shipped) return;
    const final = lastUser(df, shipped);
    if (!final || final.value === null || isRootUser(final.value)) return;
    const user = final.value;
    const chain = shippedChain(df);
    // `chmod 755 /root` (or a+rx) opens the directory: then the files are reachable.
    const opened = chain.some((s) =>
      s.instructions.some((i) => i.keyword === 'RUN' && commandsOf(i, 'chmod').some((c) => c.argv.slice(1).some((a) => a === '/root' || a === '/root/'))),
    );
    if (opened) return;
    const rootPath = chain.flatMap((s) => s.instructions).find(
      (i) => i.keyword === 'ENV' && i.properties.some((p) => p.name === 'PATH' && (p.value ?? '').split(':').some((d) => UNDER_ROOT.test(d))),
    );
    const pathNote = rootPath ? ` (and PATH on line ${rootPath.line} points into /root)` : '';
    let workdir = '/';
    let current: string | null = 'root';
    for (const stage of chain) {
      for (const inst of stage.instructions) {
        const scope = () => scopeBefore(df, inst);
        if (inst.keyword === 'WORKDIR' && inst.args[0]) {
          const { value, unresolved } = substitute(inst.args[0].value, scope());
          workdir = unresolved.length ? '?' : join(workdir, value);
        } else if (inst.keyword === 'USER') {
          current = userValue(df, inst);
        } else if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
          const dest = copyDestination(df, inst, workdir);
          if (dest && UNDER_ROOT.test(dest)) {
            report({
              ...firstLine(df, inst),
              message: `${inst.keyword} puts files in ${dest}, but the image runs as '${user}' (line ${final.inst.line}), who cannot enter /root${pathNote}: copy to /opt/venv (or /home/${user}) instead`,
            });
          }
        } else if (inst.keyword === 'RUN' && current !== null && isRootUser(current)) {
          for (const cmd of commandsOf(inst)) {
            const pip =
              ['pip', 'pip3'].includes(cmd.program) ||
              /^pip3\.\d+$/.test(cmd.program) ||
              (/^python(3(\.\d+)?)?$/.test(cmd.program) && cmd.argv[1] === '-m' && cmd.argv[2] === 'pip');
            if (!pip || !hasOption(cmd, '--user')) continue;
            const word = cmd.words.find((w) => w.value === '--user') ?? cmd.words[0]!;
            report({
              start: word.start,
              end: word.end,
              message: `pip install --user runs as root here and installs into /root/.local, but the image runs as '${user}' (line ${final.inst.line}), who cannot read it${pathNote}: install into a virtualenv (python -m venv /opt/venv)`,
            });
          }
        }
      }
    }
  },
};

/** The absolute destination of a COPY/ADD, or null when it cannot be known. */
function copyDestination(df: Dockerfile, inst: Instruction, workdir: string): string | null {
  if (inst.heredocs.length && !inst.json) {
    const last = inst.args.at(-1);
    if (!last || last.value.startsWith('<<')) return null;
  }
  const words = inst.json ?? inst.args.map((a) => a.value);
  if (words.length < 2) return null;
  const raw = words.at(-1)!;
  const { value, unresolved } = substitute(raw, scopeBefore(df, inst));
  if (unresolved.length || (workdir === '?' && !value.startsWith('/'))) return null;
  return join(workdir, value).replace(/\/+/g, '/').replace(/\/\.?$/, '') || '/';
}
