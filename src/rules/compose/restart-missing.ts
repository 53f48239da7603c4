import { get } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, isProduction } from './util.js';

export const composeRestartMissing: ProjectRule = {
  meta: {
    id: 'compose-restart-missing',
    target: 'compose',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'A production service has no restart policy',
    description:
      'Without `restart:`, a container that crashes, or every container after the server reboots, stays down until someone runs `docker compose up` again. The guide uses `restart: unless-stopped` in the production file.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    restart: unless-stopped\n',
    fixable: false,
    differs: 'A `deploy.restart_policy` counts too. Only the production file is checked: the override is merged over it.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf)) continue;
      for (const s of fileServices(cf)) {
        if (!s.value) continue;
        if (get(s.value, 'restart') !== undefined || get(s.value, 'deploy', 'restart_policy') !== undefined) continue;
        at(report, s.keyLoc, `Service '${s.name}' has no restart policy: add 'restart: unless-stopped' so it comes back after a crash or a reboot`);
      }
    }
  },
};
