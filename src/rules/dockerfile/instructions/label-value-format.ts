import type { DockerfileRule } from '../../types.js';
import { EXAMPLE_LABEL_SCHEMA, LABEL_TYPES, shippedLabels } from './labels.js';
import { own } from '../../../util/own.js';

export const labelValueFormat: DockerfileRule = {
  meta: {
    id: 'label-value-format',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'],
    title: 'Label value does not match its type in the label schema',
    description:
      'The label schema gives each label a type (`url`, `rfc3339`, `spdx`, `hash`, `semver`, `email`, `text`). A value of the wrong shape (a version `v1.2`, a license `Apache 2`) breaks the tools that read it.',
    bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=github.com/acme/app org.opencontainers.image.version=1.2.3 org.opencontainers.image.licenses=MIT\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://github.com/acme/app org.opencontainers.image.version=1.2.3 org.opencontainers.image.licenses=MIT\n',
    fixable: false,
    example: { settings: { labelSchema: EXAMPLE_LABEL_SCHEMA } },
    differs:
      'One rule for hadolint\'s six type checks (its ids are all aliases). `spdx` accepts SPDX license expressions (`Apache-2.0 OR MIT`), which is what `org.opencontainers.image.licenses` is defined to hold; `hash` also accepts 64-digit SHA-256 commit ids. Empty values are left to label-empty, values from unknown build arguments are skipped, and only the image that ships is checked.',
  },
  check({ df, settings, report }) {
    const schema = settings.labelSchema ?? {};
    for (const pair of shippedLabels(df)) {
      const key = pair.prop.name;
      const type = Object.hasOwn(schema, key) ? own(LABEL_TYPES, String(schema[key]).toLowerCase()) : undefined;
      if (!type || pair.value === null || pair.value === '' || type.valid(pair.value)) continue;
      report({ start: pair.prop.start, end: pair.prop.end, message: `Label '${key}' is '${pair.value}', which is not ${type.want} (${type.alias})` });
    }
  },
};
