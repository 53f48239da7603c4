import type { Instruction } from '../../../parse/dockerfile/model.js';
import { parseArgv } from '../argv.js';
import { commandsOf } from '../helpers.js';
import { parseArgs, rule, runs, wordSpan } from './common.js';

/** Queries that move: `@latest`, branches. */
const MOVING = new Set(['latest', 'upgrade', 'patch', 'master', 'main', 'HEAD', 'head', 'trunk', 'develop']);

export const goInstallVersion = rule(
  {
    id: 'go-install-version',
    severity: 'warning',
    aliases: ['DL3062'],
    title: 'Pin versions in `go install pkg@version`',
    description:
      '`go install example.com/tool@latest` builds whatever is newest on the day of the build, so rebuilds can differ or break. Use a version (`@v1.61.0`) or a commit.',
    bad: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n',
    good: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    fixable: false,
    differs:
      'hadolint reports every `go install` argument without `@`; slipway does not, because since Go 1.16 such an install builds the version required by the current module\'s go.mod (pinned), or fails outside a module. It reports moving queries instead: `@latest`, `@upgrade`, `@patch` and branch names like `@master`/`@main`, `go get` of a package without a version (it means `@upgrade`; not when a later `git checkout` in the stage picks the version, GOPATH style), and `go run pkg@latest`. Local packages (`.`, `./cmd/...`) are fine.',
  },
  ({ df, report }) => {
    for (const { inst, cmd } of runs(df, ['go'])) {
      const args = parseArgs(cmd, 1);
      const sub = args.sub >= 0 ? cmd.argv[args.sub] : undefined;
      if (sub !== 'install' && sub !== 'get' && sub !== 'run') continue;
      // GOPATH style: `go get x`, then `git checkout $VERSION` in its source (this RUN or a later one of the stage).
      if (sub === 'get' && checkedOutLater(inst, cmd.start)) continue;
      // `go run pkg@version args...`: only the package is a package, the rest are its arguments.
      for (const i of sub === 'run' ? args.operands.slice(0, 1) : args.operands) {
        const w = cmd.words[i];
        if (!w) continue;
        const text = w.value ?? w.text;
        if (w.value === null && !/^[A-Za-z0-9]/.test(text)) continue;
        if (text.startsWith('.') || text.startsWith('/')) continue;
        const at = text.lastIndexOf('@');
        const version = at > 0 ? text.slice(at + 1) : null;
        if (version === null) {
          // `go get x` means `x@upgrade` (the latest version); `go install/run example.com/x` use go.mod.
          if (sub === 'get') {
            report({ ...wordSpan(w), message: `\`go get ${text}\` takes the latest version: pin it with \`go install ${text}@<version>\` (outside a module, go get installs nothing since Go 1.18; in a module: \`go get ${text}@<version>\`)` });
          }
          continue;
        }
        if (w.value === null || !MOVING.has(version)) continue;
        report({ ...wordSpan(w), message: `'@${version}' moves: pin it (\`go ${sub} ${text.slice(0, at)}@<version>\`)` });
      }
    }
  },
);

function checkedOutLater(inst: Instruction, after: number): boolean {
  const later = [inst, ...(inst.stage?.instructions ?? []).filter((i) => i.index > inst.index && i.keyword === 'RUN')];
  return later.some((i) =>
    commandsOf(i, 'git').some((g) => (i !== inst || g.start > after) && parseArgv(g).operands.some((k) => g.argv[k] === 'checkout')),
  );
}
