// GitLab Code Quality report (a subset of the Code Climate issue format).

import { createHash } from 'node:crypto';
import type { Severity } from '../types.js';
import { jsonArrayPieces } from './json-array.js';
import type { ReportInput } from './types.js';
import { PARSE_ERROR, relPath } from './util.js';

// GitLab's scale is info|minor|major|critical|blocker; nothing slipway finds is a blocker by itself.
const LEVEL: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info', style: 'info' };

/** Stable across runs, so GitLab can tell new issues from fixed ones between branches. */
function fingerprint(rule: string, file: string, line: number, message: string): string {
  return createHash('sha1').update([rule, file, line, message].join('\0')).digest('hex');
}

function issue(rule: string, severity: string, path: string, line: number, message: string) {
  return {
    description: message,
    check_name: rule,
    fingerprint: fingerprint(rule, path, line, message),
    severity,
    // GitLab lines are 1-based; a file error may have no position.
    location: { path, lines: { begin: Math.max(1, line) } },
  };
}

export function formatGitlab(input: ReportInput): string {
  return [...gitlabReportPieces(input)].join('');
}

/** One piece per issue: joined, what JSON.stringify(issues, null, 2) + a newline gives. */
export function* gitlabReportPieces({ result, cwd }: ReportInput): Generator<string> {
  function* issues() {
    for (const f of result.findings) yield issue(f.rule, LEVEL[f.severity], relPath(f.file, cwd), f.line, f.message);
    for (const e of result.errors) yield issue(PARSE_ERROR, 'major', relPath(e.file, cwd), e.line, e.message);
  }
  yield* jsonArrayPieces(issues(), (i) => i, 0);
  yield '\n';
}
