import { get, isLScalar, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

export const composePortsQuoted: ProjectRule = {
  meta: {
    id: 'compose-ports-quoted',
    target: 'compose',
    category: 'style',
    severity: 'style',
    aliases: ['require-quotes-in-ports'],
    title: 'A port mapping is not quoted',
    description:
      'YAML 1.1 parsers read an unquoted `22:22` as a base-60 number (1342), and `80` as a number: quoting every `ports:` and `expose:` entry keeps them the strings compose expects.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - 8000:8000\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "8000:8000"\n',
    fixable: true,
    differs: 'dclint wants one quote style (single by default); slipway accepts either and adds double quotes.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const section of ['ports', 'expose']) {
          for (const v of items(get(s.value, section))) {
            if (!isLScalar(v) || v.quote || v.value === null || v.loc.end <= v.loc.start) continue;
            const text = cf.file.text.slice(v.loc.start, v.loc.end);
            if (/["'\\]/.test(text)) continue;
            at(report, v.loc, `Quote the ${section === 'ports' ? 'port mapping' : 'exposed port'} ${text} of service '${s.name}': "${text}"`, [
              { start: v.loc.start, end: v.loc.end, text: `"${text}"` },
            ]);
          }
        }
      }
    }
  },
};
