import { get, isLScalar, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

/** A plain YAML scalar can hold this string unchanged. */
const PLAIN_SAFE = /^[A-Za-z0-9_.\/~$][^#'"\s]*$/;

export const composeNoQuotesInVolumes: ProjectRule = {
  meta: {
    id: 'compose-no-quotes-in-volumes',
    target: 'compose',
    category: 'style',
    severity: 'style',
    aliases: ['no-quotes-in-volumes'],
    title: 'A volume entry is quoted',
    description: 'dclint\'s style: `volumes:` entries are written without quotes. Quotes are kept where YAML needs them (spaces, `#`, a leading special character).',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    volumes:\n      - "./data:/app/data"\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    volumes:\n      - ./data:/app/data\n',
    fixable: true,
    off: true,
    differs: 'Off by default: it is a matter of taste, and it contradicts no problem. The fix only removes quotes that YAML does not need.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'volumes'))) {
          if (!isLScalar(v) || !v.quote || typeof v.value !== 'string') continue;
          const safe = PLAIN_SAFE.test(v.value) && !v.value.includes(': ') && !/:$/.test(v.value);
          const source = cf.file.text.slice(v.loc.start, v.loc.end);
          const exact = source === `${v.quote}${v.value}${v.quote}`;
          at(report, v.loc, `Volume ${v.value} of service '${s.name}' is quoted`, safe && exact ? [{ start: v.loc.start, end: v.loc.end, text: v.value }] : undefined);
        }
      }
    }
  },
};
