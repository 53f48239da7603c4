// Package managers: apt, apk, yum/dnf/zypper, pip, npm, gem, go, yarn, and TLS checks.
import type { DockerfileRule } from '../../types.js';
import { aptAllowUnauthenticated } from './apt-allow-unauthenticated.js';
import { aptDistUpgrade } from './apt-dist-upgrade.js';
import { aptForceYes } from './apt-force-yes.js';
import { aptGetYes } from './apt-get-yes.js';
import { aptListsCleanup } from './apt-lists-cleanup.js';
import { aptNoInstallRecommends } from './apt-no-install-recommends.js';
import { aptPinVersions } from './apt-pin-versions.js';
import { updateAlone } from './update-alone.js';
import { useAptGet } from './use-apt-get.js';

export const packageRules: DockerfileRule[] = [
  aptAllowUnauthenticated,
  aptDistUpgrade,
  aptForceYes,
  aptGetYes,
  aptListsCleanup,
  aptNoInstallRecommends,
  aptPinVersions,
  updateAlone,
  useAptGet,
];
