// dclint's ordering rules, report-only and off by default (users disable them; RULES.md §5).

import { parsePort } from '../../parse/compose/ports.js';
import { entry, get, isLMap, isLSeq, str } from '../../parse/compose/values.js';
import type { LValue, Loc } from '../../parse/compose/model.js';
import type { ProjectRule, RuleMeta } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';
import { compareText } from '../../util/compare-text.js';

const common = { target: 'compose', category: 'style', severity: 'style', fixable: false, off: true } as const;
const DIFFERS = 'Off by default and report-only: reordering YAML blocks safely (comments, anchors) is not worth a style rule; dclint fixes by re-serialising the file, which drops comments (dclint #314).';

/** The first item out of order: where `compare(prev, cur) > 0`. */
function firstOutOfOrder<T>(list: T[], compare: (a: T, b: T) => number): { item: T; before: T } | null {
  for (let i = 1; i < list.length; i++) {
    if (compare(list[i - 1]!, list[i]!) > 0) {
      // The earliest item that should come after this one.
      const before = list.slice(0, i).find((x) => compare(x, list[i]!) > 0)!;
      return { item: list[i]!, before };
    }
  }
  return null;
}

export const composeServicesOrder: ProjectRule = {
  meta: {
    ...common,
    id: 'compose-services-order',
    aliases: ['services-alphabetical-order'],
    title: 'Services are not in alphabetical order',
    description: 'dclint\'s style: services sorted by name make a long file easier to scan.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n  api:\n    image: ghcr.io/org/api:1.0.0\n',
    good: 'services:\n  api:\n    image: ghcr.io/org/api:1.0.0\n  web:\n    image: nginx:1.27\n',
    differs: DIFFERS,
  } satisfies RuleMeta,
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      const bad = firstOutOfOrder(fileServices(cf), (a, b) => compareText(a.name, b.name));
      if (bad) at(report, bad.item.keyLoc, `Service '${bad.item.name}' should come before '${bad.before.name}'`);
    }
  },
};

const GROUPS = [
  ['image', 'build', 'container_name'],
  ['depends_on'],
  ['volumes', 'volumes_from', 'configs', 'secrets'],
  ['environment', 'env_file'],
  ['ports', 'networks', 'network_mode', 'extra_hosts'],
  ['command', 'entrypoint', 'working_dir', 'restart', 'healthcheck'],
  ['logging', 'labels'],
  ['user', 'isolation'],
].flat();

export const composeServiceKeysOrder: ProjectRule = {
  meta: {
    ...common,
    id: 'compose-service-keys-order',
    aliases: ['service-keys-order'],
    title: 'Keys of a service are not in the conventional order',
    description: `dclint's order: ${GROUPS.join(', ')}, then any other key alphabetically.`,
    bad: 'services:\n  app:\n    restart: unless-stopped\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    restart: unless-stopped\n',
    differs: DIFFERS,
  } satisfies RuleMeta,
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        if (!s.value) continue;
        const keys = [...s.value.entries.values()];
        const rank = (k: string) => {
          const i = GROUPS.indexOf(k);
          return i >= 0 ? i : GROUPS.length;
        };
        let highest = -1;
        let highestKey = '';
        for (const e of keys) {
          const r = rank(e.key);
          if (r === GROUPS.length) continue; // other keys: dclint only orders the known ones
          if (r < highest) {
            at(report, e.keyLoc, `Key '${e.key}' of service '${s.name}' should come before '${highestKey}'`);
            break;
          }
          if (r > highest) {
            highest = r;
            highestKey = e.key;
          }
        }
      }
    }
  },
};

export const composeDependsOnOrder: ProjectRule = {
  meta: {
    ...common,
    id: 'compose-depends-on-order',
    aliases: ['service-dependencies-alphabetical-order'],
    title: 'depends_on is not in alphabetical order',
    description: 'dclint\'s style: the services in `depends_on` sorted by name.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    depends_on:\n      - redis\n      - db\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    depends_on:\n      - db\n      - redis\n',
    differs: DIFFERS,
  } satisfies RuleMeta,
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        const d = get(s.value, 'depends_on');
        const names: { name: string; loc: Loc }[] = isLSeq(d)
          ? d.items.map((v) => ({ name: str(v) ?? '', loc: v.loc }))
          : isLMap(d)
            ? [...d.entries.values()].map((e) => ({ name: e.key, loc: e.keyLoc }))
            : [];
        const bad = firstOutOfOrder(names, (a, b) => compareText(a.name, b.name));
        if (bad) at(report, bad.item.loc, `In depends_on of service '${s.name}', '${bad.item.name}' should come before '${bad.before.name}'`);
      }
    }
  },
};

export const composePortsOrder: ProjectRule = {
  meta: {
    ...common,
    id: 'compose-ports-order',
    aliases: ['service-ports-alphabetical-order'],
    title: 'ports are not in order',
    description: 'dclint\'s style: `ports:` sorted by published port.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "9000:9000"\n      - "8000:8000"\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "8000:8000"\n      - "9000:9000"\n',
    differs: DIFFERS,
  } satisfies RuleMeta,
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        const ports = get(s.value, 'ports');
        if (!isLSeq(ports)) continue;
        const list = ports.items.map((v: LValue) => {
          const p = parsePort(v);
          return { key: p ? (p.published ?? p.target) : '', loc: v.loc };
        });
        const bad = firstOutOfOrder(list, (a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
        if (bad) at(report, bad.item.loc, `Port ${bad.item.key} of service '${s.name}' should come before ${bad.before.key}`);
      }
    }
  },
};

const TOP = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs'];

export const composeTopLevelOrder: ProjectRule = {
  meta: {
    ...common,
    id: 'compose-top-level-order',
    aliases: ['top-level-properties-order'],
    title: 'Top-level keys are not in the conventional order',
    description: `dclint's order: x-* extensions (alphabetically), then ${TOP.join(', ')}.`,
    bad: 'volumes:\n  data: {}\nservices:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\nvolumes:\n  data: {}\n',
    differs: DIFFERS,
  } satisfies RuleMeta,
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      const keys = [...cf.root!.entries.keys()];
      const ext = keys.filter((k) => k.startsWith('x-')).sort(compareText);
      const order = [...ext, ...TOP];
      let last = -1;
      for (const k of keys) {
        const i = order.indexOf(k);
        if (i < 0) continue;
        if (i < last) {
          at(report, entry(cf.root, k)!.keyLoc, `Top-level key '${k}' should come before '${order[last]}'`);
          break;
        }
        last = i;
      }
    }
  },
};
