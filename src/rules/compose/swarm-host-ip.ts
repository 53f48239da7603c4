// With deploy.engine: swarm, a published port's host IP is dropped: `docker stack deploy` turns
// "127.0.0.1:5432:5432" into a port published on every interface of every node (checked on this
// project's test Swarm: Endpoint.Spec.Ports has no address). What was private becomes public.

import { parsePort } from '../../parse/compose/ports.js';
import { get, items } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, isProduction } from './util.js';

export const composeSwarmHostIp: ProjectRule = {
  meta: {
    id: 'compose-swarm-host-ip',
    target: 'compose',
    category: 'security',
    severity: 'error',
    aliases: [],
    title: 'A port bound to one address is published on every node (deploy.engine: swarm)',
    description:
      "`docker stack deploy` ignores the address in `\"127.0.0.1:5432:5432\"` (or `host_ip:`): Swarm publishes the port on every interface of every node, through its routing mesh. A port meant for the host alone becomes reachable from outside. Remove the mapping (services reach each other by name on the stack's network), or put the service behind a proxy. Only reported when .slipway.yaml says `deploy: {engine: swarm}`.",
    bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    good: 'services:\n  db:\n    image: postgres:16\n',
    fixable: false,
    example: { settings: { deployEngine: 'swarm' } },
  },
  check({ project, settings, report }) {
    if (settings.deployEngine !== 'swarm') return;
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf, project)) continue;
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'ports'))) {
          const p = parsePort(v);
          if (!p?.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::') continue;
          at(report, p.loc, `Service '${s.name}' binds port ${p.published ?? p.target} to ${p.hostIp}, but docker stack deploy ignores the address: Swarm publishes it on every interface of every node`);
        }
      }
    }
  },
};
