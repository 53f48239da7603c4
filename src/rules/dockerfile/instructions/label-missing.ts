import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';
import { EXAMPLE_LABEL_SCHEMA, shippedLabels } from './labels.js';

export const labelMissing: DockerfileRule = {
  meta: {
    id: 'label-missing',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'info',
    aliases: ['DL3049'],
    title: 'A label required by the label schema is missing',
    description:
      'Your configuration (`labelSchema`, hadolint\'s `label-schema`) lists labels every image must carry, such as `org.opencontainers.image.source`. Registries, scanners and people use them to trace an image back to its code.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.2.3\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\nLABEL org.opencontainers.image.version=1.2.3\nLABEL org.opencontainers.image.licenses=MIT\n',
    fixable: false,
    example: { settings: { labelSchema: EXAMPLE_LABEL_SCHEMA } },
    differs:
      'Does nothing while the schema is empty, as hadolint. Only the image that ships is checked (the last stage and the stages it is built FROM); hadolint reports every stage, builder stages included.',
  },
  check({ df, settings, report }) {
    const schema = Object.keys(settings.labelSchema ?? {});
    if (!schema.length || !df.shipped) return;
    const present = new Set(shippedLabels(df).map((p) => p.prop.name));
    for (const label of schema) {
      if (present.has(label)) continue;
      report({ ...firstLine(df, df.shipped.from), message: `Label '${label}' is missing from the image: add LABEL ${label}=...` });
    }
  },
};
