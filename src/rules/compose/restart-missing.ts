import { dependsOnMap, get, str } from '../../parse/compose/values.js';
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
    differs:
      'A `deploy.restart_policy` counts too. With `deploy.engine: swarm` the rule is off: Swarm restarts tasks by default and ignores `restart:` (compose-swarm-ignored says so). Only the production file is checked: the override is merged over it, and a file a test script starts (`scripts/e2e/*.sh` naming it) is a test setup. One-shot jobs are spared: a service another one waits for with `condition: service_completed_successfully` (a migration, an init job: a restart policy would run it again and again), and a service with `profiles:` (a tool run on demand).',
  },
  check({ project, settings, report }) {
    // Swarm restarts every task by default (deploy.restart_policy.condition: any) and ignores restart:.
    if (settings.deployEngine === 'swarm') return;
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf, project)) continue;
      const services = fileServices(cf);
      // One-shot jobs: another service waits for them to finish, so a restart policy would loop them.
      const awaited = new Set<string>();
      for (const s of services) {
        for (const [name, e] of dependsOnMap(get(s.value, 'depends_on'))?.entries ?? []) {
          if (str(get(e.value, 'condition')) === 'service_completed_successfully') awaited.add(name);
        }
      }
      for (const s of services) {
        if (!s.value) continue;
        if (get(s.value, 'restart') !== undefined || get(s.value, 'deploy', 'restart_policy') !== undefined) continue;
        if (awaited.has(s.name)) continue;
        // Services behind a profile are tools run on demand (`docker compose run --profile tools ...`), not started by `up`.
        if (get(s.value, 'profiles') !== undefined) continue;
        at(report, s.keyLoc, `Service '${s.name}' has no restart policy: add 'restart: unless-stopped' so it comes back after a crash or a reboot`);
      }
    }
  },
};
