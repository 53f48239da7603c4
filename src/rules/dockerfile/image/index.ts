// Base images, stages, ARGs and variables, and BuildKit's syntax checks.
import type { DockerfileRule } from '../../types.js';
import { baseImageLatest } from './base-image-latest.js';
import { baseImageUntagged } from './base-image-untagged.js';
import { copyFromOwnStage } from './copy-from-own-stage.js';
import { copyFromRoot } from './copy-from-root.js';
import { copyFromUnknownStage } from './copy-from-unknown-stage.js';
import { fromAsCasing } from './from-as-casing.js';
import { fromPlatformConstant } from './from-platform-constant.js';
import { redundantTargetPlatform } from './redundant-target-platform.js';
import { stageNameCasing } from './stage-name-casing.js';
import { stageNameReserved } from './stage-name-reserved.js';
import { stageNameUnique } from './stage-name-unique.js';
import { trustedRegistry } from './trusted-registry.js';

export const imageRules: DockerfileRule[] = [
  baseImageUntagged,
  baseImageLatest,
  trustedRegistry,
  fromPlatformConstant,
  redundantTargetPlatform,
  stageNameUnique,
  stageNameReserved,
  stageNameCasing,
  fromAsCasing,
  copyFromUnknownStage,
  copyFromOwnStage,
  copyFromRoot,
];
