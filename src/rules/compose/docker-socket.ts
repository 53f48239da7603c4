import { splitVolume } from '../../parse/compose/project.js';
import { get, isLMap, items, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices } from './util.js';

const SOCKET = /^(\/var)?\/run\/docker\.sock$|^\/\/\.\/pipe\/docker_engine$/;

export const composeDockerSocket: ProjectRule = {
  meta: {
    id: 'compose-docker-socket',
    target: 'compose',
    category: 'security',
    severity: 'warning',
    aliases: [],
    title: 'The Docker socket is mounted into a container',
    description:
      'A container with `/var/run/docker.sock` can start a privileged container and so controls the host, even read-only (`:ro` does not restrict API calls). Only tools that must manage Docker (a reverse proxy reading labels, CI runners) should have it; prefer a socket proxy that allows only the calls needed.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:1.2.0\n    volumes:\n      - ./data:/app/data\n',
    fixable: false,
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      for (const s of fileServices(cf)) {
        for (const v of items(get(s.value, 'volumes'))) {
          const source = isLMap(v) ? str(get(v, 'source')) : splitVolume(str(v) ?? '').source;
          if (!source || !SOCKET.test(source.trim())) continue;
          at(report, v.loc, `Service '${s.name}' mounts the Docker socket (${source}): it can control every container and the host`);
        }
      }
    }
  },
};
