// Rules over a built image (`slipway check --image`).
import type { ImageRule } from '../types.js';
import { imageCredentialFile } from './image-credential-file.js';
import { imageHealthcheckMissing } from './image-healthcheck-missing.js';
import { imagePackageCache } from './image-package-cache.js';
import { imageRunsAsRoot } from './image-runs-as-root.js';
import { imageSecretBuildArg } from './image-secret-build-arg.js';
import { imageSecretConfig } from './image-secret-config.js';
import { imageSetuid } from './image-setuid.js';
import { imageSize } from './image-size.js';

export const imageAuditRules: ImageRule[] = [
  imageRunsAsRoot,
  imageHealthcheckMissing,
  imageSecretConfig,
  imageSecretBuildArg,
  imageCredentialFile,
  imageSetuid,
  imagePackageCache,
  imageSize,
];
