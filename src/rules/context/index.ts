// Build-context rules: what `docker build` sends, what .dockerignore leaves out, what COPY reaches.

import type { ContextRule } from '../types.js';
import { contextGitDir } from './context-git-dir.js';
import { contextJunk } from './context-junk.js';
import { contextLargeFile } from './context-large-file.js';
import { contextSecretFiles } from './context-secret-files.js';
import { contextSecretSent } from './context-secret-sent.js';
import { copyIgnoredFile } from './copy-ignored-file.js';
import { copySourceMissing } from './copy-source-missing.js';
import { cmdScriptMissing } from '../dockerfile/guide/cmd-script-missing.js';
import { dockerignoreMissing } from './dockerignore-missing.js';

export const contextRules: ContextRule[] = [
  dockerignoreMissing,
  contextSecretFiles,
  contextSecretSent,
  contextGitDir,
  contextJunk,
  contextLargeFile,
  copyIgnoredFile,
  copySourceMissing,
  cmdScriptMissing,
];
