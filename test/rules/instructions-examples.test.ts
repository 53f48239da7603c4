// Every rule of the family: its `bad` example triggers it, its `good` example does not, and it never throws on odd input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfileText } from '../../src/engine/check-dockerfile.js';
import { NO_FACTS } from '../../src/project/facts.js';
import { instructionRules } from '../../src/rules/dockerfile/instructions/index.js';
import type { DockerfileRule, RuleSettings } from '../../src/rules/types.js';

const SCHEMA: RuleSettings = {
  trustedRegistries: [],
  labelSchema: { 'org.opencontainers.image.source': 'url', 'org.opencontainers.image.version': 'semver', 'org.opencontainers.image.licenses': 'spdx' },
  strictLabels: true,
};

function run(rule: DockerfileRule, code: string, settings: RuleSettings = SCHEMA) {
  return checkDockerfileText(code, 'Dockerfile', { rules: [{ rule, severity: rule.meta.severity }], settings, project: NO_FACTS });
}

const ODD = [
  '',
  'FROM',
  'RUN',
  'WORKDIR\nCOPY\nADD\nEXPOSE\nUSER\nLABEL\nHEALTHCHECK\nSTOPSIGNAL\nCMD\nENTRYPOINT',
  'FROM a\nWORKDIR $X\nCOPY $A $B\nADD ["a"]\nEXPOSE $P/${Q}\nUSER $U:\nLABEL $K=$V\nHEALTHCHECK --interval= CMD\nSTOPSIGNAL $S',
  'FROM a\nRUN <<EOF\nset -o pipefail\ncurl x | sh\nEOF\nCOPY <<A <<B /x\nhi\nA\nho\nB\n',
  'FROM a AS b\nFROM b\nRUN ["sh", "-c", "a | b"]\nEXPOSE :80 80:/tcp 1:2:3:4 -1 ""\nLABEL a=""\nONBUILD RUN cd x\nRUN cd\nRUN (cd',
  'FROM a\nHEALTHCHECK --interval=1x --retries=x --start-period --foo=1 CMD x\nHEALTHCHECK NONE\nSTOPSIGNAL SIGFOO\nUSER ""\nRUN useradd -u\n',
];

describe('instruction rules: examples', () => {
  for (const rule of instructionRules) {
    it(`${rule.meta.id}: bad triggers, good does not, odd input does not throw`, () => {
      assert.ok(run(rule, rule.meta.bad).findings.length > 0, `bad example of ${rule.meta.id} is not reported`);
      assert.deepEqual(run(rule, rule.meta.good).findings.map((f) => f.message), [], `good example of ${rule.meta.id} is reported`);
      for (const code of ODD) run(rule, code);
    });
  }
});
