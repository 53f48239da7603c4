import type { DockerfileRule } from '../../types.js';

// hadolint's DL1001 is off ("ignore") by default there too: pragmas are the sanctioned way to
// record a deliberate exception, so slipway ships it off and asks for a reason instead.
const PRAGMA = /^\s*(slipway|hadolint)\s+(?:(?:global|stage)\s+)?ignore\s*=/;

export const inlineIgnore: DockerfileRule = {
  meta: {
    id: 'inline-ignore',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'info',
    aliases: ['DL1001'],
    title: 'Inline ignore pragma',
    description:
      'For teams that want every exception in the config file, where it is reviewed in one place, rather than in `# slipway ignore=` / `# hadolint ignore=` comments spread over Dockerfiles.',
    bad: 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n',
    fixable: false,
    off: true,
    differs:
      'Off by default, as in hadolint. A pragma with a reason (`-- why`) is the recommended way to suppress one finding.',
  },
  check({ df, report }) {
    for (const c of df.comments) {
      if (PRAGMA.test(c.text)) report({ start: c.start, end: c.end, message: `Inline ignore pragma: ${c.text.trim()}` });
    }
  },
};
