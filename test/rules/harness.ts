// A table-driven rule tester, after ESLint's RuleTester: valid cases produce no finding of the rule;
// invalid cases produce exactly the listed findings (line, column, and optionally end and message),
// and, for fixable rules, `output` is the text after --fix (only this rule active), which must be stable.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfileText, fixDockerfileText } from '../../src/engine/check-dockerfile.js';
import type { ActiveRule } from '../../src/engine/effective-rules.js';
import { NO_FACTS, type ProjectFacts } from '../../src/project/facts.js';
import type { DockerfileRule, RuleSettings } from '../../src/rules/types.js';
import type { Severity } from '../../src/types.js';

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The finding's severity (a rule may report below its level: a base image's missing HEALTHCHECK). */
  severity?: Severity;
  /** Substring of the message. */
  message?: string | RegExp;
}

export interface InvalidCase {
  code: string;
  errors: ExpectedFinding[];
  /** Text after --fix; omit when the rule offers no fix for this case. */
  output?: string;
  name?: string;
  settings?: Partial<RuleSettings>;
  project?: Partial<ProjectFacts>;
}

export interface ValidCase {
  code: string;
  name?: string;
  /** File errors the file has (an empty Dockerfile is one), as `slipway check` reports them; default none. */
  fileErrors?: RegExp[];
  settings?: Partial<RuleSettings>;
  project?: Partial<ProjectFacts>;
}

const DEFAULT_SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

function options(rule: DockerfileRule, c: { settings?: Partial<RuleSettings>; project?: Partial<ProjectFacts> }) {
  const rules: ActiveRule[] = [{ rule, severity: rule.meta.severity }];
  return {
    rules,
    settings: { ...DEFAULT_SETTINGS, ...c.settings },
    project: { ...NO_FACTS, ...c.project },
  };
}

export function ruleTester(
  rule: DockerfileRule,
  cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] },
): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((v, n) => {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { findings, errors } = checkDockerfileText(c.code, 'Dockerfile', options(rule, c));
        const expected = (c as ValidCase).fileErrors ?? [];
        assert.equal(errors.length, expected.length, `file errors: ${errors.map((e) => e.message).join('; ')}`);
        expected.forEach((re, i) => assert.match(errors[i]!.message, re));
        assert.deepEqual(
          findings.map((f) => `${f.line}:${f.column} ${f.message}`),
          [],
          `expected no ${rule.meta.id} finding in:\n${c.code}`,
        );
      });
    });
    cases.invalid.forEach((c, n) => {
      it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const opts = options(rule, c);
        const { findings } = checkDockerfileText(c.code, 'Dockerfile', opts);
        assert.equal(
          findings.length,
          c.errors.length,
          `expected ${c.errors.length} finding(s), got:\n${findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n')}\nin:\n${c.code}`,
        );
        c.errors.forEach((e, i) => {
          const f = findings[i]!;
          assert.equal(f.rule, rule.meta.id);
          assert.deepEqual([f.line, f.column], [e.line, e.column], `position of finding ${i + 1}: ${f.message}`);
          if (e.endLine !== undefined) assert.equal(f.endLine, e.endLine, 'endLine');
          if (e.endColumn !== undefined) assert.equal(f.endColumn, e.endColumn, 'endColumn');
          if (e.severity !== undefined) assert.equal(f.severity, e.severity, `severity of: ${f.message}`);
          if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `message "${f.message}" lacks "${e.message}"`);
          else if (e.message) assert.match(f.message, e.message);
        });
        const fixed = fixDockerfileText(c.code, 'Dockerfile', opts);
        if (c.output === undefined) {
          assert.equal(fixed, c.code, 'no fix expected');
        } else {
          assert.equal(fixed, c.output);
          assert.equal(fixDockerfileText(fixed, 'Dockerfile', opts), fixed, 'a second --fix must change nothing');
        }
      });
    });
  });
}
