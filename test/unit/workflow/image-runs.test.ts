// workflow-push-on-main asks, per image build, whether a later step (or a later command of the build's
// own step) runs an image; runsImageLater answers from a per-job summary instead of scanning every later
// step per build. It must answer as the scan for every build of generated workflows.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allBuilds, dockerSub, workflowOf, type ImageBuild } from '../../../src/parse/workflow/index.js';
import { RUNS_IMAGE, runsImageLater } from '../../../src/rules/workflow/workflow-push-on-main.js';
import { prng } from '../../../bench/prng.js';
import { projectOf } from '../../rules/project-harness.js';

/** The scan as it was. */
function scanned(b: ImageBuild): boolean {
  return b.job.steps.some(
    (s) =>
      s.index >= b.step.index &&
      s.commands.some((c) => {
        const d = dockerSub(c);
        return d !== null && RUNS_IMAGE.has(d.sub) && (s.index > b.step.index || c.start > b.loc.start);
      }),
  );
}

describe('runsImageLater', () => {
  it('answers as the scan of the later steps, for every build of 1,500 generated workflows', () => {
    const next = prng(77);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
    const commands = ['docker build -t a .', 'docker run a', 'docker compose up -d', 'docker compose run t', 'echo hi', 'docker push a', 'docker container run a', 'docker --context x run a', 'docker buildx build -t b --push .'];
    let builds = 0;
    for (let k = 0; k < 1500; k++) {
      const jobs = 1 + Math.floor(next() * 3);
      let text = 'on: push\njobs:\n';
      for (let j = 0; j < jobs; j++) {
        text += `  j${j}:\n    runs-on: ubuntu-latest\n    steps:\n`;
        for (let s = Math.floor(next() * 6); s > 0; s--) {
          if (next() < 0.2) text += `      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/o/a:\${{ github.sha }}\n`;
          else text += `      - run: ${Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(commands)).join(' && ')}\n`;
        }
      }
      const view = workflowOf(projectOf({ '.github/workflows/ci.yml': text }));
      for (const b of allBuilds(view)) {
        builds++;
        assert.equal(runsImageLater(b), scanned(b), `${text}\nbuild at ${b.loc.start}`);
      }
    }
    assert.ok(builds > 1000, `builds compared: ${builds}`);
  });
});
