// Sizes past which a Dockerfile is reported instead of checked. Real ones have hundreds of lines and a
// few dozen commands per RUN; a hostile or generated one (200,000 RUNs, `RUN a;a;a;…` 1.9 million times)
// would take minutes and gigabytes. The file gets an error entry; the rest of the run goes on.

import { roughCommandCount, MAX_SHELL_COMMANDS } from '../parse/dockerfile/shell.js';

export const MAX_DOCKERFILE_LINES = 20_000;

/** Why this Dockerfile is too big to check, or null. */
export function dockerfileTooBig(text: string): string | null {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > MAX_DOCKERFILE_LINES) return `${lines} lines, more than the ${MAX_DOCKERFILE_LINES} slipway checks: not checked`;
  const operators = roughCommandCount(text) - lines;
  if (operators > MAX_SHELL_COMMANDS * 2) return `about ${operators} shell operators (;, &&, |), more than slipway checks (${MAX_SHELL_COMMANDS * 2}): not checked`;
  return null;
}
