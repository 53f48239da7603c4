// Runs the image rules over an audited image. A finding points at the layer and file in the image,
// and, when the Dockerfile that built it is known, at the instruction that made the layer (its
// pragmas suppress as they do for Dockerfile rules); otherwise at the image itself.

import { mapHistory } from '../image/dockerfile-map.js';
import { shownHistory } from '../image/history.js';
import type { ImageModel } from '../image/model.js';
import type { Dockerfile, Instruction } from '../parse/dockerfile/model.js';
import { isImageRule, type ImageReport, type ImageRule, type RuleSettings } from '../rules/types.js';
import type { Finding, ImageLocation } from '../types.js';
import { RuleCrash } from './rule-crash.js';
import type { ActiveRule } from './effective-rules.js';
import { toFinding } from './finding.js';
import { findSuppressions, isSuppressed } from './suppressions.js';
import { compareText } from '../util/compare-text.js';

export interface ImageCheckOptions {
  rules: ActiveRule[];
  settings: RuleSettings;
  /** The Dockerfile the image was built from, when known. */
  dockerfile?: Dockerfile | null;
}

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

export function checkImage(image: ImageModel, options: ImageCheckOptions): Finding[] {
  const df = options.dockerfile ?? null;
  const made = df ? mapHistory(image.config.history, df) : new Map<number, Instruction>();
  const suppressions = df ? findSuppressions(df) : [];
  const findings: Finding[] = [];

  const locate = (r: ImageReport): { where: ImageLocation; suffix: string; historyIndex: number | undefined } => {
    const layer = r.layer !== undefined ? image.layers[r.layer] : image.layers.find((l) => r.history !== undefined && l.history?.index === r.history);
    const entry = layer?.history ?? (r.history !== undefined ? image.config.history[r.history] : undefined);
    const createdBy = entry ? shownHistory(entry.createdBy) : undefined;
    const where: ImageLocation = {
      ref: image.ref,
      ...(layer ? { layer: layer.index, digest: layer.diffId } : {}),
      ...(createdBy !== undefined ? { createdBy } : {}),
      ...(r.path ? { path: r.path } : {}),
    };
    const parts = [layer ? `layer ${layer.index}${layer.diffId ? ` ${short(layer.diffId)}` : ''}` : '', createdBy ? `'${createdBy}'` : ''].filter(Boolean);
    return { where, suffix: parts.length ? ` [${parts.join(': ')}]` : '', historyIndex: entry?.index };
  };

  for (const { rule, severity } of options.rules) {
    if (!isImageRule(rule)) continue;
    const report = (r: ImageReport) => {
      const { where, suffix, historyIndex } = locate(r);
      const message = r.message + suffix;
      const inst = (historyIndex !== undefined ? made.get(historyIndex) : undefined) ?? df?.shipped?.from;
      if (df && inst) {
        const f = toFinding(rule.meta, severity, df.path, df.lines, suppressions, { start: inst.start, end: inst.keywordEnd, message });
        if (f) findings.push({ ...f, image: where });
        return;
      }
      if (df && isSuppressed(suppressions, [rule.meta.id, ...rule.meta.aliases], 1)) return;
      findings.push({
        rule: rule.meta.id,
        aliases: rule.meta.aliases,
        severity,
        file: image.ref,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        message,
        fixable: false,
        image: where,
      });
    };
    try {
      (rule as ImageRule).check({ image, settings: options.settings, report });
    } catch (e) {
      throw new RuleCrash(rule.meta.id, image.ref, e);
    }
  }
  return findings.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || (a.image?.layer ?? -1) - (b.image?.layer ?? -1) || compareText(a.rule, b.rule));
}
