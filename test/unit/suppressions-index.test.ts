// isSuppressed answers through a line index once a file has many pragmas (suppressions.ts); the answer
// must be the one a look at every pragma gives, for random pragma lists (narrow, wide, global, 'all',
// overlapping) and every line, and findSuppressions must file each pragma under the instruction after it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findSuppressions, isSuppressed, type Suppression } from '../../src/engine/suppressions.js';
import { parseDockerfile } from '../../src/parse/dockerfile/parse.js';
import { prng } from '../../bench/prng.js';

const byScan = (list: Suppression[], ids: string[], line: number) =>
  list.some((s) => line >= s.fromLine && line <= s.toLine && (s.rules.has('all') || ids.some((id) => s.rules.has(id.toLowerCase()))));

describe('isSuppressed with an index', () => {
  it('answers as a look at every pragma (2,000 random lists, every line, several rules)', () => {
    const next = prng(5);
    const rules = ['a', 'b', 'dl3008', 'all'];
    for (let k = 0; k < 2000; k++) {
      const lines = 1 + Math.floor(next() * 300);
      const list: Suppression[] = Array.from({ length: Math.floor(next() * 60) }, () => {
        const from = 1 + Math.floor(next() * lines);
        const span = next() < 0.7 ? Math.floor(next() * 4) : next() < 0.5 ? Math.floor(next() * 200) : lines;
        return { rules: new Set(rules.filter(() => next() < 0.3)), fromLine: from, toLine: Math.min(lines, from + span) };
      });
      for (let line = 0; line <= lines + 1; line++) {
        for (const ids of [['a'], ['B', 'x'], ['DL3008'], ['zzz']]) assert.equal(isSuppressed(list, ids, line), byScan(list, ids, line), `list ${k}, line ${line}, ${ids}`);
      }
    }
  });

  it('files each pragma under the next instruction (and the rest of its stage for a stage pragma)', () => {
    // (A comment on the first line is a parser directive, not a pragma; one at the end has no instruction.)
    const df = parseDockerfile('# hadolint ignore=a\nFROM x AS s\n\n# slipway ignore=b\n\nRUN a \\\n  b\n# hadolint stage ignore=c\nRUN c\nRUN d\nFROM y\n# hadolint ignore=e\n', 'Dockerfile');
    assert.deepEqual(
      findSuppressions(df).map((s) => [[...s.rules].join(), s.fromLine, s.toLine]),
      [['b', 6, 7], ['c', 9, 10]],
    );
  });
});
