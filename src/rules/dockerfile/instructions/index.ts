// Rules about single instructions and their arguments.
import type { DockerfileRule } from '../../types.js';
import { addToExtract } from './add-to-extract.js';
import { cmdExecForm } from './cmd-exec-form.js';
import { copyDestSlash } from './copy-dest-slash.js';
import { copyNotAdd } from './copy-not-add.js';
import { copyRelativeDest } from './copy-relative-dest.js';
import { exposeInvalidFormat } from './expose-invalid-format.js';
import { exposePortRange } from './expose-port-range.js';
import { exposeProtoCasing } from './expose-proto-casing.js';
import { exposeSsh } from './expose-ssh.js';
import { healthcheckOptions } from './healthcheck-options.js';
import { labelEmpty } from './label-empty.js';
import { labelKeyValid } from './label-key-valid.js';
import { labelMissing } from './label-missing.js';
import { labelSuperfluous } from './label-superfluous.js';
import { labelValueFormat } from './label-value-format.js';
import { shellSyntax } from './shell-syntax.js';
import { stopsignalValid } from './stopsignal-valid.js';
import { heredocUnterminated } from './heredoc-unterminated.js';
import { inlineIgnore } from './inline-ignore.js';
import { instructionCasing } from './instruction-casing.js';
import { maintainerDeprecated } from './maintainer-deprecated.js';
import { multipleCmd } from './multiple-cmd.js';
import { multipleEntrypoint } from './multiple-entrypoint.js';
import { multipleHealthcheck } from './multiple-healthcheck.js';
import { noChpasswd } from './no-chpasswd.js';
import { runCd } from './run-cd.js';
import { runConsecutive } from './run-consecutive.js';
import { runPipefail } from './run-pipefail.js';
import { runPointlessCommand } from './run-pointless-command.js';
import { runSudo } from './run-sudo.js';
import { useShellInstruction } from './use-shell-instruction.js';
import { userEmpty } from './user-empty.js';
import { userNumeric } from './user-numeric.js';
import { useraddNoLogInit } from './useradd-no-log-init.js';
import { workdirAbsolute } from './workdir-absolute.js';
import { workdirSystemDir } from './workdir-system-dir.js';

export const instructionRules: DockerfileRule[] = [
  heredocUnterminated,
  inlineIgnore,
  cmdExecForm,
  instructionCasing,
  maintainerDeprecated,
  workdirAbsolute,
  workdirSystemDir,
  copyNotAdd,
  addToExtract,
  copyDestSlash,
  copyRelativeDest,
  exposePortRange,
  exposeSsh,
  exposeProtoCasing,
  exposeInvalidFormat,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  runPointlessCommand,
  runCd,
  runSudo,
  useShellInstruction,
  runPipefail,
  runConsecutive,
  noChpasswd,
  useraddNoLogInit,
  userNumeric,
  userEmpty,
  labelKeyValid,
  labelMissing,
  labelSuperfluous,
  labelEmpty,
  labelValueFormat,
  healthcheckOptions,
  stopsignalValid,
  shellSyntax,
];
