// Findings and file errors as LSP diagnostics: code = rule id, aliases in data and message, a link to the rule's doc.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DOCS_BASE } from '../report/rule-info.js';
import type { FileError, Finding, Severity } from '../types.js';

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
}

export function findingDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, aliases: f.aliases, fixable: f.fixable };
  return {
    range: {
      start: { line: f.line - 1, character: f.column - 1 },
      end: { line: f.endLine - 1, character: f.endColumn - 1 },
    },
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: `${DOCS_BASE}${f.rule}.md` },
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

/** The finding a diagnostic stands for: same rule, same range. */
export function sameFinding(d: Diagnostic, f: Finding): boolean {
  return (
    d.code === f.rule &&
    d.range.start.line === f.line - 1 &&
    d.range.start.character === f.column - 1 &&
    d.range.end.line === f.endLine - 1 &&
    d.range.end.character === f.endColumn - 1
  );
}
