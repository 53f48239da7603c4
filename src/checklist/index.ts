// The guide's checklist for one project: each item passed, failed (by the findings of its rules)
// or not applicable, with file:line evidence.

import type { ProjectModel } from '../project/model.js';
import type { Finding } from '../types.js';
import { CHECKLIST, type ChecklistItemSpec, type Evidence } from './items.js';

export type ChecklistStatus = 'pass' | 'fail' | 'n/a';

export interface ChecklistItem {
  id: string;
  title: string;
  status: ChecklistStatus;
  evidence: Evidence[];
}

export { CHECKLIST, type ChecklistItemSpec, type Evidence };

function unique(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence
    .filter((e) => {
      const key = `${e.file}:${e.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Judges every checklist item for a project from the findings of a check of it. Never throws. */
export function computeChecklist(project: ProjectModel, findings: readonly Finding[], items: readonly ChecklistItemSpec[] = CHECKLIST): ChecklistItem[] {
  const paths = new Set(project.files.map((f) => f.path));
  const own = findings.filter((f) => paths.has(f.file));
  return items.map((item) => {
    const failing = own.filter((f) => item.rules.includes(f.rule));
    if (failing.length) return { id: item.id, title: item.title, status: 'fail', evidence: unique(failing.map((f) => ({ file: f.file, line: f.line }))) };
    let applies = false;
    let evidence: Evidence[] = [];
    try {
      applies = !item.failOnly && item.applies(project);
      if (applies) evidence = unique(item.evidence(project));
    } catch {
      evidence = [];
    }
    return { id: item.id, title: item.title, status: applies ? 'pass' : 'n/a', evidence };
  });
}

/** Merges the checklists of several projects (several PATH arguments): any fail fails, any pass passes. */
export function mergeChecklists(lists: ChecklistItem[][]): ChecklistItem[] {
  if (!lists.length) return [];
  return lists[0]!.map((first, i) => {
    const all = lists.map((l) => l[i]!);
    const status: ChecklistStatus = all.some((x) => x.status === 'fail') ? 'fail' : all.some((x) => x.status === 'pass') ? 'pass' : 'n/a';
    return { ...first, status, evidence: unique(all.filter((x) => x.status === status).flatMap((x) => x.evidence)) };
  });
}
