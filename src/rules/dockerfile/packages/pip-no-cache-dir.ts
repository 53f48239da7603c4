import { cacheCovered, editable, envEnabled, commandSpan, optionIndex, removes, rule, shipsLayers, variable } from './common.js';
import { pipCalls } from './pip-common.js';

export const pipNoCacheDir = rule(
  {
    id: 'pip-no-cache-dir',
    severity: 'warning',
    aliases: ['DL3042'],
    title: 'Use `pip install --no-cache-dir`',
    description:
      'pip keeps every wheel it downloads or builds in `~/.cache/pip`; in an image that cache is dead weight (often tens or hundreds of MB). `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`) skips it; a BuildKit cache mount on `/root/.cache/pip` keeps it out of the image and speeds rebuilds.',
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
    fixable: true,
    differs:
      'A cache or tmpfs mount over the pip cache (`/root/.cache/pip`, any `…/.cache`, or `$PIP_CACHE_DIR`), `PIP_NO_CACHE_DIR` set by ENV, ARG or in the RUN, and `rm -rf /root/.cache` in the same RUN silence it (hadolint #497, #983); stages whose filesystem does not ship are not flagged. `uv pip install` is checked for `--no-cache` / `UV_NO_CACHE` / a mount on `/root/.cache/uv`.',
  },
  ({ df, report }) => {
    for (const call of pipCalls(df)) {
      const { inst, cmd } = call;
      if (call.subName !== 'install') continue;
      if (!shipsLayers(df, inst)) continue;
      const uv = call.tool === 'uv';
      if (uv) {
        if (optionIndex(cmd, ['--no-cache', '-n']) >= 0 || envEnabled(df, inst, cmd, 'UV_NO_CACHE')) continue;
        const dir = variable(df, inst, 'UV_CACHE_DIR');
        if (cacheCovered(inst, ['/root/.cache/uv', ...(dir ? [dir] : [])], ['/.cache', '/.cache/uv'])) continue;
        if (removes(inst, '/root/.cache', '/root/.cache/uv')) continue;
      } else {
        if (optionIndex(cmd, ['--no-cache-dir']) >= 0 || envEnabled(df, inst, cmd, 'PIP_NO_CACHE_DIR')) continue;
        const dir = variable(df, inst, 'PIP_CACHE_DIR');
        const cacheDir = cmd.argv.find((a) => a.startsWith('--cache-dir='))?.slice(12);
        if (cacheCovered(inst, ['/root/.cache/pip', ...(dir ? [dir] : []), ...(cacheDir ? [cacheDir] : [])], ['/.cache', '/.cache/pip'])) continue;
        if (removes(inst, '/root/.cache', '/root/.cache/pip')) continue;
      }
      const flag = uv ? '--no-cache' : '--no-cache-dir';
      const w = cmd.words[call.sub];
      report({
        ...commandSpan(cmd, call.sub),
        message: `\`${call.label} install\` keeps its download cache in the image: use \`${call.label} install ${flag}\``,
        ...(editable(df, w) ? { fix: [{ start: w.end, end: w.end, text: ` ${flag}` }] } : {}),
      });
    }
  },
);
