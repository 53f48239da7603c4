// The guide's own practices: slim bases, multi-stage, layer cache, non-root, secrets, HEALTHCHECK.
import type { DockerfileRule } from '../../types.js';
import { appPortMismatch } from './app-port-mismatch.js';
import { baseImageSlim } from './base-image-slim.js';
import { buildToolsInFinalStage } from './build-tools-in-final-stage.js';
import { cmdProgramMissing } from './cmd-program-missing.js';
import { copySecretFiles } from './copy-secret-files.js';
import { dependenciesBeforeSource } from './dependencies-before-source.js';
import { filesUnderRootHome } from './files-under-root-home.js';
import { healthcheckMissing } from './healthcheck-missing.js';
import { healthcheckProgramMissing } from './healthcheck-program-missing.js';
import { nonRootUser } from './non-root-user.js';
import { pythonAlpineCExtensions } from './python-alpine-c-extensions.js';
import { secretInArgEnv } from './secret-in-arg-env.js';
import { secretValue } from './secret-value.js';
import { userFixedUid } from './user-fixed-uid.js';

export const guideRules: DockerfileRule[] = [
  baseImageSlim,
  pythonAlpineCExtensions,
  buildToolsInFinalStage,
  dependenciesBeforeSource,
  nonRootUser,
  userFixedUid,
  filesUnderRootHome,
  secretInArgEnv,
  secretValue,
  copySecretFiles,
  healthcheckMissing,
  healthcheckProgramMissing,
  cmdProgramMissing,
  appPortMismatch,
];
