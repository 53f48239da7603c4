import type { DockerfileRule } from '../../types.js';
import { varRefs } from './util.js';

export const fromPlatformConstant: DockerfileRule = {
  meta: {
    id: 'from-platform-constant',
    target: 'dockerfile',
    category: 'maintainability',
    severity: 'warning',
    aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
    title: 'Do not hard-code a platform in FROM --platform',
    description:
      '`FROM --platform=linux/amd64` forces one platform: the Dockerfile can no longer build a multi-platform image, and on another machine it builds under emulation. Pass `--platform` to `docker build` instead, or use `$BUILDPLATFORM` for cross-compiling stages.',
    bad: 'FROM --platform=linux/amd64 golang:1.22 AS build\nRUN go build ./...\n',
    good: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build ./...\n',
    fixable: false,
    differs:
      "Follows BuildKit rather than hadolint's DL3029, which reports every `--platform`, including `--platform=$BUILDPLATFORM`, Docker's recommended cross-compilation pattern. Like BuildKit, a constant is accepted when the stage name names its OS or architecture (`AS build-arm64`), the per-platform stage pattern.",
  },
  check({ df, report }) {
    for (const stage of df.stages) {
      for (const flag of stage.from.flags) {
        if (flag.name !== 'platform' || flag.value === null) continue;
        const value = flag.value.trim();
        if (!value || varRefs(value, 0).length || value.includes('$')) continue;
        const [os = '', arch = ''] = value.toLowerCase().split('/');
        const name = (stage.name ?? '').toLowerCase();
        if (name && ((os && name.includes(os)) || (arch && name.includes(arch)))) continue;
        report({
          start: flag.start,
          end: flag.end,
          message: `FROM --platform uses the constant '${value}': build with 'docker build --platform ${value}' or use $BUILDPLATFORM / $TARGETPLATFORM`,
        });
      }
    }
  },
};
