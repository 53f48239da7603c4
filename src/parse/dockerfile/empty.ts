// An empty or comment-only Dockerfile: the builder refuses it ("file with no instructions"),
// so it is a file error, like a parse error, and not a finding a config could turn off.

import { memoized } from '../../project/memo.js';
import type { ProjectModel } from '../../project/model.js';

export const emptyDockerfileErrors = memoized((project: ProjectModel): number => {
  let n = 0;
  for (const { file, df } of project.dockerfiles) {
    if (df.instructions.length) continue;
    project.errors.push({
      file: file.path,
      line: 1,
      column: 1,
      message: 'the Dockerfile has no instructions: docker build refuses it ("file with no instructions")',
    });
    n++;
  }
  return n;
});
