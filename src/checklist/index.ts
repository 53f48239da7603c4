// The guide's checklist for one project: each item passed (evidence that the practice is there and
// no finding against it), failed (an unsuppressed finding of its rules), accepted (only findings a
// suppression covers, or its rules turned off), unverified (no evidence, or a file it is judged on
// has errors) or not applicable, with file:line evidence.

import type { ProjectModel } from '../project/model.js';
import type { FileError, Finding } from '../types.js';
import { CHECKLIST, type ChecklistItemSpec, type Evidence } from './items.js';
import { compareText } from '../util/compare-text.js';

export type ChecklistStatus = 'pass' | 'fail' | 'accepted' | 'unverified' | 'n/a';

export interface ChecklistItem {
  id: string;
  title: string;
  status: ChecklistStatus;
  /** Why an item is accepted, unverified or n/a, in a few words. */
  reason?: string;
  evidence: Evidence[];
}

export { CHECKLIST, type ChecklistItemSpec, type Evidence };

/** What the check saw besides its findings. */
export interface ChecklistInputs {
  /** Findings a suppression comment covers. */
  suppressed?: readonly Finding[];
  /** Files that could not be read or parsed. */
  errors?: readonly FileError[];
  /** Ids of the rules that ran (absent: all); an item whose rules are all off is accepted. */
  active?: ReadonlySet<string>;
}

function unique(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence
    .filter((e) => {
      const key = `${e.file}:${e.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
}

const at = (list: readonly { file: string; line: number }[]) => unique(list.map((f) => ({ file: f.file, line: f.line })));

/** Judges every checklist item for a project from a check of it. Never throws. */
export function computeChecklist(
  project: ProjectModel,
  findings: readonly Finding[],
  inputs: ChecklistInputs = {},
  items: readonly ChecklistItemSpec[] = CHECKLIST,
): ChecklistItem[] {
  const paths = new Set(project.files.map((f) => f.path));
  const kindOf = new Map(project.files.map((f) => [f.path, f.kind]));
  const own = findings.filter((f) => paths.has(f.file));
  const suppressed = (inputs.suppressed ?? []).filter((f) => paths.has(f.file));
  return items.map((item): ChecklistItem => {
    const base = { id: item.id, title: item.title };
    const mine = own.filter((f) => item.rules.includes(f.rule));
    // A finding reported below its rule's level (a base image's missing HEALTHCHECK) is a note, not a failure.
    const failing = mine.filter((f) => !f.capped);
    if (failing.length) return { ...base, status: 'fail', evidence: at(failing) };
    let applies = false;
    let evidence: Evidence[] = [];
    try {
      applies = !item.failOnly && item.applies(project);
      if (applies) evidence = unique(item.evidence(project));
    } catch {
      evidence = [];
    }
    if (!applies) return { ...base, status: 'n/a', evidence: [] };
    const broken = (inputs.errors ?? []).filter((e) => item.kinds.includes(kindOf.get(e.file) ?? 'env'));
    if (broken.length) return { ...base, status: 'unverified', reason: `${broken[0]!.file} has errors`, evidence: at(broken) };
    const accepted = suppressed.filter((f) => item.rules.includes(f.rule));
    if (accepted.length) return { ...base, status: 'accepted', reason: 'a finding is suppressed', evidence: at(accepted) };
    const off = inputs.active ? item.rules.filter((r) => !inputs.active!.has(r)) : [];
    if (off.length === item.rules.length) return { ...base, status: 'accepted', reason: 'its rules are turned off', evidence };
    if (evidence.length) return { ...base, status: 'pass', evidence };
    // No evidence, and the rule that would report its absence is off (`ignored: [DL3057]`): a choice, not a pass.
    if (off.length) return { ...base, status: 'accepted', reason: `${off.join(', ')} turned off`, evidence: [] };
    if (mine.length) return { ...base, status: 'n/a', reason: 'not a service image (see the info finding)', evidence: at(mine) };
    return { ...base, status: 'unverified', reason: 'no evidence found', evidence: [] };
  });
}

/** The order in which several projects' states combine (several PATH arguments): the first that occurs wins. */
const PRECEDENCE: ChecklistStatus[] = ['fail', 'unverified', 'accepted', 'pass', 'n/a'];

/** Merges the checklists of several projects: any fail fails, then unverified, accepted, pass. */
export function mergeChecklists(lists: ChecklistItem[][]): ChecklistItem[] {
  if (!lists.length) return [];
  return lists[0]!.map((first, i) => {
    const all = lists.map((l) => l[i]!);
    const status = PRECEDENCE.find((s) => all.some((x) => x.status === s))!;
    const chosen = all.filter((x) => x.status === status);
    return { ...first, status, ...(chosen[0]?.reason ? { reason: chosen[0].reason } : {}), evidence: unique(chosen.flatMap((x) => x.evidence)) };
  });
}
