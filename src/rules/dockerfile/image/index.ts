// Base images, stages, ARGs and variables, and BuildKit's syntax checks.
import type { DockerfileRule } from '../../types.js';

export const imageRules: DockerfileRule[] = [];
