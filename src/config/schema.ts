// The JSON schema of .slipway.yaml; validated with ajv when a config file exists.

import { DEPLOY_SCHEMA } from '../deploy/schema.js';
import { RELEASE_SCHEMA } from '../release/schema.js';

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'slipway configuration (.slipway.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    'failure-threshold': { enum: ['error', 'warning', 'info', 'style', 'none'] },
    rules: {
      description: 'Rule id or alias (e.g. DL3008) → severity, or off.',
      type: 'object',
      additionalProperties: { enum: ['error', 'warning', 'info', 'style', 'off'] },
    },
    'trusted-registries': { type: 'array', items: { type: 'string' } },
    'label-schema': { type: 'object', additionalProperties: { enum: ['text', 'url', 'hash', 'spdx', 'rfc3339', 'semver', 'email'] } },
    'strict-labels': { type: 'boolean' },
    ignore: { description: 'Paths (gitignore patterns) not to check.', type: 'array', items: { type: 'string' } },
    shellcheck: {
      description: 'The shellcheck program run on every RUN (default: shellcheck on PATH), or false to skip ShellCheck.',
      anyOf: [{ type: 'string', minLength: 1 }, { const: false }],
    },
    deploy: DEPLOY_SCHEMA,
    release: RELEASE_SCHEMA,
  },
} as const;

/** hadolint's .hadolint.yaml, read when there is no .slipway.yaml. */
export const HADOLINT_SCHEMA = {
  type: 'object',
  properties: {
    ignored: { type: 'array', items: { type: 'string' } },
    override: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(['error', 'warning', 'info', 'style'].map((k) => [k, { type: 'array', items: { type: 'string' } }])),
    },
    trustedRegistries: { type: 'array', items: { type: 'string' } },
    'failure-threshold': { enum: ['error', 'warning', 'info', 'style', 'ignore', 'none'] },
    'label-schema': { type: 'object', additionalProperties: { type: 'string' } },
    'strict-labels': { type: 'boolean' },
    'no-fail': { type: 'boolean' },
    // hadolint's own output settings: accepted, slipway has its own flags for them.
    format: { type: 'string' },
    'no-color': { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
