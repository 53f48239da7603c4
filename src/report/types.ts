// Input shared by every report formatter.

import type { ChecklistItem } from '../checklist/index.js';
import type { CheckResult, Severity } from '../types.js';

export interface RuleInfo {
  id: string;
  aliases: string[];
  severity: Severity;
  title: string;
  description: string;
  helpUri: string;
  fixable: boolean;
  /** Rule category (`security`, `correctness`, ...); SARIF uses it for tags and security-severity. */
  category?: string;
}

export interface ReportInput {
  result: CheckResult;
  rules: RuleInfo[];
  /** tool version */
  version: string;
  color: boolean;
  cwd: string;
  /** The guide's checklist, when the report shows it (the JSON and text formats do). */
  checklist?: ChecklistItem[];
}

export type Formatter = (input: ReportInput) => string;

/** A report made as it is written: pieces in order, each small (a finding, a line). */
export type ReportPieces = (input: ReportInput) => Iterable<string>;
