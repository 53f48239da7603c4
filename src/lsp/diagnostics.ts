// Findings and file errors as LSP diagnostics: code = rule id, aliases in data and message, a link to the rule's doc.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DOCS_BASE } from '../report/rule-info.js';
import type { Threshold } from '../config/config.js';
import { severityRank, type FileError, type Finding, type Severity } from '../types.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  rule: string;
  aliases: string[];
  fixable: boolean;
  severity: Severity;
}

/** A finding less severe than the failure threshold would not fail `slipway check`: a hint, not a warning. */
export function findingDiagnostic(f: Finding, threshold: Threshold = 'info'): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, aliases: f.aliases, fixable: f.fixable, severity: f.severity };
  const fails = threshold !== 'none' && severityRank(f.severity) <= severityRank(threshold);
  return {
    range: {
      start: { line: f.line - 1, character: f.column - 1 },
      end: { line: f.endLine - 1, character: f.endColumn - 1 },
    },
    severity: fails ? SEVERITY[f.severity] : DiagnosticSeverity.Hint,
    code: f.rule,
    codeDescription: { href: ruleHref(f.rule) },
    source: 'slipway',
    message: f.aliases.length ? `${f.message} (${f.aliases.join(', ')})` : f.message,
    data,
  };
}

/** An unreadable or unparsable file, a bad config, a crashing rule: an error where it is, never a crash. */
export function errorDiagnostic(e: FileError): Diagnostic {
  const at = { line: Math.max(0, e.line - 1), character: Math.max(0, e.column - 1) };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Error, source: 'slipway', message: e.message };
}

/** The rule's page: slipway's doc, or ShellCheck's wiki for an SC code. */
export function ruleHref(rule: string): string {
  return /^SC\d+$/.test(rule) ? `https://www.shellcheck.net/wiki/${rule}` : `${DOCS_BASE}${rule}.md`;
}
