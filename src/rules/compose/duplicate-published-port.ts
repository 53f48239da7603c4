import { composeOf } from '../../parse/compose/index.js';
import { expandPorts, parsePort } from '../../parse/compose/ports.js';
import { get, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
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
    differs: 'Checked on the merged project (base + override), after interpolation; ports bound to different specific IPs do not clash.',
  },
  check({ project, report }) {
    for (const p of composeOf(project).projects) {
      const used = new Map<string, string>();
      for (const s of p.services) {
        for (const v of items(get(s.value, 'ports'))) {
          const spec = parsePort(v);
          if (!spec?.published) continue;
          const ip = spec.hostIp && spec.hostIp !== '0.0.0.0' && spec.hostIp !== '::' ? spec.hostIp : '*';
          let clash: { port: number; service: string } | null = null;
          const keys: string[] = [];
          for (const port of expandPorts(spec.published)) {
            for (const k of ip === '*' ? [`*/${port}/${spec.protocol}`] : [`${ip}/${port}/${spec.protocol}`, `*/${port}/${spec.protocol}`]) {
              const other = used.get(k);
              if (other !== undefined && other !== s.name && !clash) clash = { port, service: other };
            }
            keys.push(`${ip}/${port}/${spec.protocol}`);
          }
          // A specific IP also clashes with a later all-interfaces binding.
          if (!clash && ip === '*') {
            for (const port of expandPorts(spec.published)) {
              for (const [k, other] of used) if (k.endsWith(`/${port}/${spec.protocol}`) && other !== s.name && !clash) clash = { port, service: other };
            }
          }
          if (clash) at(report, spec.loc, `Service '${s.name}' publishes host port ${clash.port}/${spec.protocol}, already published by service '${clash.service}'`);
          for (const k of keys) if (!used.has(k)) used.set(k, s.name);
        }
      }
    }
  },
};
