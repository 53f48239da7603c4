// Every report format by name; the CLI picks one with --format.

import { checkstyleReportPieces, formatCheckstyle } from './checkstyle.js';
import { formatGithub, githubReportPieces } from './github.js';
import { formatGitlab, gitlabReportPieces } from './gitlab.js';
import { formatJson, jsonReportPieces } from './json.js';
import { formatSarif, sarifReportPieces } from './sarif.js';
import { formatText, textReportPieces } from './text.js';
import type { Formatter, ReportPieces } from './types.js';

export type FormatName = 'text' | 'json' | 'sarif' | 'checkstyle' | 'gitlab' | 'github';
export const FORMAT_NAMES: readonly FormatName[] = ['text', 'json', 'sarif', 'checkstyle', 'gitlab', 'github'];

export const formatters: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
  github: formatGithub,
};

/** The same reports in pieces, for writing as they are made (joined, each is its formatter's text). */
export const reportPieces: Record<FormatName, ReportPieces> = {
  text: textReportPieces,
  json: jsonReportPieces,
  sarif: sarifReportPieces,
  checkstyle: checkstyleReportPieces,
  gitlab: gitlabReportPieces,
  github: githubReportPieces,
};

export type { Formatter, ReportInput, ReportPieces, RuleInfo } from './types.js';
