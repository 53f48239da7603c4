// The guide's own practices: slim bases, multi-stage, layer cache, non-root, secrets, HEALTHCHECK.
import type { DockerfileRule } from '../../types.js';

export const guideRules: DockerfileRule[] = [];
