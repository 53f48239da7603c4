// Every Dockerfile rule on hostile shapes at size N and 8N: the steps the shared look-ups take (work.ts:
// instructions walked for a variable scope, names compared for "did you mean", instructions scanned
// before one) must grow like the input, not its square. Linear is 8×; the bound is 10×, plus the per-file budget of "did you mean" comparisons. Counting work, not time, keeps the test exact on a loaded machine: the walk per question
// these replaced took 64× here.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfileText } from '../../src/engine/check-dockerfile.js';
import { activeRules, type RuleLevel } from '../../src/engine/effective-rules.js';
import { ignoreMatcher } from '../../src/parse/context/dockerignore.js';
import { entriesMatching } from '../../src/parse/context/entries-matching.js';
import { work } from '../../src/parse/dockerfile/work.js';
import { NO_FACTS } from '../../src/project/facts.js';
import { RULES } from '../../src/rules/index.js';
import { SUGGESTION_BUDGET } from '../../src/rules/dockerfile/image/util.js';

const DOCKERFILE_RULES = RULES.filter((r) => r.meta.target === 'dockerfile');
const everyRule = activeRules(DOCKERFILE_RULES, Object.fromEntries(DOCKERFILE_RULES.map((r) => [r.meta.id, r.meta.severity as RuleLevel])));
const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lines = (n: number, line: (i: number) => string) => range(n).map(line).join('\n') + '\n';

/** Shapes that took a walk (or a comparison with every name) per instruction; the bound at 8N (linear: 8). */
const SHAPES: Record<string, { bound: number; make: (n: number) => string }> = {
  'ARG/COPY pairs (scopeBefore per COPY)': { bound: 10, make: (n) => `FROM alpine:3\n${lines(n, (i) => `ARG A${i}=x\nCOPY $A${i} /d/`)}` },
  'ENV/WORKDIR pairs (undefined-var, files-under-root-home)': { bound: 10, make: (n) => `FROM alpine:3\n${lines(n, (i) => `ENV A${i}=x\nWORKDIR /$A${i}`)}` },
  'global ARGs used before FROM': { bound: 10, make: (n) => `${lines(n, (i) => `ARG A${i}=x\nARG B${i}=$A${i}`)}FROM alpine:3\n` },
  'undefined names among many defined ("did you mean")': { bound: 10, make: (n) => `FROM alpine:3\n${lines(n, (i) => `ENV A${i}=x`)}${lines(n, (i) => `LABEL l${i}=$U${i}`)}` },
  'relative COPY and WORKDIR in one stage (someBefore)': { bound: 10, make: (n) => `FROM alpine:3\n${lines(n, (i) => `COPY f${i} d${i}/\nWORKDIR d${i}`)}` },
  'a chain of stages, relative WORKDIR and COPY in each': { bound: 10, make: (n) => `FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nWORKDIR w\nCOPY f .`)}` },
  'RUN cd after many WORKDIRs (run-cd)': { bound: 10, make: (n) => `FROM scratch AS s0\n${lines(n, (i) => `WORKDIR d${i}\nRUN cd x && make\nONBUILD RUN cd y && make`)}FROM s0\n${lines(n, () => 'RUN cd z && make')}` },
  'EXPOSE lines (expose-ssh)': { bound: 10, make: (n) => `FROM alpine:3\n${lines(n, (i) => `EXPOSE ${1000 + i}`)}` },
  '# hadolint ignore pragmas, a RUN with findings after each (isSuppressed)': { bound: 10, make: (n) => `FROM alpine:3\n${'# hadolint ignore=DL3018\nRUN apk add curl\n'.repeat(n)}` },
  'stages, each COPY --from one before or an unknown one (stageNamed, "did you mean")': { bound: 10, make: (n) => lines(n, (i) => `FROM alpine AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /a\nCOPY --from=x${i} /a /b\nCOPY --from=${i} / /`) },
  // The apt and yum rules asked, per install, for the words of every earlier RUN (is Assume-Yes configured?)
  // once the file names it anywhere: 64× here. Each RUN is now tested once per file and question.
  'a file naming Assume-Yes once, installs after (earlierRunSays)': { bound: 10, make: (n) => `FROM debian:12\n# Assume-Yes Install-Recommends assumeyes docker-clean\n${lines(n, (i) => (i % 2 ? 'RUN apt-get install curl' : 'RUN yum install x'))}` },
  // What a stage inherits is a persistent map (persistent-map.ts); flattening a Map every 32 stages (n²/64
  // copies) was 11.5× here, the walk per question 53×.
  'a chain of stages, ENV and COPY $VAR in each': { bound: 10, make: (n) => `FROM alpine AS s0\n${lines(n, (i) => `FROM s${i} AS s${i + 1}\nENV A${i}=x\nCOPY $A${i} /d/`)}` },
};

function steps(text: string): { steps: number; findings: number } {
  const before = work.steps;
  const r = checkDockerfileText(text, 'Dockerfile', { rules: everyRule, settings, project: NO_FACTS });
  assert.deepEqual(r.errors, [], 'checked, not refused');
  return { steps: work.steps - before, findings: r.findings.length };
}

describe('hostile shapes: the shared look-ups grow linearly', () => {
  for (const [name, { bound, make }] of Object.entries(SHAPES)) {
    it(name, { timeout: 60_000 }, () => {
      const n = 150;
      const small = steps(make(n));
      const big = steps(make(8 * n));
      assert.ok(small.steps > n, `the shape exercises the look-ups (${small.steps} steps at N)`);
      // "Did you mean" compares at most SUGGESTION_BUDGET names per file: a constant on top.
      assert.ok(big.steps <= bound * small.steps + SUGGESTION_BUDGET, `${big.steps} steps at 8N vs ${small.steps} at N: ${(big.steps / small.steps).toFixed(1)}×, more than linear`);
    });
  }
});

// A .dockerignore of n patterns against a context of n paths: Docker's matcher asks every pattern about
// every path (n², 64× at 8N); the candidate index (ignore-candidates.ts) asks only the patterns whose
// literal start or end some segment of the path has.
describe('hostile .dockerignore: matching grows with patterns plus paths, not their product', () => {
  const ignoreFile = (n: number) => lines(n, (i) => [`**/p${i}*.log`, `build/o${i}/`, `!**/keep${i}.txt`, `*.t${i}`][i % 4]!);
  // Per pattern: a path it decides, and one no pattern matches.
  const paths = (n: number) => range(n).flatMap((i) => [[`x/p${i}1.log`, `build/o${i}/a`, `y/keep${i}.txt`, `z/a.t${i}`][i % 4]!, `src/d${Math.floor(i / 50)}/f${i}.txt`]);
  const stepsOf = (n: number) => {
    const matcher = ignoreMatcher(ignoreFile(n));
    const before = work.steps;
    let ignored = 0;
    for (const rel of paths(n)) {
      if (matcher.ignores(rel)) ignored++;
      matcher.decidingPattern(rel);
    }
    return { steps: work.steps - before, ignored };
  };
  it('n patterns, n paths', () => {
    const n = 400;
    const small = stepsOf(n);
    const big = stepsOf(8 * n);
    assert.ok(small.ignored > n / 5, `the patterns match (${small.ignored} of ${2 * n} paths ignored)`);
    assert.ok(small.steps > n, `the shape exercises the matcher (${small.steps} steps at N)`);
    assert.ok(big.steps <= 10 * small.steps, `${big.steps} steps at 8N vs ${small.steps} at N: ${(big.steps / small.steps).toFixed(1)}×, more than linear`);
  });
});

// n wildcard COPY sources against a context of n files (copy-source-missing, copy-ignored-file, and the
// disk facts' fallbacks): testing every entry per source is n² (64× at 8N); the sorted listing's binary
// search tests the entries under each source's literal start.
describe('hostile COPY sources: matching them to the context grows with sources plus entries', () => {
  const stepsOf = (n: number) => {
    const entries = range(n)
      .map((i) => ({ path: `src/d${Math.floor(i / 50)}/f${i}.txt`, type: 'file' as const, size: 1, excluded: false }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const before = work.steps;
    let found = 0;
    for (let i = 0; i < n; i++) found += entriesMatching(entries, `src/d${Math.floor(i / 50)}/f${i}*.txt`).length;
    return { steps: work.steps - before, found };
  };
  it('n wildcard sources, n entries', () => {
    const n = 400;
    const small = stepsOf(n);
    const big = stepsOf(8 * n);
    assert.ok(small.found >= n, `every source matches (${small.found})`);
    assert.ok(big.steps <= 10 * small.steps, `${big.steps} steps at 8N vs ${small.steps} at N: ${(big.steps / small.steps).toFixed(1)}×, more than linear`);
  });
});

