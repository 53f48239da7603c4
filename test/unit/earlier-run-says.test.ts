// earlierRunSays (rules/dockerfile/packages/common.ts) keeps, per stage and question, the first RUN whose
// words or heredocs pass a test, instead of listing every earlier RUN's words for each RUN. It must
// answer as that listing did (earlierRunText, kept below as the oracle) for every instruction and ONBUILD
// trigger of generated stage graphs (FROM an earlier stage, a later one, itself, a cycle; snippets
// without FROM), edge cases and every committed Dockerfile (and the corpora when named), asked in file
// order and backwards inside a file's rule scope, and outside one.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Dockerfile, Instruction } from '../../src/parse/dockerfile/model.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { withFileMemo } from '../../src/rules/dockerfile/file-memo.js';
import { commandsOf, withTriggers } from '../../src/rules/dockerfile/helpers.js';
import { aptConfigures, falsy, truthy } from '../../src/rules/dockerfile/packages/apt-common.js';
import { earlierRunSays } from '../../src/rules/dockerfile/packages/common.js';
import { prng } from '../../bench/prng.js';
import { committedDockerfiles } from './parse/committed-dockerfiles.js';
import { EDGE_CASES, variants } from './parse/edge-cases.js';
import { stageGraph } from './parse/stage-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The words and heredocs of every earlier RUN, as packages/common.ts listed them before. */
function earlierRunText(df: Dockerfile, inst: Instruction, mentions: RegExp): string[] {
  if (!mentions.test(df.text)) return [];
  const out: string[] = [];
  const chain: Instruction[][] = [];
  for (let s = inst.stage, n = 0; s && n <= df.stages.length; s = s.image.stage, n++) chain.unshift(s.instructions);
  if (!inst.stage) chain.push(df.instructions.filter((i) => i.stage === null));
  for (const list of chain) {
    for (const i of withTriggers(list)) {
      if (i.index >= inst.index) break;
      if (i.keyword !== 'RUN') continue;
      for (const c of commandsOf(i)) out.push(...c.argv);
      for (const h of i.heredocs) out.push(h.content);
    }
  }
  return out;
}

// The rules' questions (apt-get-yes, apt-no-install-recommends, the yum/dnf -y rules, apt-lists-cleanup).
const QUESTIONS: [string, RegExp, (t: string) => boolean][] = [
  ['APT::Get::Assume-Yes', /Assume-Yes/i, aptConfigures('APT::Get::Assume-Yes', truthy)],
  ['APT::Install-Recommends', /Install-Recommends/i, aptConfigures('APT::Install-Recommends', falsy)],
  ['assumeyes', /assumeyes/i, (t) => /(^|\s)assumeyes\s*=\s*(1|true|yes)\b/i.test(t)],
  ['docker-clean removed', /docker-clean/, (t) => t === '/etc/apt/apt.conf.d/docker-clean'],
];

function assertSame(text: string, label: string): number {
  const df = parseDockerfile(text, 'Dockerfile');
  const all = df.instructions.flatMap((i) => (i.trigger ? [i, i.trigger] : [i]));
  const ask = (order: Instruction[]) => {
    for (const inst of order) {
      for (const [q, mentions, test] of QUESTIONS) {
        assert.equal(earlierRunSays(df, inst, q, mentions, test), earlierRunText(df, inst, mentions).some(test), `${label}: line ${inst.line}, ${q}`);
      }
    }
  };
  // One scope asked in file order then backwards, one backwards first (a stage asked before its parents), and none.
  withFileMemo(() => ask([...all, ...[...all].reverse()]));
  withFileMemo(() => ask([...all].reverse()));
  ask(all);
  return all.length;
}

const SAYS = [
  `RUN echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`,
  `RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/90r`,
  `RUN echo 'APT::Install-Recommends "true";' > /etc/apt/apt.conf.d/90r`,
  'RUN echo assumeyes=1 >> /etc/yum.conf',
  'RUN rm -f /etc/apt/apt.conf.d/docker-clean',
  `RUN <<EOF\necho 'APT::Get::Assume-Yes "1";' > /etc/apt/apt.conf.d/y\nEOF`,
  `RUN cat <<EOF > /etc/apt/apt.conf.d/y\nAPT::Get::Assume-Yes "true";\nEOF`,
  `ONBUILD RUN echo 'APT::Get::Assume-Yes "yes";' > /etc/apt/apt.conf.d/o`,
  'ONBUILD RUN rm /etc/apt/apt.conf.d/docker-clean',
  'RUN apt-get install curl',
  'RUN yum install x',
  'COPY a b',
  '# Assume-Yes',
];

function generated(next: () => number): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const lines: string[] = [];
  if (next() < 0.3) for (let k = Math.floor(next() * 4); k > 0; k--) lines.push(pick(SAYS));
  lines.push(...stageGraph(next, ['debian'], 6, () => pick(SAYS)));
  return lines.join('\n') + '\n';
}

describe('earlierRunSays answers as the list of every earlier RUN text', () => {
  it('on edge cases and 3,000 generated stage graphs', () => {
    let n = 0;
    let yes = 0;
    for (const [i, text] of EDGE_CASES.entries()) for (const [kind, t] of variants(text)) n += assertSame(t, `edge case ${i} (${kind})`);
    const next = prng(33);
    for (let k = 0; k < 3000; k++) {
      const text = generated(next);
      n += assertSame(text, text);
      const df = parseDockerfile(text, 'Dockerfile');
      for (const inst of df.instructions) if (earlierRunSays(df, inst, QUESTIONS[0]![0], QUESTIONS[0]![1], QUESTIONS[0]![2])) yes++;
    }
    assert.ok(n > 15_000, `instructions compared: ${n}`);
    assert.ok(yes > 2_000, `instructions with an earlier Assume-Yes: ${yes}`);
  });

  it('on every committed Dockerfile (and the real corpora when named)', () => {
    let n = 0;
    for (const file of committedDockerfiles(ROOT)) n += assertSame(readFileSync(file, 'utf8'), file);
    assert.ok(n > 300, `instructions compared: ${n}`);
  });
});
