// The rules that depend on the disk, tested in memory: the disk facts (src/project/disk-facts.ts)
// are given as data, as load-disk.ts would have read them. The same rules are tested on real
// folders, modes and git repositories in env.test.ts, context.test.ts and compose-schema-cross.test.ts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkProject } from '../../src/engine/check-project.js';
import type { ContextEntry } from '../../src/parse/context/entries.js';
import { buildProject } from '../../src/project/build.js';
import { diskFacts, type ContextListing, type DiskFacts } from '../../src/project/disk-facts.js';
import { kindOf } from '../../src/project/discover.js';
import { composeDockerfileMissing } from '../../src/rules/compose/dockerfile-missing.js';
import { composeUndefinedVariable } from '../../src/rules/compose/undefined-variable.js';
import { contextSecretFiles } from '../../src/rules/context/context-secret-files.js';
import { cmdScriptMissing } from '../../src/rules/dockerfile/guide/cmd-script-missing.js';
import { copyNotAdd } from '../../src/rules/dockerfile/instructions/copy-not-add.js';
import { envExampleMissing } from '../../src/rules/env/env-example-missing.js';
import { envFilePermissions } from '../../src/rules/env/env-file-permissions.js';
import { envTrackedByGit } from '../../src/rules/env/env-tracked-by-git.js';
import type { Rule } from '../../src/rules/types.js';
import { projectRuleTester, TEST_ROOT } from './project-harness.js';

const R = TEST_ROOT;

/** A context folder's listing as the walker gives it: files (size) and folders, nothing excluded. */
function listing(entries: Record<string, number | 'dir'>, ignore: string | null = null, dir = R): ContextListing {
  const list: ContextEntry[] = Object.entries(entries)
    .map(([path, size]) => (size === 'dir' ? { path, type: 'dir' as const, size: 0, excluded: false } : { path, type: 'file' as const, size, excluded: false }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { dir, ignore, walk: { entries: list, errors: [], truncated: false } };
}

const COMPOSE_ENV = 'services:\n  app:\n    image: app:1\n    environment:\n      - API_KEY=${API_KEY}\n';

projectRuleTester(envFilePermissions, {
  valid: [
    { name: 'mode 600', files: { '.env': 'API_KEY=x\n' }, disk: { modes: { [`${R}/.env`]: 0o600 } } },
    { name: 'mode unknown (not on disk)', files: { '.env': 'API_KEY=x\n' } },
    { name: 'tracked by git: the checkout umask gave the mode', files: { '.env': 'API_KEY=x\n' }, disk: { modes: { [`${R}/.env`]: 0o644 }, gitTracked: { [`${R}/.env`]: true } } },
    { name: 'settings only: nothing to hide', files: { '.env': 'IMAGE_VERSION=3.0.0\nVALKEY_PORT=6379\nLLM_BASE_URL=https://local-llm.com\n' }, disk: { modes: { [`${R}/.env`]: 0o664 }, gitTracked: { [`${R}/.env`]: false } } },
  ],
  invalid: [
    {
      name: 'mode 644, not tracked',
      files: { '.env': 'API_KEY=x\n' },
      disk: { modes: { [`${R}/.env`]: 0o644 }, gitTracked: { [`${R}/.env`]: false } },
      errors: [{ file: '.env', line: 1, column: 1, message: "has mode 644: its group and all users can read its secrets (API_KEY); run 'chmod 600 .env'" }],
    },
  ],
});

projectRuleTester(envTrackedByGit, {
  valid: [
    { name: 'not tracked', files: { '.env': 'API_KEY=x\n' }, disk: { gitTracked: { [`${R}/.env`]: false } } },
    { name: 'unknown: no repository', files: { '.env': 'API_KEY=x\n' }, disk: { gitTracked: { [`${R}/.env`]: null } } },
    { name: 'a template is committed on purpose', files: { '.env.example': 'API_KEY=x\n' }, disk: { gitTracked: { [`${R}/.env.example`]: true } } },
    { name: 'committed defaults with a placeholder password', files: { '.env': 'TEMPORAL_VERSION=1.29\nPOSTGRES_PASSWORD=changeit\n' }, disk: { gitTracked: { [`${R}/.env`]: true } } },
  ],
  invalid: [
    {
      files: { '.env': 'API_KEY=x\n' },
      disk: { gitTracked: { [`${R}/.env`]: true } },
      errors: [{ file: '.env', line: 1, column: 1, message: '.env is tracked by git with a secret in API_KEY' }],
    },
  ],
});

projectRuleTester(composeDockerfileMissing, {
  valid: [
    {
      name: 'context and Dockerfile on disk, neither among the checked files',
      files: { 'compose.yaml': 'services:\n  app:\n    build: ./api\n' },
      disk: { paths: { [`${R}/api`]: 'dir', [`${R}/api/Dockerfile`]: 'file' } },
    },
  ],
  invalid: [
    {
      name: 'no context folder',
      files: { 'compose.yaml': 'services:\n  app:\n    build: ./api\n' },
      errors: [{ file: 'compose.yaml', line: 3, column: 12, message: "builds from 'api', which does not exist" }],
    },
    {
      name: 'the folder but no Dockerfile in it',
      files: { 'compose.yaml': 'services:\n  app:\n    build: ./api\n' },
      disk: { paths: { [`${R}/api`]: 'dir', [`${R}/api/Dockerfile`]: 'missing' } },
      errors: [{ file: 'compose.yaml', line: 3, column: 12, message: "builds with 'api/Dockerfile', which does not exist" }],
    },
  ],
});

projectRuleTester(envExampleMissing, {
  valid: [{ name: 'an .env.example on disk', files: { 'compose.yaml': COMPOSE_ENV }, disk: { paths: { [`${R}/.env.example`]: 'file' } } }],
  invalid: [{ files: { 'compose.yaml': COMPOSE_ENV }, errors: [{ file: 'compose.yaml', line: 5, column: 17, message: 'needs API_KEY from the environment' }] }],
});

projectRuleTester(composeUndefinedVariable, {
  valid: [
    {
      name: 'defined in an env_file that was read',
      files: { 'compose.yaml': `${COMPOSE_ENV}    env_file: secrets.env\n` },
      disk: { envFiles: { [`${R}/secrets.env`]: { ok: true, text: 'API_KEY=\n' } } },
    },
  ],
  invalid: [
    {
      name: 'an env_file that could not be read defines nothing',
      files: { 'compose.yaml': `${COMPOSE_ENV}    env_file: secrets.env\n` },
      disk: { envFiles: { [`${R}/secrets.env`]: { ok: false, code: 'not-a-file', message: 'a FIFO, not a regular file: not read' } } },
      errors: [{ file: 'compose.yaml', line: 5, column: 17, message: 'Variable API_KEY is not defined' }],
    },
  ],
});

const COPY_ALL = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';

projectRuleTester(contextSecretFiles, {
  valid: [
    {
      name: '.npmrc whose head has no token',
      files: { Dockerfile: COPY_ALL, '.dockerignore': '.git\n' },
      disk: {
        paths: { [`${R}/Dockerfile`]: 'file' },
        listings: [listing({ Dockerfile: 60, '.dockerignore': 5, '.npmrc': 40, 'server.js': 10 }, '.git\n')],
        heads: { [`${R}/.npmrc`]: 'registry=https://npm.example/\n' },
      },
    },
  ],
  invalid: [
    {
      name: '.npmrc whose head holds a token',
      files: { Dockerfile: COPY_ALL, '.dockerignore': '.git\n' },
      disk: {
        paths: { [`${R}/Dockerfile`]: 'file' },
        listings: [listing({ Dockerfile: 60, '.dockerignore': 5, '.npmrc': 40, 'server.js': 10 }, '.git\n')],
        heads: { [`${R}/.npmrc`]: '//npm.example/:_authToken=abc\n' },
      },
      errors: [{ file: '.dockerignore', line: 1, column: 1, message: '.npmrc (an npm token)' }],
      output: { '.dockerignore': '.git\n.npmrc\n' },
    },
  ],
});

projectRuleTester(cmdScriptMissing, {
  valid: [
    {
      name: 'the script is in the listed context',
      files: { Dockerfile: COPY_ALL },
      disk: { paths: { [`${R}/Dockerfile`]: 'file' }, listings: [listing({ Dockerfile: 60, 'server.js': 10 })] },
    },
    { name: 'no listing: the Dockerfile is not on disk', files: { Dockerfile: COPY_ALL } },
  ],
  invalid: [
    {
      files: { Dockerfile: COPY_ALL },
      disk: { paths: { [`${R}/Dockerfile`]: 'file' }, listings: [listing({ Dockerfile: 60, 'index.js': 10 })] },
      errors: [{ file: 'Dockerfile', line: 4, column: 1, message: 'server.js' }],
    },
  ],
});

/** A whole check in memory: the Dockerfile rules' facts derived by the engine from the disk facts. */
function check(rule: Rule, files: Record<string, string>, disk: Partial<DiskFacts>) {
  const project = buildProject(
    R,
    Object.entries(files).map(([path, text]) => ({ kind: kindOf(path)!, path, absPath: `${R}/${path}`, text })),
    { disk: diskFacts(disk) },
  );
  return checkProject(project, { rules: [{ rule, severity: rule.meta.severity }], settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false } });
}

test('copy-not-add: what ADD finds by its magic bytes, from the disk facts through the engine', () => {
  const files = { Dockerfile: 'FROM alpine:3.20\nADD rootfs /\n' };
  const disk = (kind: 'archive' | 'file' | null) => ({
    paths: { [`${R}/Dockerfile`]: 'file' as const },
    listings: [listing({ Dockerfile: 30, rootfs: 10240 })],
    addKinds: { [`${R}/rootfs`]: kind },
  });
  const fixes = (d: Partial<DiskFacts>) => check(copyNotAdd, files, d).findings.map((f) => `${f.line} ${f.fix ? 'fix' : 'no fix'}`);
  assert.deepEqual(fixes(disk('archive')), [], 'a tar archive: ADD unpacks it, no finding');
  assert.deepEqual(fixes(disk('file')), ['2 fix'], 'a plain file: COPY does the same');
  assert.deepEqual(fixes(disk(null)), [], 'in the context but unreadable: it may be an archive');
  assert.deepEqual(fixes({}), ['2 no fix'], 'no context known: reported, but no fix offered');
});
