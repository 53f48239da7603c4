// Code actions on a checked document: each finding's own fix, "fix all" (what `check --fix` writes),
// and "suppress this rule on this line" (the slipway pragma above the instruction or line).
// Every edit is offered only if re-checking the edited text shows it works.

import { CodeActionKind, type CodeAction, type Range, type TextEdit as LspEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../engine/fix.js';
import type { Finding } from '../types.js';
import { fixAll, recheck, type FileCheck } from './project-check.js';
import { findingDiagnostic } from './diagnostics.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.slipway`;

export function codeActions(doc: TextDocument, check: FileCheck, range: Range, only?: string[]): CodeAction[] {
  const diagnostic = (f: Finding) => findingDiagnostic(f, check.threshold);
  const wants = (kind: string) => !only?.length || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const edit = (edits: LspEdit[]) => ({ documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] });
  const actions: CodeAction[] = [];
  const here = check.findings.filter((f) => overlaps(f, range));

  if (wants(CodeActionKind.QuickFix)) {
    for (const f of here) {
      if (!f.fix?.length) continue;
      actions.push({
        title: `Fix: ${f.message} (${f.rule})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic(f)],
        isPreferred: true,
        edit: edit(f.fix.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }))),
      });
    }
    for (const f of here) {
      const s = suppression(doc, check, f);
      if (!s) continue;
      actions.push({ title: `Suppress ${f.rule} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(f)], edit: edit([s]) });
    }
  }
  const fixable = check.findings.filter((f) => f.fix?.length);
  const allKinds = [CodeActionKind.QuickFix, FIX_ALL_KIND].filter(wants);
  if (fixable.length && allKinds.length) {
    const fixed = fixAll(check);
    if (fixed !== null) {
      const whole = { range: { start: doc.positionAt(0), end: doc.positionAt(doc.getText().length) }, newText: fixed };
      for (const kind of allKinds) {
        actions.push({ title: 'Fix all slipway findings in this file', kind, diagnostics: fixable.map(diagnostic), edit: edit([whole]) });
      }
    }
  }
  return actions;
}

/** `# slipway ignore=<rule>` above the finding's instruction (Dockerfile) or line (the others), same indent. */
function suppression(doc: TextDocument, check: FileCheck, f: Finding): LspEdit | null {
  const df = check.project?.dockerfiles.find((d) => d.file.absPath === check.doc.path)?.df;
  let line = f.line;
  if (df) {
    const instr = df.instructions.find((i) => i.line <= f.line && df.lines.positionAt(i.end).line >= f.line);
    if (!instr) return null; // before the first instruction or between them: no pragma scopes there
    line = instr.line;
  }
  const text = doc.getText();
  const start = doc.offsetAt({ line: line - 1, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  const insert = `${indent}# slipway ignore=${f.rule}\n`;
  const after = recheck(check, applyEdits(text, [[{ start, end: start, text: insert }]]).text);
  // Gone, and nothing new (a comment inside a YAML block scalar would change the value instead).
  if (!after || after.some((g) => g.rule === f.rule && g.line === f.line + 1) || after.length >= check.findings.length) return null;
  return { range: { start: doc.positionAt(start), end: doc.positionAt(start) }, newText: insert };
}

function overlaps(f: Finding, r: Range): boolean {
  const fs = f.line - 1;
  const fe = f.endLine - 1;
  return fs <= r.end.line && fe >= r.start.line;
}
