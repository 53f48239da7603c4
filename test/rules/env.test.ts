// Env file rules: git tracking and permissions on real temp files, syntax and .env.example tables.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { envExampleMissing } from '../../src/rules/env/env-example-missing.js';
import { envFilePermissions } from '../../src/rules/env/env-file-permissions.js';
import { envSyntax } from '../../src/rules/env/env-syntax.js';
import { envTrackedByGit } from '../../src/rules/env/env-tracked-by-git.js';
import { composeVariables } from '../../src/rules/env/compose-vars.js';
import { onDisk } from './context-fixtures.js';
import { projectRuleTester, runProjectRule } from './project-harness.js';

projectRuleTester(envSyntax, {
  valid: [
    { files: { '.env': '# comment\n\nA=1\nexport B=two\nC="with spaces # not a comment"\nD=\nE=\'single\'\nF="multi\nline"\n' } },
    { files: { '.env.example': 'API_KEY=\nTAG=latest\n' } },
  ],
  invalid: [
    {
      name: 'space before = (fixed), space after = (reported), bare name, no =',
      files: { '.env': 'API_KEY = xxx\nDEBUG\nthis is not a variable\nX= y\n' },
      errors: [
        { file: '.env', line: 1, column: 8, endColumn: 9, message: "space before '=' after API_KEY" },
        { file: '.env', line: 1, column: 10, endColumn: 11, message: "space after '=' in API_KEY" },
        { file: '.env', line: 2, column: 1, endColumn: 6, message: "a bare name with no '='" },
        { file: '.env', line: 3, column: 1, endColumn: 23, message: 'not KEY=value' },
        { file: '.env', line: 4, column: 3, endColumn: 4, message: "space after '=' in X" },
      ],
      output: { '.env': 'API_KEY= xxx\nDEBUG\nthis is not a variable\nX= y\n' },
    },
    {
      name: 'unterminated quote, invalid name; values never shown',
      files: { '.env.production': 'OK=1\n1BAD=secretvalue\nPASSWORD="hunter2\nNEXT=1\n' },
      errors: [
        { file: '.env.production', line: 2, column: 1, endColumn: 5, message: "'1BAD' is not a valid variable name" },
        { file: '.env.production', line: 3, column: 10, endColumn: 11, message: 'unterminated double quote in the value of PASSWORD' },
      ],
    },
  ],
});

projectRuleTester(envExampleMissing, {
  valid: [
    { name: 'with .env.example', files: { 'compose.yaml': 'services:\n  app:\n    image: app:${TAG}\n', '.env.example': 'TAG=\n' } },
    { name: 'only defaults and $$', files: { 'compose.yaml': 'services:\n  app:\n    image: app:${TAG:-latest}\n    command: echo $$HOME ${X-1}\n' } },
    { name: 'in comments only', files: { 'docker-compose.yml': '# image: app:${TAG}\nservices:\n  app:\n    image: app:1 # ${NOT}\n' } },
    { name: '.env.sample on disk counts', ...onDisk({ 'compose.yaml': 'services:\n  a:\n    image: a:${T}\n', '.env.sample': 'T=\n' }) },
  ],
  invalid: [
    {
      files: { 'compose.yaml': 'services:\n  app:\n    image: ghcr.io/org/app:${TAG}\n    environment:\n      - API_KEY=${API_KEY:?set it}\n      - HOME=$HOME\n' },
      errors: [{ file: 'compose.yaml', line: 3, column: 28, endColumn: 34, message: 'compose.yaml needs TAG, API_KEY, HOME from the environment, but there is no .env.example beside it' }],
    },
    {
      name: 'the example is in another folder',
      files: { 'deploy/compose.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n', '.env.example': 'X=\n' },
      errors: [{ file: 'deploy/compose.yaml', line: 4, column: 26 }],
    },
  ],
});

test('env-file-permissions: real chmod on temp files', (t) => {
  const { root, files } = onDisk({
    '.env': 'API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\n',
    'svc/.env.production': 'DATABASE_URL=postgres://app:pw@db/app\n',
    // Committed-example shapes (awesome-compose wireguard, fastapi template): a host name under *_URL, placeholders.
    'vpn/.env': 'TIMEZONE=Etc/UTC\nVPN_SERVER_URL=your-domain.dyndns.com # free examples http://www.duckdns.org/\n',
    'api/.env': 'SECRET_KEY=changethis\nPOSTGRES_PASSWORD=changethis\nDATABASE_URL=postgresql://postgres:${POSTGRES_PASSWORD}@localhost:5432/app\n',
    '.env.example': 'API_KEY=\n',
    'empty/.env': '# nothing\n',
    // Public settings only: nothing to hide.
    'web/.env.production': 'MODE="production"\nVITE_APP_BACKEND_URL=https://api.example.com\nPORT=8080\n',
  });
  chmodSync(join(root, '.env'), 0o644);
  chmodSync(join(root, 'svc/.env.production'), 0o640);
  chmodSync(join(root, '.env.example'), 0o644);
  chmodSync(join(root, 'empty/.env'), 0o644);
  chmodSync(join(root, 'web/.env.production'), 0o644);
  chmodSync(join(root, 'vpn/.env'), 0o664);
  chmodSync(join(root, 'api/.env'), 0o664);
  const got = runProjectRule(envFilePermissions, { root, files }).result.findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.message}`);
  assert.deepEqual(got, [
    ".env:1:1-41 .env has mode 644: its group and all users can read its secrets (API_KEY); run 'chmod 600 .env'",
    "svc/.env.production:1:1-38 svc/.env.production has mode 640: its group can read its secrets (DATABASE_URL); run 'chmod 600 svc/.env.production'",
  ]);
  // Committed to git: the checkout's umask gave the mode, and env-tracked-by-git reports the file.
  if (git(root, 'init', '-q')) {
    git(root, 'add', '.env');
    git(root, 'commit', '-q', '-m', 'x');
    const tracked = runProjectRule(envFilePermissions, { root, files }).result.findings.map((f) => f.file);
    assert.deepEqual(tracked, ['svc/.env.production']);
  } else t.diagnostic('git is not available: the tracked case is not checked');
  chmodSync(join(root, '.env'), 0o600);
  chmodSync(join(root, 'svc/.env.production'), 0o400);
  assert.deepEqual(runProjectRule(envFilePermissions, { root, files }).result.findings, []);
});

function git(cwd: string, ...args: string[]): boolean {
  try {
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('env-tracked-by-git: a committed .env with a secret; settings only, untracked, templates, empty, no repository', (t) => {
  const { root, files } = onDisk({
    '.env': '# db\nPOSTGRES_PASSWORD=s3cret\n',
    '.env.example': 'POSTGRES_PASSWORD=\n',
    '.env.local': 'A=1\n',
    'empty/.env': 'A=\n',
    // Committed on purpose: Create React App's build setting (prometheus web/ui), an installer's template of empty secrets (coolify).
    'web/ui/react-app/.env': '# relative asset links\nPUBLIC_URL=.\n',
    'other/.env.production': 'APP_ID=\nAPP_NAME=Coolify\nAPP_KEY=\n\nDB_USERNAME=coolify\nDB_PASSWORD=\n\nREGISTRY_URL=docker.io\n',
    // A local database URL with its password (zero-to-production), and two secrets in one file.
    'svc/.env': 'DATABASE_URL="postgres://postgres:password@localhost:5432/newsletter"\n',
    'ci/.env.testing': 'APP_ENV=testing\nAPP_KEY=base64:8VEfVNVkXQ9mH2L33WBWNMF4eQ0BWD5CTzB8mIxcl+k=\nDB_PASSWORD=hunter22\n',
  });
  // outside any repository: nothing, silently
  const outside = runProjectRule(envTrackedByGit, { root, files }).result;
  assert.deepEqual(outside.findings, []);
  assert.deepEqual(outside.errors, []);
  if (!git(root, 'init', '-q')) return t.skip('git is not available');
  git(root, 'add', '.env', '.env.example', 'empty/.env', 'web/ui/react-app/.env', 'other/.env.production', 'svc/.env', 'ci/.env.testing');
  git(root, 'commit', '-q', '-m', 'x');
  const got = runProjectRule(envTrackedByGit, { root, files }).result.findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endColumn} ${f.message}`);
  assert.deepEqual(got.sort(), [
    ".env:2:1-18 .env is tracked by git with a secret in POSTGRES_PASSWORD: rotate it, run 'git rm --cached .env', add it to .gitignore and commit a .env.example without values",
    "ci/.env.testing:2:1-8 ci/.env.testing is tracked by git with secrets in APP_KEY, DB_PASSWORD: rotate them, run 'git rm --cached ci/.env.testing', add it to .gitignore and commit a .env.example without values",
    "svc/.env:1:1-13 svc/.env is tracked by git with a secret in DATABASE_URL: rotate it, run 'git rm --cached svc/.env', add it to .gitignore and commit a .env.example without values",
  ]);
  for (const value of ['s3cret', 'password@', 'hunter22', '8VEfVN']) assert.ok(!got.join('').includes(value), 'never prints the value');
  writeFileSync(join(root, '.gitignore'), '.env\n');
  git(root, 'rm', '-q', '--cached', '.env', 'svc/.env', 'ci/.env.testing');
  assert.deepEqual(runProjectRule(envTrackedByGit, { root, files }).result.findings, []);
});

test('composeVariables: forms, comments, quotes, $$', () => {
  const vars = composeVariables('a: ${A}\nb: "${B:-x} # ${C}"\nc: $D $$E # $F\nd: ${G:?e} ${H+y} ${I-}\n');
  assert.deepEqual(
    vars.map((v) => `${v.name}${v.optional ? '?' : ''}`),
    ['A', 'B?', 'C', 'D', 'G', 'H?', 'I?'],
  );
});
