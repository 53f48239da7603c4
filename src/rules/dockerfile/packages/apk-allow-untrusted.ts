import type { Dockerfile, Instruction } from '../../../parse/dockerfile/model.js';
import { parseArgv } from '../argv.js';
import { rule, runs, wordSpan } from './common.js';

export const apkAllowUntrusted = rule(
  {
    id: 'apk-allow-untrusted',
    severity: 'error',
    category: 'security',
    aliases: ['CKV2_DOCKER_7'],
    title: 'Do not install unsigned apk packages (`--allow-untrusted`)',
    description:
      '`apk --allow-untrusted` installs packages whose signature is missing or unknown, so a tampered package runs its install scripts as root. Add the signing key to `/etc/apk/keys` instead, or sign locally built packages with `abuild-sign`.',
    bad: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/tool.apk\n',
    good: 'FROM alpine:3.20\nCOPY keys/packager.rsa.pub /etc/apk/keys/\nRUN apk add --no-cache /tmp/tool.apk\n',
    fixable: false,
    differs:
      'Packages built by an earlier stage of the same Dockerfile (every package a local `.apk` path, and the RUN mounts or the stage copies files from a stage) are not reported: they are unsigned by nature and come from this build, not from a repository.',
  },
  ({ df, report }) => {
    for (const { inst, cmd } of runs(df, ['apk'])) {
      const args = parseArgv(cmd);
      const flag = args.options.find((o) => o.name === '--allow-untrusted');
      if (!flag || !cmd.words[flag.index]) continue;
      const packages = args.operands.slice(1).map((i) => cmd.words[i]?.text ?? '');
      const local = packages.length > 0 && packages.every((p) => /^["']?[./$].*\.apk["']?$/.test(p));
      if (local && fromEarlierStage(df, inst)) continue;
      report({ ...wordSpan(cmd.words[flag.index]!), message: '`apk --allow-untrusted` skips signature checks: add the signing key to /etc/apk/keys instead' });
    }
  },
);

/** Does the RUN see files of another stage: a `--mount=...,from=<stage>`, or an earlier `COPY --from=<stage>` of its stage? */
function fromEarlierStage(df: Dockerfile, inst: Instruction): boolean {
  const isStage = (v: string | null | undefined) =>
    !!v && df.stages.some((s) => s.index < (inst.stage?.index ?? 0) && (s.name?.toLowerCase() === v.toLowerCase() || String(s.index) === v));
  if (inst.flags.some((f) => f.name === 'mount' && isStage(f.options.get('from')))) return true;
  return (inst.stage?.instructions ?? []).some(
    (i) => i.index < inst.index && i.keyword === 'COPY' && isStage(i.flags.find((f) => f.name === 'from')?.value),
  );
}
