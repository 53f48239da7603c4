import type { DockerfileRule } from '../../types.js';
import { EXAMPLE_LABEL_SCHEMA, shippedLabels } from './labels.js';

export const labelSuperfluous: DockerfileRule = {
  meta: {
    id: 'label-superfluous',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'info',
    aliases: ['DL3050'],
    title: 'Label not in the label schema (strict labels)',
    description: 'With `strictLabels` on, the image may only carry the labels listed in `labelSchema`, so that label names stay consistent across a team\'s images.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app org.opencontainers.image.version=1.2.3 org.opencontainers.image.licenses=MIT\nLABEL team=web\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app org.opencontainers.image.version=1.2.3 org.opencontainers.image.licenses=MIT\n',
    fixable: false,
    example: { settings: { strictLabels: true, labelSchema: EXAMPLE_LABEL_SCHEMA } },
    differs: 'Off unless `strictLabels` is set and the schema is not empty. Reports each extra label (hadolint reports the LABEL instruction), and only in the image that ships.',
  },
  check({ df, settings, report }) {
    const schema = settings.labelSchema ?? {};
    if (!settings.strictLabels || !Object.keys(schema).length) return;
    for (const pair of shippedLabels(df)) {
      const key = pair.prop.name;
      if (Object.hasOwn(schema, key)) continue;
      report({ start: pair.keyStart, end: pair.keyEnd, message: `Label '${key}' is not in the label schema: remove it or add it to labelSchema` });
    }
  },
};
