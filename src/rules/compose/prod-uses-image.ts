import { get, str } from '../../parse/compose/values.js';
import type { ProjectRule } from '../types.js';
import { at, composeFiles, fileServices, isProduction, keyOf } from './util.js';

export const composeProdUsesImage: ProjectRule = {
  meta: {
    id: 'compose-prod-uses-image',
    target: 'compose',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'The production compose file builds images instead of pulling them',
    description:
      'In the guide\'s setup, CI builds the image and pushes it to a registry; the server only pulls it. The production file (`compose.yaml` / `docker-compose.yml`) names the image with `image:`, and `build:` lives in `docker-compose.override.yml`, which docker compose loads automatically on a developer\'s machine. A `build:` in the production file means the server needs the source code and builds an image no one tested.',
    bad: 'services:\n  app:\n    build: .\n    restart: unless-stopped\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:${TAG:-latest}\n    restart: unless-stopped\n',
    fixable: false,
    differs:
      'A base file is not production when it is a test or development setup: under a test folder (`test/`, `e2e/`, `cypress/`…), or a service builds a `dev`/`development` target, uses `develop: watch`, runs a development server (`runserver`, `nodemon`, `--reload`, `mkdocs serve`…) or sets `NODE_ENV=development`. A service that names a published image (`image: ghcr.io/org/app:1.2`) next to `build:` is left to compose-build-and-image: compose pulls that image first.',
  },
  check({ project, report }) {
    for (const cf of composeFiles(project)) {
      if (!isProduction(cf, project)) continue;
      for (const s of fileServices(cf)) {
        const build = keyOf(s.value, 'build');
        if (!build) continue;
        // With a published `image:` too, compose pulls it first and builds only when that fails
        // (compose-build-and-image is about that pair); a bare local name is never found: it builds.
        if ((str(get(s.value, 'image')) ?? '').includes('/')) continue;
        at(
          report,
          build,
          `Service '${s.name}' has 'build:' in the production file ${cf.file.path}: push the image from CI and use 'image:' here; move 'build:' to docker-compose.override.yml`,
        );
      }
    }
  },
};
