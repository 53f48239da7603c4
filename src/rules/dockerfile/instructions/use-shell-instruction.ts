import type { DockerfileRule } from '../../types.js';
import { runCommands } from '../helpers.js';

const SH = new Set(['/bin/sh', '/usr/bin/sh']);

export const useShellInstruction: DockerfileRule = {
  meta: {
    id: 'use-shell-instruction',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL4005'],
    title: 'Use SHELL to change the default shell, not a /bin/sh symlink',
    description:
      'Replacing `/bin/sh` with a link to bash changes the shell for every program in the image that runs `sh` scripts, not just for your RUN instructions. `SHELL ["/bin/bash", "-c"]` changes the shell of the following RUN instructions only.',
    bad: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n',
    good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\n',
    fixable: false,
    differs: 'hadolint reports any `ln` that mentions /bin/sh (also `ln -s /bin/sh /usr/local/bin/x`); slipway only when /bin/sh is the link being replaced (the last operand).',
  },
  check({ df, report }) {
    for (const { cmd } of runCommands(df, 'ln')) {
      const operands = cmd.words.slice(1).filter((w) => w.value !== null && !w.value.startsWith('-'));
      const link = operands.at(-1);
      if (operands.length < 2 || !link || !SH.has(link.value!)) continue;
      report({ start: cmd.start, end: cmd.end, message: `Replacing ${link.value} with a link changes the shell for the whole image: use SHELL ["${operands[0]!.value}", "-c"]` });
    }
  },
};
