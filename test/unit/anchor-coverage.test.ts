// Every rule of the anchors (hadolint, BuildKit, trivy, checkov, dclint) has a slipway rule that
// names it in `aliases`, so users can keep their suppressions and compare results. The lists are
// copies of the anchors' own rule tables (test/fixtures/anchors/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES } from '../../src/rules/index.js';

/** Anchor checks slipway deliberately has no rule for, and why. */
const NOT_COVERED: Record<string, string> = {
  InvalidBaseImagePlatform: "needs the pulled base image's platform, known only at build time",
};

const aliases = new Set(RULES.flatMap((r) => r.meta.aliases));

for (const [file, pick] of [
  ['hadolint-rules.tsv', (id: string) => /^DL\d+$/.test(id)], // SCxxxx are ShellCheck's, not hadolint's rules
  ['buildkit-rules.tsv', () => true],
  ['trivy-ds-checks.tsv', () => true],
  ['checkov-docker-checks.tsv', () => true],
  ['dclint-rules.tsv', () => true],
] as const) {
  test(`every rule of ${file} is an alias of a slipway rule`, () => {
    const ids = readFileSync(new URL(`../fixtures/anchors/${file}`, import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!.trim())
      .filter(pick);
    assert.ok(ids.length > 10, `${file} was read`);
    assert.deepEqual(ids.filter((id) => !aliases.has(id) && !(id in NOT_COVERED)), []);
  });
}
