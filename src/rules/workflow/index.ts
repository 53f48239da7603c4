// GitHub Actions workflow rules: the image build, push, tags, login and permissions the guide asks for.

import type { ProjectRule } from '../types.js';
import { workflowActionPinned } from './workflow-action-pinned.js';
import { workflowActionSha } from './workflow-action-sha.js';
import { workflowBuildCache } from './workflow-build-cache.js';
import { workflowImageSbom } from './workflow-image-sbom.js';
import { workflowImageSign } from './workflow-image-sign.js';
import { workflowLoginSecret } from './workflow-login-secret.js';
import { workflowPermissions } from './workflow-permissions.js';
import { workflowPushOnMain } from './workflow-push-on-main.js';
import { workflowSchema } from './workflow-schema.js';
import { workflowShaTag } from './workflow-sha-tag.js';

export const workflowRules: ProjectRule[] = [
  workflowSchema,
  workflowPushOnMain,
  workflowShaTag,
  workflowLoginSecret,
  workflowPermissions,
  workflowActionPinned,
  workflowActionSha,
  workflowBuildCache,
  workflowImageSign,
  workflowImageSbom,
];
