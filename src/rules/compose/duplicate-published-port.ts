import { composeOf } from '../../parse/compose/index.js';
import { expandPorts, parsePort } from '../../parse/compose/ports.js';
import type { ComposeService } from '../../parse/compose/model.js';
import { get, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { canRunTogether } from './profiles.js';
import { at } from './util.js';

export const composeDuplicatePublishedPort: ProjectRule = {
  meta: {
    id: 'compose-duplicate-published-port',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: ['no-duplicate-exported-ports'],
    title: 'Two services publish the same host port',
    description: 'A host port can be bound once per interface and protocol: the second service fails to start ("port is already allocated").',
    bad: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: httpd:2.4\n    ports:\n      - "8080:80"\n',
    good: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: httpd:2.4\n    ports:\n      - "8081:80"\n',
    fixable: false,
    differs: 'Checked on the merged project (base + override), after interpolation; ports bound to different specific IPs do not clash, nor services whose `profiles:` share none (alternatives that never start together).',
  },
  check({ project, report }) {
    for (const p of composeOf(project).projects) {
      // host binding → the services that publish it so far
      const used = new Map<string, ComposeService[]>();
      // port/protocol (`/80/tcp`) → its host bindings so far: all interfaces looks up these, not every binding
      // (a scan of all of them per port took minutes for two services publishing 1-65535).
      const bindings = new Map<string, string[]>();
      // The first earlier service on one of these bindings that can be up at the same time.
      const clashWith = (s: ComposeService, keys: string[]): string | null => {
        for (const k of keys) for (const other of used.get(k) ?? []) if (other.name !== s.name && canRunTogether(s.value, other.value)) return other.name;
        return null;
      };
      for (const s of p.services) {
        for (const v of items(get(s.value, 'ports'))) {
          const spec = parsePort(v);
          if (!spec?.published) continue;
          const ip = spec.hostIp && spec.hostIp !== '0.0.0.0' && spec.hostIp !== '::' ? spec.hostIp : '*';
          let clash: { port: number; service: string } | null = null;
          const keys: [key: string, tail: string][] = [];
          for (const port of expandPorts(spec.published)) {
            const tail = `/${port}/${spec.protocol}`;
            // All interfaces clash with any earlier binding of the port; a specific IP with the same IP or all interfaces.
            if (!clash) {
              const candidates = ip === '*' ? (bindings.get(tail) ?? []) : [`${ip}${tail}`, `*${tail}`];
              const other = clashWith(s, candidates);
              if (other !== null) clash = { port, service: other };
            }
            keys.push([`${ip}${tail}`, tail]);
          }
          if (clash) at(report, spec.loc, `Service '${s.name}' publishes host port ${clash.port}/${spec.protocol}, already published by service '${clash.service}'`);
          for (const [k, tail] of keys) {
            const list = used.get(k);
            if (list) {
              if (!list.includes(s)) list.push(s);
              continue;
            }
            used.set(k, [s]);
            const known = bindings.get(tail);
            if (known) known.push(k);
            else bindings.set(tail, [k]);
          }
        }
      }
    }
  },
};
