import { isAllInterfaces, parsePort } from '../../parse/compose/ports.js';
import { get, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

export const composeUnboundPort: ProjectRule = {
  meta: {
    id: 'compose-unbound-port',
    target: 'compose',
    category: 'security',
    severity: 'warning',
    aliases: ['no-unbound-port-interfaces'],
    title: 'A port is published without a host interface',
    description:
      'A port without a host IP is published on every interface of the host, and Docker\'s iptables rules bypass the host firewall. Bind it to the interface meant: `"127.0.0.1:8000:8000"` behind a reverse proxy, or `"0.0.0.0:80:80"` to say that public is intended.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "8000:8000"\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    ports:\n      - "127.0.0.1:8000:8000"\n',
    fixable: false,
    off: true,
    differs:
      'Off by default (dclint has it on): a public web server is usually meant to be public; compose-db-port-public reports the dangerous case. Ports set through `${VAR}` are not reported (dclint #261).',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'ports'))) {
          const p = parsePort(v);
          if (!p || p.variable || !isAllInterfaces(p.hostIp) || p.hostIp) continue;
          at(report, p.loc, `Service '${s.name}' publishes port ${p.published ?? p.target} on all interfaces: bind it to an IP ("127.0.0.1:${p.published ?? p.target}:${p.target}")`);
        }
      }
    }
  },
};
