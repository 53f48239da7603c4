import { yesRule } from './rpm-common.js';

export const dnfYes = yesRule(
  {
    id: 'dnf-yes',
    severity: 'warning',
    aliases: ['DL3038'],
    title: 'Use `dnf install -y`: the build cannot answer the confirmation prompt',
    description:
      'Without `-y`, dnf asks "Is this ok [y/N]"; a build has no terminal, so dnf reads end-of-file and exits with "Operation aborted".',
    bad: 'FROM fedora:40\nRUN dnf install httpd && dnf clean all\n',
    good: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    fixable: true,
    differs:
      'Also covers `dnf5` and `tdnf` (and the short forms `in`, `up`, `rei`…), and every sub-command that changes packages (`upgrade`, `remove`, `group install`, `module enable`…); `--setopt=assumeyes=1` and `assumeyes=1` written to dnf.conf earlier in the stage count as `-y`. microdnf is checked too, as in hadolint: since microdnf 3.9 it asks for confirmation like dnf.',
  },
  ['dnf', 'dnf5', 'tdnf', 'microdnf'],
);
