// Every report format by name; the CLI picks one with --format.

import { formatCheckstyle } from './checkstyle.js';
import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { Formatter } from './types.js';

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

export type { Formatter, ReportInput, RuleInfo } from './types.js';
