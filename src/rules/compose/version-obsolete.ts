import { entry } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles } from './util.js';

export const composeVersionObsolete: ProjectRule = {
  meta: {
    id: 'compose-version-obsolete',
    target: 'compose',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['no-version-field'],
    title: 'The top-level version: is obsolete',
    description:
      'Compose v2 ignores `version:` and warns about it on every command ("the attribute `version` is obsolete"). The Compose Specification has no version: remove the line.',
    bad: 'version: "3.8"\nservices:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    fixable: true,
    differs: 'dclint reports an error; slipway a warning (compose only warns). The fix removes exactly the `version:` line(s), keeping every comment elsewhere.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      const e = entry(cf.root, 'version');
      if (!e) continue;
      const lines = cf.file.lines;
      const first = lines.positionAt(e.keyLoc.start).line - 1;
      // A block scalar (`version: >-`) ends after its line break: that offset is the next key's line.
      let endAt = Math.max(e.value.loc.end, e.keyLoc.end);
      if (endAt > e.keyLoc.end && cf.file.text[endAt - 1] === '\n') endAt--;
      const last = lines.positionAt(endAt).line - 1;
      const start = lines.starts[first]!;
      const end = lines.starts[last + 1] ?? cf.file.text.length;
      // Only a block-style key at the start of its line can be removed line-wise.
      const fixable = /^\s*$/.test(cf.file.text.slice(start, e.keyLoc.start)) && e.keyLoc.start === start;
      at(report, e.keyLoc, 'The top-level version: is obsolete and ignored by Compose v2: remove it', fixable ? [{ start, end, text: '' }] : undefined);
    }
  },
};
