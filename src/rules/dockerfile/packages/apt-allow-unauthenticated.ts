import { commandsOf, withTriggers } from '../helpers.js';
import { APT_PROGRAMS, aptCalls, aptConfig, truthy } from './apt-common.js';
import { rule, wordSpan } from './common.js';

export const aptAllowUnauthenticated = rule(
  {
    id: 'apt-allow-unauthenticated',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_8'],
    title: 'Do not install unauthenticated apt packages',
    description:
      '`--allow-unauthenticated` (and `--allow-insecure-repositories`, `[trusted=yes]` sources) turns off apt\'s signature checks, so anyone between the build and the mirror can substitute packages that then run as root in the build. Import the repository\'s signing key instead (`signed-by=`).',
    bad: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends --allow-unauthenticated curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    fixable: false,
    differs:
      'Besides the flag checkov looks for, also catches `-o APT::Get::AllowUnauthenticated=true`, `--allow-insecure-repositories`, `-o Acquire::AllowInsecureRepositories=true` and sources written with `[trusted=yes]` by echo/printf/tee.',
  },
  ({ df, report }) => {
    for (const { cmd } of aptCalls(df, APT_PROGRAMS)) {
      cmd.argv.forEach((a, i) => {
        if (i === 0) return;
        const w = cmd.words[i];
        if (!w) return;
        if (a === '--allow-unauthenticated' || a === '--allow-insecure-repositories' || a.startsWith('--allow-unauthenticated=')) {
          report({ ...wordSpan(w), message: `\`${a}\` disables apt's signature checks: import the repository key instead` });
        }
      });
      const config = [
        ...aptConfig(cmd, 'APT::Get::AllowUnauthenticated'),
        ...aptConfig(cmd, 'Acquire::AllowInsecureRepositories'),
      ];
      if (config.some(truthy)) {
        const i = cmd.argv.findIndex((a) => /AllowUnauthenticated|AllowInsecureRepositories/i.test(a));
        const w = cmd.words[i] ?? cmd.words[0];
        if (w) report({ ...wordSpan(w), message: 'This apt option disables signature checks: import the repository key instead' });
      }
    }
    for (const inst of withTriggers(df.instructions)) {
      if (inst.keyword !== 'RUN') continue;
      for (const cmd of commandsOf(inst, 'echo', 'printf', 'tee')) {
        cmd.words.forEach((w, i) => {
          if (i > 0 && w.value !== null && /\[[^\]]*trusted=yes[^\]]*\]/.test(w.value)) {
            report({ ...wordSpan(w), message: 'An apt source marked `[trusted=yes]` is installed without signature checks: use `[signed-by=<keyring>]`' });
          }
        });
      }
    }
  },
);
