import { hasOption } from '../helpers.js';
import { parseArgv } from '../argv.js';
import { envEnabled, optionIndex, rule, runs, wordSpan } from './common.js';
import { pipCalls } from './pip-common.js';

/** Tools that bootstrap the installer itself: `pip install -U pip setuptools wheel` is fine unpinned. */
const BOOTSTRAP = new Set(['pip', 'setuptools', 'wheel', 'uv']);
const SPECIFIER = /===?|~=|!=|<=?|>=?|@/;

export const pipPinVersions = rule(
  {
    id: 'pip-pin-versions',
    severity: 'warning',
    aliases: ['DL3013'],
    title: 'Pin versions in `pip install`',
    description:
      'An unpinned `pip install flask` installs the newest release on the day of the build, so two builds of the same Dockerfile can differ and a new major version can break the image. Pin (`flask==3.0.3`), or install from a requirements or constraints file. PyPI keeps every release, so pins do not rot.',
    bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    fixable: false,
    differs:
      'Recognises `pip`, `pip3.X`, `python -m pip` and `uv pip`. Requirements files, local paths (`.`, `./pkg`), archives, URL requirements and `$VARIABLES` are not reported; a VCS requirement (`git+https://…`) is reported unless it names a ref (`@v1.2`); `pipx install` is checked too; a constraints file (`-c`, `PIP_CONSTRAINT`) pins everything; `pip install -U pip setuptools wheel` (upgrading the installer) is allowed. Any version specifier counts as a deliberate choice.',
  },
  ({ df, report }) => {
    for (const call of pipCalls(df)) {
      const { inst, cmd, args } = call;
      if (call.subName !== 'install') continue;
      if (optionIndex(cmd, ['-c', '--constraint'], call.sub) >= 0 || cmd.argv.slice(call.sub).some((a) => /^-c./.test(a))) continue;
      if (envEnabled(df, inst, cmd, 'PIP_CONSTRAINT') || envEnabled(df, inst, cmd, 'UV_CONSTRAINT')) continue;
      const upgrading = hasOption(cmd, '-U', '--upgrade');
      for (const i of args.operands) {
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (/^(git|hg|svn|bzr)\+/.test(text)) {
          // A VCS requirement without `@<ref>` installs whatever the default branch holds that day.
          if (!vcsPinned(text)) report({ ...wordSpan(w), message: `Pin the VCS requirement '${text}' to a tag or commit (<url>@<ref>)` });
          continue;
        }
        if (w.value === null && (!/^[A-Za-z0-9]/.test(text) || SPECIFIER.test(text))) continue;
        if (SPECIFIER.test(text) || /[/\\]/.test(text) || text.startsWith('.') || text.startsWith('~')) continue;
        if (/\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(text)) continue;
        const name = text.replace(/\[.*$/, '').toLowerCase();
        if (upgrading && BOOTSTRAP.has(name)) continue;
        report({ ...wordSpan(w), message: `Pin the version of Python package '${text}' (${text}==<version>), or install it from a requirements file` });
      }
    }
    // `pipx install black` installs an application from PyPI, unpinned the same way.
    for (const { cmd } of runs(df, ['pipx'])) {
      const args = parseArgv(cmd);
      if (cmd.argv[args.operands[0] ?? -1] !== 'install') continue;
      for (const i of args.operands.slice(1)) {
        const w = cmd.words[i];
        if (!w || w.value === null) continue;
        if (SPECIFIER.test(w.value) || /[/\\]/.test(w.value) || w.value.startsWith('.')) continue;
        report({ ...wordSpan(w), message: `Pin the version of the application pipx installs: '${w.value}==<version>'` });
      }
    }
  },
);

/** `git+https://host/org/repo.git@v1.2#egg=x` names a ref; `git+ssh://git@host/...` alone does not. */
function vcsPinned(url: string): boolean {
  const rest = url.split('#')[0]!.replace(/^[a-z]+\+[a-z]+:\/\//, '');
  const path = rest.slice(Math.max(0, rest.indexOf('/')));
  return path.includes('@');
}
