// Env file rules: .env in git, its permissions, its syntax, and the .env.example compose needs.

import type { ProjectRule } from '../types.js';
import { envExampleMissing } from './env-example-missing.js';
import { envFilePermissions } from './env-file-permissions.js';
import { envSyntax } from './env-syntax.js';
import { envTrackedByGit } from './env-tracked-by-git.js';

export const envRules: ProjectRule[] = [envTrackedByGit, envFilePermissions, envExampleMissing, envSyntax];
