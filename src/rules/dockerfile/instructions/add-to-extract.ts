import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { commandsOf, firstLine, scopes, withTriggers } from '../helpers.js';
import { basename, isTarArchive } from './archives.js';
import { copyArgs, unquote } from './util.js';

/** Is the tar command extracting (`-x`, `xzf`, `--extract`, `--get`)? */
function extracts(argv: string[]): boolean {
  const first = argv[1] ?? '';
  // Old-style bundled options without a dash: `tar xzf file`.
  if (first && !first.startsWith('-') && /^[A-Za-z]+$/.test(first) && first.includes('x')) return true;
  return argv.slice(1).some((a) => a === '--extract' || a === '--get' || (/^-[A-Za-z]+$/.test(a) && a.includes('x')));
}

export const addToExtract: DockerfileRule = {
  meta: {
    id: 'add-to-extract',
    target: 'dockerfile',
    category: 'guide',
    severity: 'info',
    aliases: ['DL3010'],
    title: 'Let ADD extract a local tar archive instead of COPY + tar -x',
    description:
      'A tar archive that is `COPY`d and then extracted in a `RUN` stays in the image in the COPY layer, even if the RUN deletes it. `ADD archive.tar.gz /dest/` extracts it in one layer; `RUN --mount=type=bind,source=archive.tar.gz,target=/tmp/a.tgz tar -xzf /tmp/a.tgz` avoids storing it at all.',
    bad: 'FROM debian:12-slim\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n',
    good: 'FROM debian:12-slim\nADD app.tar.gz /opt/\n',
    fixable: false,
    differs:
      'hadolint also suggests ADD when the archive is unpacked with `unzip`, `gunzip` and the like, but ADD only extracts tar archives: slipway reports only tar archives extracted with `tar`. COPY --from (files of another stage) is not reported, as in hadolint. Windows paths written with backslashes under the default escape character (`COPY build\\app.tar C:\\app`) are read as Docker reads them, backslashes removed, so they rarely match the path given to tar (hadolint compares them as written).',
  },
  check({ df, report }) {
    for (const scope of scopes(df)) {
      const copied = new Map<string, Instruction>();
      for (const inst of withTriggers(scope)) {
        if (inst.keyword === 'COPY' && !inst.flags.some((f) => f.name === 'from')) {
          const parts = copyArgs(inst);
          if (!parts) continue;
          const dest = unquote(parts.dest);
          if (isTarArchive(dest)) copied.set(basename(dest), inst);
          else for (const s of parts.sources.map(unquote)) if (isTarArchive(s)) copied.set(basename(s), inst);
        } else if (inst.keyword === 'RUN' && copied.size) {
          for (const cmd of commandsOf(inst, 'tar')) {
            if (!extracts(cmd.argv)) continue;
            for (const arg of cmd.argv.slice(1)) {
              const copy = copied.get(basename(arg));
              if (!copy || !isTarArchive(arg)) continue;
              copied.delete(basename(arg));
              report({
                ...firstLine(df, copy),
                message: `'${basename(arg)}' is copied here and extracted by tar on line ${inst.line}: ADD extracts it in one layer (or bind-mount it into the RUN)`,
              });
            }
          }
        }
      }
    }
  },
};
