import { copySources, type CopySource } from '../../../parse/context/copy-sources.js';
import type { Instruction } from '../../../parse/dockerfile/model.js';
import type { DockerfileRule } from '../../types.js';
import { isGitSource, isOtherArchive, isUrl, mayBeTar } from './archives.js';
import { copyArgs, resolve, unquote } from './util.js';

/** Flags only ADD understands: the instruction cannot simply become COPY. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const copyNotAdd: DockerfileRule = {
  meta: {
    id: 'copy-not-add',
    target: 'dockerfile',
    category: 'guide',
    severity: 'error',
    aliases: ['DL3020', 'DS-0005', 'CKV_DOCKER_4'],
    title: 'Use COPY instead of ADD for local files and folders',
    description:
      '`ADD` does more than copy: it extracts tar archives and fetches URLs, so a reader has to wonder which of these it does. For plain files and folders `COPY` says exactly what happens.',
    bad: 'FROM python:3.12-slim\nADD requirements.txt /app/\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt /app/\n',
    fixable: true,
    example: { project: { addSources: { 'requirements.txt': 'file' } } },
    differs:
      'Legitimate uses of ADD are not reported: URLs (remote files, `--checksum`), git repositories, and local tar archives ADD extracts (also a plain `.gz`/`.bz2`/`.xz` file by name). Unlike hadolint, `.zip` and other non-tar archives are reported, because ADD copies them without extracting them. ADD recognises a tar archive by its content, not its name, so the context decides: a source whose first bytes are a tar archive (plain, or gzip with a tar inside) is not reported, nor a bzip2/xz/zstd file (it may hold one). The fix (ADD → COPY) is offered only when every source is in the build context and known by its content to be a plain file or folder, and no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`) is used; a Dockerfile checked without its context gets the finding without the fix.',
  },
  check({ df, project, report }) {
    const byInst = new Map<Instruction, CopySource[]>();
    for (const s of copySources(df)) byInst.set(s.inst, [...(byInst.get(s.inst) ?? []), s]);
    for (const inst of df.instructions) {
      if (inst.keyword !== 'ADD') continue;
      const parts = copyArgs(inst);
      if (!parts) continue;
      const sources = parts.sources.map((s) => (s.startsWith('<<') ? s : resolve(df, inst, unquote(s))));
      if (sources.some((s) => s === null)) continue;
      const local = (sources as string[]).filter((s) => !isUrl(s) && !isGitSource(s) && !mayBeTar(s));
      if (!local.length) continue;
      // ADD recognises archives by content: what the context holds decides (unknown: no fix).
      const kinds = (byInst.get(inst) ?? []).map((s) => project.addSources[s.path]);
      if (kinds.some((k) => k === 'archive' || k === 'maybe-archive')) continue;
      const known = kinds.length === local.length && kinds.every((k) => k === 'file' || k === 'dir');
      const zip = local.find(isOtherArchive);
      const start = inst.keywordEnd - inst.keywordText.length;
      const canFix = known && local.length === sources.length && !inst.flags.some((f) => ADD_ONLY_FLAGS.has(f.name));
      const copy = inst.keywordText === inst.keywordText.toLowerCase() ? 'copy' : 'COPY';
      report({
        start,
        end: inst.keywordEnd,
        message: zip
          ? `ADD does not extract '${zip}' (it only extracts tar archives): use COPY`
          : `ADD of local ${local.length > 1 ? 'paths' : 'path'} '${local.join("', '")}': use COPY, which only copies`,
        ...(canFix ? { fix: [{ start, end: inst.keywordEnd, text: copy }] } : {}),
      });
    }
  },
};
