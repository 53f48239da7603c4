import type { DockerfileRule } from '../../types.js';
import { EXAMPLE_LABEL_SCHEMA, shippedLabels } from './labels.js';

export const labelEmpty: DockerfileRule = {
  meta: {
    id: 'label-empty',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['DL3051'],
    title: 'A label of the label schema is empty',
    description: 'A required label with an empty value (often a build argument that was not passed) defeats the point of requiring it.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=""\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app\n',
    fixable: false,
    example: { settings: { labelSchema: EXAMPLE_LABEL_SCHEMA } },
    differs: 'Only labels of the schema are checked, as in hadolint; a value from a build argument without a default is unknown, not empty, and is not reported.',
  },
  check({ df, settings, report }) {
    const schema = settings.labelSchema ?? {};
    for (const pair of shippedLabels(df)) {
      const key = pair.prop.name;
      if (!Object.hasOwn(schema, key) || pair.value !== '') continue;
      report({ start: pair.prop.start, end: pair.prop.end, message: `Label '${key}' is empty: give it a value` });
    }
  },
};
