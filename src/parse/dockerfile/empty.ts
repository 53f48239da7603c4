// An empty or comment-only Dockerfile: the builder refuses it ("file with no instructions"),
// so it is a file error, like a parse error, and not a finding a config could turn off.

import { memoized } from '../../project/memo.js';
import type { ProjectModel } from '../../project/model.js';
import type { Dockerfile } from './model.js';

export const emptyDockerfileErrors = memoized((project: ProjectModel): number => {
  let n = 0;
  for (const entry of project.dockerfiles) {
    if (hasInstructions(entry.file.text, entry)) continue;
    project.errors.push({
      file: entry.file.path,
      line: 1,
      column: 1,
      message: 'the Dockerfile has no instructions: docker build refuses it ("file with no instructions")',
    });
    n++;
  }
  return n;
});

/**
 * A line that starts with a letter (after blanks) is an instruction or inside one: dockerfile-ast starts
 * an instruction at any line start that is not `#` or blank, and comments end at the line break. So
 * most Dockerfiles are known not empty without their model (which a check parses later, one at a time);
 * anything else is asked of the parse.
 */
export function hasInstructions(text: string, parsed: { readonly df: Dockerfile }): boolean {
  return LETTER_LINE.test(text) || parsed.df.instructions.length > 0;
}
const LETTER_LINE = /(?:^|\n)[ \t\r]*[A-Za-z]/;
