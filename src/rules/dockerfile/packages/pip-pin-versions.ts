import { hasOption } from '../helpers.js';
import { envEnabled, optionIndex, rule, wordSpan } from './common.js';
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
      'Recognises `pip`, `pip3.X`, `python -m pip` and `uv pip`. Requirements files, local paths (`.`, `./pkg`), archives, VCS/URL requirements and `$VARIABLES` are not reported; a constraints file (`-c`, `PIP_CONSTRAINT`) pins everything; `pip install -U pip setuptools wheel` (upgrading the installer) is allowed. Any version specifier counts as a deliberate choice.',
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
        if (w.value === null && (!/^[A-Za-z0-9]/.test(text) || SPECIFIER.test(text))) continue;
        if (SPECIFIER.test(text) || /[/\\]/.test(text) || text.startsWith('.') || text.startsWith('~')) continue;
        if (/\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(text)) continue;
        const name = text.replace(/\[.*$/, '').toLowerCase();
        if (upgrading && BOOTSTRAP.has(name)) continue;
        report({ ...wordSpan(w), message: `Pin the version of Python package '${text}' (${text}==<version>), or install it from a requirements file` });
      }
    }
  },
);
