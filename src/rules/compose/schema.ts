import { validateComposeFile } from '../../parse/compose/schema.js';
import { composeOf } from '../../parse/compose/index.js';
import type { ProjectRule } from '../types.js';
import { at } from './util.js';

export const composeSchema: ProjectRule = {
  meta: {
    id: 'compose-schema',
    target: 'compose',
    category: 'correctness',
    severity: 'error',
    aliases: ['invalid-schema'],
    title: 'The compose file does not follow the Compose Specification',
    description:
      'Each compose file is validated against the official Compose Specification JSON schema (shipped with slipway): an unknown key (often a typo such as `enviroment:`), a value of the wrong type, or a malformed `${VAR}` makes `docker compose` refuse the file, or worse, silently ignore a setting you meant.',
    bad: 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      TZ: UTC\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    environment:\n      TZ: UTC\n',
    fixable: false,
    differs:
      'dclint reports only the first schema error, at line 1. slipway reports every problem at the offending key or value, validates after interpolation as compose does, and also reports malformed `${...}` expressions. A comment-only file is an error only as the folder\'s compose file: as a layer loaded with `-f` (an override, `compose.extras.yaml`) compose skips it.',
  },
  check({ project, report }) {
    const model = composeOf(project);
    for (const cf of model.files) {
      for (const p of validateComposeFile(cf)) at(report, p.loc, p.message);
    }
    for (const e of model.interpolationErrors) {
      if (/^required variable/.test(e.message)) continue; // compose-undefined-variable says it
      at(report, e.loc, `invalid interpolation: ${e.message}`);
    }
  },
};
