import { yesRule } from './rpm-common.js';

export const yumYes = yesRule(
  {
    id: 'yum-yes',
    severity: 'warning',
    aliases: ['DL3030'],
    title: 'Use `yum install -y`: the build cannot answer the confirmation prompt',
    description:
      'Without `-y`, yum asks "Is this ok [y/N]"; a build has no terminal, so yum reads end-of-file and exits with "Operation aborted".',
    bad: 'FROM centos:7\nRUN yum install httpd && yum clean all\n',
    good: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    fixable: true,
    differs:
      'Covers every sub-command that changes packages (`update`, `remove`, `groupinstall`, `group install`, `module enable`…), not only `install`; `--setopt=assumeyes=1` and `assumeyes=1` written to yum.conf earlier in the stage count as `-y`.',
  },
  ['yum'],
);
