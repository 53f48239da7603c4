import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { wholeInstruction } from '../helpers.js';

const flagsKey = (inst: Instruction): string => inst.flags.map((f) => `${f.name}=${f.value ?? ''}`).sort().join(' ');
const commandCount = (inst: Instruction): number => inst.shell?.commands.filter((c) => !c.viaShell).length ?? 0;

export const runConsecutive: DockerfileRule = {
  meta: {
    id: 'run-consecutive',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'info',
    aliases: ['DL3059'],
    title: 'Consecutive RUN instructions could be one',
    description:
      'Each RUN makes a layer. Short RUNs in a row are usually one step split in two, and joining them with `&&` makes a smaller, faster image; files deleted in a later RUN are still stored in the earlier layer.',
    bad: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
    fixable: false,
    differs:
      'As hadolint: only RUNs directly after each other (comments between them are fine), with the same flags (`--mount`, `--network`…), and where neither already chains commands (`a && b`, `a; b`): two RUNs of which one is already a chain are taken as a deliberate split.',
  },
  check({ df, report }) {
    let previous: Instruction | null = null;
    for (const inst of df.instructions) {
      if (inst.keyword !== 'RUN') {
        previous = null;
        continue;
      }
      if (previous && flagsKey(previous) === flagsKey(inst) && commandCount(previous) < 2 && commandCount(inst) < 2) {
        report({
          ...wholeInstruction(df, inst),
          message: `This RUN follows the RUN on line ${previous.line}: join them with && to save a layer`,
        });
      }
      previous = inst;
    }
  },
};
