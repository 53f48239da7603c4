// A table-driven tester for project rules (compose, context, workflow, env): each case is a set of
// files; invalid cases list the expected findings (file, line, column) and, for fixable rules,
// the expected texts after --fix (a second fix must change nothing).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkProject, fixProject } from '../../src/engine/check-project.js';
import { buildProject, withTexts, type BuildOptions, type FileText } from '../../src/project/build.js';
import { diskFacts, type DiskFacts } from '../../src/project/disk-facts.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';
import { kindOf } from '../../src/project/discover.js';
import { NO_FACTS } from '../../src/project/facts.js';
import type { ProjectModel } from '../../src/project/model.js';
import type { ContextRule, ProjectRule, RuleSettings } from '../../src/rules/types.js';
import type { Severity } from '../../src/types.js';

export const TEST_ROOT = '/project';

export interface ProjectExpected {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The finding's severity (a rule may report below its level: a base image's missing HEALTHCHECK). */
  severity?: Severity;
  message?: string | RegExp;
}

export interface ProjectCase {
  name?: string;
  /** Path relative to the project root → text. */
  files: Record<string, string>;
  settings?: Partial<RuleSettings>;
  /** Set the project root: a real folder (a temp dir) has its disk facts loaded from it, as check does. */
  root?: string;
  /** Disk facts given as data (contexts, env file modes, git status …) for the in-memory project. */
  disk?: Partial<DiskFacts>;
  /** The environment compose interpolates with. */
  environment?: Record<string, string>;
}

export interface ProjectInvalidCase extends ProjectCase {
  errors: ProjectExpected[];
  /** Path → text after --fix, for every file the fix changes. */
  output?: Record<string, string>;
}

const SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

export function projectOf(files: Record<string, string>, root = TEST_ROOT, options: BuildOptions = {}): ProjectModel {
  const texts: FileText[] = Object.entries(files).map(([path, text]) => ({
    kind: kindOf(path) ?? 'dockerfile',
    path,
    absPath: `${root}/${path}`,
    text,
  }));
  return buildProject(root, texts, options);
}

export function runProjectRule(rule: ProjectRule | ContextRule, c: ProjectCase) {
  const options = {
    rules: [{ rule, severity: rule.meta.severity }],
    settings: { ...SETTINGS, ...c.settings },
    factsFor: () => ({ ...NO_FACTS }),
  };
  const project = projectOf(c.files, c.root, { environment: c.environment, disk: diskFacts(c.disk) });
  if (c.root) loadDiskFacts(project);
  const rebuild = (p: ProjectModel) => (texts: Map<string, string>) => (c.root ? loadDiskFacts(withTexts(p, texts)) : withTexts(p, texts));
  return { project, options, rebuild, result: checkProject(project, options) };
}

export function projectRuleTester(rule: ProjectRule | ContextRule, cases: { valid: ProjectCase[]; invalid: ProjectInvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, n) => {
      it(`valid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { result } = runProjectRule(rule, c);
        assert.deepEqual(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`), []);
      });
    });
    cases.invalid.forEach((c, n) => {
      it(`invalid #${n + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const { project, options, rebuild, result } = runProjectRule(rule, c);
        const got = result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
        assert.equal(result.findings.length, c.errors.length, `findings:\n${got.join('\n')}`);
        c.errors.forEach((e, i) => {
          const f = result.findings[i]!;
          assert.deepEqual([f.file, f.line, f.column], [e.file, e.line, e.column], `finding ${i + 1}: ${got[i]}`);
          if (e.endLine !== undefined) assert.equal(f.endLine, e.endLine, 'endLine');
          if (e.endColumn !== undefined) assert.equal(f.endColumn, e.endColumn, 'endColumn');
          if (e.severity !== undefined) assert.equal(f.severity, e.severity, `severity of: ${f.message}`);
          if (typeof e.message === 'string') assert.ok(f.message.includes(e.message), `"${f.message}" lacks "${e.message}"`);
          else if (e.message) assert.match(f.message, e.message);
        });
        const changed = fixProject(project, options, rebuild(project));
        const byPath = Object.fromEntries(
          [...changed].map(([abs, text]) => [abs.slice(project.root.length + 1), text]),
        );
        assert.deepEqual(byPath, c.output ?? {}, 'fixed files');
        if (c.output) {
          const fixed = rebuild(project)(changed);
          assert.equal(fixProject(fixed, options, rebuild(fixed)).size, 0, 'a second --fix must change nothing');
        }
      });
    });
  });
}
