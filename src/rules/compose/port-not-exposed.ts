import { expandPorts, parsePort } from '../../parse/compose/ports.js';
import { get, items, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { builtServices, stageChain } from './cross.js';
import { at } from './util.js';

export const composePortNotExposed: ProjectRule = {
  meta: {
    id: 'compose-port-not-exposed',
    target: 'compose',
    category: 'maintainability',
    severity: 'info',
    aliases: [],
    title: 'A published container port is not EXPOSEd by the Dockerfile',
    description:
      '`EXPOSE` documents which ports the image listens on; a compose file publishing another port usually means one of them is out of date (the app moved from 8000 to 8080), and the mapping reaches nothing.',
    bad: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        EXPOSE 8000\n    ports:\n      - "8080:9000"\n',
    good: 'services:\n  app:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM python:3.12-slim\n        EXPOSE 8000\n    ports:\n      - "8080:8000"\n',
    fixable: false,
    differs: 'Only when the Dockerfile (of the built stage and the stages it is FROM) has at least one EXPOSE without variables; an image that EXPOSEs nothing says nothing either way.',
  },
  check({ project, report }) {
    for (const b of builtServices(project)) {
      if (!b.df) continue;
      const chain = stageChain(b.df, str(get(b.build, 'target')));
      if (!chain.some((s) => s.exposesAny)) continue;
      const exposed = new Set<string>();
      for (const value of chain.flatMap((s) => s.exposes)) {
        if (value.includes('$')) return;
        const [port, proto] = value.split('/') as [string, string | undefined];
        for (const n of expandPorts(port)) exposed.add(`${n}/${(proto || 'tcp').toLowerCase()}`);
      }
      for (const v of items(get(b.service.value, 'ports'))) {
        const p = parsePort(v);
        if (!p || p.target.includes('$')) continue;
        const missing = expandPorts(p.target).filter((n) => !exposed.has(`${n}/${p.protocol}`));
        if (!missing.length || missing.length !== expandPorts(p.target).length) continue;
        at(
          report,
          p.loc,
          `Service '${b.service.name}' publishes container port ${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}, which ${b.df.path} does not EXPOSE (it exposes ${[...exposed].join(', ')})`,
        );
      }
    }
  },
};
