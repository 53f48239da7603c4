// With deploy.engine: swarm, `docker stack deploy` runs the compose file, and it skips keys
// compose honours. The list is docker/cli's own (cli/compose/types UnsupportedProperties:
// "Ignoring unsupported options: …"; container_name is "deprecated": ignored), plus depends_on,
// which Swarm never orders by. Each finding says what Swarm uses instead.

import { entry } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { composeFiles, fileServices, isProduction } from './util.js';

const INSTEAD: Record<string, string> = {
  restart: 'Swarm restarts tasks itself; set deploy.restart_policy to change how',
  build: 'stack deploy runs images only: build and push with `slipway release`, and give the service an image:',
  container_name: 'Swarm names each task itself (<stack>_<service>.<slot>); reach the service by its name',
  links: 'services on the same network reach each other by service name',
  external_links: 'attach the service to the other stack\'s network (an external overlay network) instead',
  network_mode: 'attach the service to networks: (overlay) instead',
  depends_on: 'Swarm starts services in no order: the app must retry until what it needs answers',
  privileged: 'Swarm services cannot run privileged',
  devices: 'Swarm services cannot map devices',
  security_opt: 'Swarm services take no security_opt',
  cgroup_parent: 'Swarm sets the cgroup itself',
  userns_mode: 'Swarm services take no userns_mode',
  ipc: 'Swarm services take no ipc mode',
  pid: 'Swarm services take no pid mode',
  shm_size: 'mount a tmpfs at /dev/shm (volumes: type tmpfs) instead',
  mac_address: 'Swarm assigns addresses itself',
  domainname: 'Swarm services take no domainname',
};

export const composeSwarmIgnored: ProjectRule = {
  meta: {
    id: 'compose-swarm-ignored',
    target: 'compose',
    category: 'correctness',
    severity: 'warning',
    aliases: [],
    title: 'docker stack deploy ignores this key (deploy.engine: swarm)',
    description:
      "With `deploy.engine: swarm`, slipway runs the production compose file with `docker stack deploy`, which skips keys compose honours (it prints \"Ignoring unsupported options\"): `restart`, `build`, `container_name`, `links`, `network_mode`, `privileged`, `devices`, `security_opt` and others, and it starts services in no order whatever `depends_on` says. The file looks like it does something it does not. Only reported when .slipway.yaml says `deploy: {engine: swarm}`.",
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    restart: unless-stopped\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    deploy:\n      restart_policy:\n        condition: on-failure\n',
    fixable: false,
    example: { settings: { deployEngine: 'swarm' } },
    differs:
      'docker/cli lists the keys it ignores; slipway adds depends_on (ignored by Swarm, said in the compose v3 reference). A `build:` without `image:` cannot be deployed to a Swarm at all (an error). Only the production file is checked.',
  },
  check({ project, settings, report }) {
    if (settings.deployEngine !== 'swarm') return;
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf, project)) continue;
      for (const s of fileServices(cf)) {
        for (const [key, instead] of Object.entries(INSTEAD)) {
          const e = entry(s.value, key);
          if (!e) continue;
          const noImage = key === 'build' && !entry(s.value, 'image');
          report({
            file: e.keyLoc.file,
            start: e.keyLoc.start,
            end: e.keyLoc.end,
            message: noImage
              ? `Service '${s.name}' has build: and no image: — docker stack deploy cannot run it: ${instead}`
              : `Service '${s.name}': docker stack deploy ignores ${key}: — ${instead}`,
            ...(noImage ? {} : { cap: key === 'depends_on' ? 'info' : 'warning' }),
          });
        }
      }
    }
  },
};
