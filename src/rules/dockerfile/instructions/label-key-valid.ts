import type { DockerfileRule } from '../../types.js';
import { labelPairs } from './labels.js';
import { isDefined, scopeBefore, substitute } from '../../../parse/dockerfile/variables.js';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** What is wrong with a label key, or null. */
function problem(key: string): string | null {
  const reserved = RESERVED.find((p) => key.startsWith(p));
  if (reserved) return `the ${reserved.slice(0, -1)} namespace is reserved for Docker`;
  if (!/^[a-z]/.test(key)) return 'it must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'it must end with a lower-case letter or digit';
  if (/[^a-z0-9.-]/.test(key)) return 'only lower-case letters, digits, dots and dashes are allowed';
  if (/\.\.|--/.test(key)) return 'it must not contain consecutive dots or dashes';
  return null;
}

export const labelKeyValid: DockerfileRule = {
  meta: {
    id: 'label-key-valid',
    target: 'dockerfile',
    category: 'style',
    severity: 'style',
    aliases: ['DL3048'],
    title: 'Label keys should be lower-case reverse-DNS names, outside Docker\'s namespaces',
    description:
      'Docker reserves the `com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces, and recommends keys of lower-case letters, digits, dots and dashes (`org.opencontainers.image.source`), so tools can find them.',
    bad: 'FROM alpine:3.20\nLABEL Version=1.0\n',
    good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0\n',
    fixable: false,
    differs:
      'A key built from variables is checked after substitution; one whose variable is defined nowhere (so the builder substitutes nothing) is reported, as hadolint reports any `$` in a key.',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      for (const pair of labelPairs(df, inst)) {
        const written = pair.prop.name;
        let key = written;
        if (written.includes('$')) {
          const { value, unresolved } = substitute(written, scopeBefore(df, inst));
          const undefinedNames = unresolved.filter((n) => !isDefined(df, inst, n));
          if (undefinedNames.length) {
            report({ start: pair.keyStart, end: pair.keyEnd, message: `Label key '${written}' is not valid: '$${undefinedNames[0]}' is not defined, so the builder substitutes an empty string` });
            continue;
          }
          if (unresolved.length) continue; // an ARG without default: known only at build time
          key = value;
        }
        const why = problem(key);
        if (why) report({ start: pair.keyStart, end: pair.keyEnd, message: `Label key '${written}' is not valid: ${why}` });
      }
    }
  },
};
