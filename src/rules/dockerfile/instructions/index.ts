// Rules about single instructions and their arguments.
import type { DockerfileRule } from '../../types.js';
import { cmdExecForm } from './cmd-exec-form.js';
import { instructionCasing } from './instruction-casing.js';
import { maintainerDeprecated } from './maintainer-deprecated.js';

export const instructionRules: DockerfileRule[] = [cmdExecForm, instructionCasing, maintainerDeprecated];
