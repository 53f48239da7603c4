// CMD, ENTRYPOINT and HEALTHCHECK: only the last one of a stage takes effect.

import type { DockerfileContext } from '../../types.js';
import { firstLine, instructionsOf } from '../helpers.js';

export function reportOverridden({ df, report }: DockerfileContext, keyword: string): void {
  for (const stage of df.stages) {
    const all = instructionsOf(stage, keyword);
    const last = all.at(-1);
    for (const inst of all.slice(0, -1)) {
      report({
        ...firstLine(df, inst),
        message: `This ${keyword} is overridden by the ${keyword} on line ${last!.line}: only the last ${keyword} of a stage takes effect; remove this one`,
      });
    }
  }
}
