// The `release:` section of .slipway.yaml (part of src/config/schema.ts). Every key also has a
// flag, so CI needs no config file.

export const RELEASE_SCHEMA = {
  description: 'slipway release / login / tags: the image to build and where it goes.',
  type: 'object',
  additionalProperties: false,
  properties: {
    image: {
      description: 'the image repository without a tag: REGISTRY/OWNER/NAME (e.g. ghcr.io/org/app)',
      type: 'string',
      minLength: 1,
    },
    registry: {
      description: 'the registry, when image has none (e.g. ghcr.io); default: Docker Hub',
      type: 'string',
      pattern: '^[A-Za-z0-9.\\-\\[\\]:]+$',
    },
    context: { description: 'the build context, relative to this file (default: .)', type: 'string', minLength: 1 },
    dockerfile: { description: 'the Dockerfile, relative to this file (default: <context>/Dockerfile)', type: 'string', minLength: 1 },
    target: { description: 'the stage to build (default: as slipway check: a production compose build.target, else the last stage)', type: 'string', minLength: 1 },
    platforms: { description: 'e.g. [linux/amd64, linux/arm64] (several need the buildx plugin)', type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$' }, minItems: 1 },
    'build-args': {
      description: 'KEY: value passed as --build-arg (not for secrets: build args stay in the image history)',
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    'default-branch': { description: 'the branch that gets latest (default: origin/HEAD, else main or master)', type: 'string', minLength: 1 },
  },
} as const;

/** The section as written (schema-checked). */
export interface ReleaseSection {
  image?: string;
  registry?: string;
  context?: string;
  dockerfile?: string;
  target?: string;
  platforms?: string[];
  'build-args'?: Record<string, string | number | boolean>;
  'default-branch'?: string;
}
