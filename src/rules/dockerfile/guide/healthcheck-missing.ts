import type { DockerfileRule } from '../../types.js';
import { imagePurpose } from '../../../project/image-purpose.js';
import { firstLine } from '../helpers.js';
import { imageText, isDistroless, rootImage, shippedChain } from './util.js';

export const healthcheckMissing: DockerfileRule = {
  meta: {
    id: 'healthcheck-missing',
    target: 'dockerfile',
    category: 'guide',
    severity: 'warning',
    aliases: ['DL3057', 'DS-0026', 'CKV_DOCKER_2', 'CIS-DI-0006'],
    title: 'The image has no HEALTHCHECK',
    description:
      'Without a HEALTHCHECK, Docker and Compose only know whether the process is running, not whether it answers: a hung server stays "up", `depends_on: condition: service_healthy` cannot work, and a rolling deploy cannot wait for the new container to be ready.',
    bad: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "/app/server.py"]\n',
    good:
      'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 \\\n  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"]\nCMD ["python", "/app/server.py"]\n',
    fixable: false,
    differs:
      'hadolint has DL3057 off by default; the guide\'s checklist asks for a HEALTHCHECK, so slipway warns. It is silent when a Compose service for this image defines a healthcheck, and a HEALTHCHECK inherited through `FROM <stage>` counts. A base image known to define one (Jupyter\'s `*-notebook` images) counts. `HEALTHCHECK NONE` is an explicit decision (for instance to drop a base image\'s check) and is respected. Images FROM scratch or distroless are still reported — the check can run the app\'s own binary in exec form — but the message says so. Only an image that serves is reported at the rule\'s level: EXPOSE, a server program or server base image, a compose service that publishes ports or is deployed, a notebook or browser-IDE server, or a web framework in the manifest the image installs run by its command (`CMD python app.py` with fastapi or uvicorn in requirements.txt, `node index.js` with express in package.json\'s dependencies, a Go binary whose go.mod requires gin, echo, fiber or chi; the manifests read are the ones the Dockerfile\'s COPY sources bring into the image, not the nearest one up the tree). Test images — under `test/` or `e2e/`, FROM a browser-test image (Playwright, Cypress, Selenium), or whose command runs a test suite (`pytest`, `npx playwright test`, `go test`, `npm run test:e2e`) — stay test images when a test compose file publishes a port. Base, language, tool and test images, workers (celery, rq, sidekiq, `worker.py`), desktop applications and other images that do not serve are reported at info, with the reason.',
  },
  check({ df, project, report }) {
    const shipped = df.shipped;
    if (!shipped || project.composeHealthcheck) return;
    if (shippedChain(df).some((s) => s.instructions.some((i) => i.keyword === 'HEALTHCHECK'))) return;
    const { image } = rootImage(shipped);
    // Jupyter's docker-stacks images (base-notebook, scipy-notebook …) define a HEALTHCHECK that is inherited.
    if (image.stage === null && image.name.toLowerCase().endsWith('-notebook')) return;
    const bare = image.isScratch || isDistroless(image);
    const purpose = imagePurpose(df, project);
    // Only an image that serves has something to probe; for the others it is a note (hadolint has DL3057 off).
    if (!purpose.serves) {
      report({ ...firstLine(df, shipped.from), cap: 'info', message: `The image has no HEALTHCHECK; ${purpose.reason}, so nothing listens to probe: add one only if it runs as a service` });
      return;
    }
    report({
      ...firstLine(df, shipped.from),
      message: bare
        ? `The image has no HEALTHCHECK (${purpose.reason}): '${imageText(image)}' has no shell or curl, so use the exec form with the app's own binary (HEALTHCHECK CMD ["/app", "healthcheck"]), or define it in Compose`
        : `The image has no HEALTHCHECK (${purpose.reason}): add one that probes the app (HEALTHCHECK CMD ...), or define it in the Compose service`,
    });
  },
};
