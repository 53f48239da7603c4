// A small, fixed CheckResult shared by the formatter tests.

import type { ReportInput } from '../../../src/report/types.js';

export const CWD = '/repo';

export function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    result: {
      findings: [
        {
          rule: 'pin-base-image',
          aliases: ['DL3006', 'DL3007'],
          severity: 'error',
          file: 'Dockerfile',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 19,
          message: 'Pin the base image: "node:latest" moves',
          fixable: true,
          fix: [{ start: 5, end: 16, text: 'node:20.11' }],
        },
        {
          rule: 'cmd-exec-form',
          aliases: [],
          severity: 'warning',
          file: 'Dockerfile',
          line: 12,
          column: 3,
          endLine: 13,
          endColumn: 8,
          message: 'Use exec form: 100% of <signals>, & more,\nsee: docs',
          fixable: false,
        },
        {
          rule: 'label-style',
          aliases: [],
          severity: 'style',
          file: `${CWD}/api/Dockerfile`,
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 5,
          message: 'Label keys should be lower-case',
          fixable: false,
        },
      ],
      errors: [{ file: 'worker/Dockerfile', line: 0, column: 0, message: "Unterminated heredoc 'EOF'" }],
    },
    rules: [
      {
        id: 'pin-base-image',
        aliases: ['DL3006', 'DL3007'],
        severity: 'error',
        title: 'Pin base images',
        description: 'A moving tag makes builds **irreproducible**.',
        helpUri: 'https://example.com/rules/pin-base-image',
        fixable: true,
        category: 'security',
      },
      {
        id: 'cmd-exec-form',
        aliases: [],
        severity: 'warning',
        title: 'Use exec form for CMD',
        description: 'Shell form swallows signals.',
        helpUri: 'https://example.com/rules/cmd-exec-form',
        fixable: false,
      },
    ],
    version: '1.2.3',
    color: false,
    cwd: CWD,
    ...overrides,
  };
}
