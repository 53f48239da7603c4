import type { ImageRule } from '../types.js';

export const imageHealthcheckMissing: ImageRule = {
  meta: {
    id: 'image-healthcheck-missing',
    target: 'image',
    category: 'guide',
    severity: 'info',
    aliases: ['CIS-DI-0006'],
    title: 'The image has no HEALTHCHECK',
    description:
      'Without a healthcheck in the image (or in the compose file that runs it), Docker reports a container as running while the app inside is hung, and `depends_on: condition: service_healthy` cannot wait for it. The guide gives every service a healthcheck.',
    bad: 'FROM python:3.11-slim\nCMD ["python", "app.py"]\n',
    good: 'FROM python:3.11-slim\nHEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "app.py"]\n',
    fixable: false,
    differs: 'dockle CIS-DI-0006 is the same check. The compose file may set the healthcheck instead: then turn this rule off for the image (`--ignore image-healthcheck-missing`).',
  },
  check({ image, report }) {
    if (image.config.healthcheck) return;
    report({ message: 'The image has no HEALTHCHECK (or disables it with NONE): add one, or set it in the compose file' });
  },
};
