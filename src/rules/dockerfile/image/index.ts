// Base images, stages, ARGs and variables, and BuildKit's syntax checks.
import type { DockerfileRule } from '../../types.js';
import { baseImageLatest } from './base-image-latest.js';
import { baseImageUntagged } from './base-image-untagged.js';
import { copyFromOwnStage } from './copy-from-own-stage.js';
import { copyFromRoot } from './copy-from-root.js';
import { copyFromUnknownStage } from './copy-from-unknown-stage.js';
import { definitionDescription } from './definition-description.js';
import { envSelfReference } from './env-self-reference.js';
import { firstInstruction } from './first-instruction.js';
import { fromAsCasing } from './from-as-casing.js';
import { fromPlatformConstant } from './from-platform-constant.js';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from.js';
import { legacyKeyValue } from './legacy-key-value.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { onbuildTrigger } from './onbuild-trigger.js';
import { redundantTargetPlatform } from './redundant-target-platform.js';
import { stageNameCasing } from './stage-name-casing.js';
import { stageNameReserved } from './stage-name-reserved.js';
import { stageNameUnique } from './stage-name-unique.js';
import { trustedRegistry } from './trusted-registry.js';
import { undefinedArgInFrom } from './undefined-arg-in-from.js';
import { undefinedVar } from './undefined-var.js';
import { unknownFlag } from './unknown-flag.js';
import { unknownInstruction } from './unknown-instruction.js';

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
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  undefinedVar,
  envSelfReference,
  legacyKeyValue,
  firstInstruction,
  unknownInstruction,
  unknownFlag,
  noEmptyContinuation,
  definitionDescription,
  onbuildTrigger,
];
