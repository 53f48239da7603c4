// The `bad` and `good` examples of the context and env rules, in the folders their comments
// describe: `bad` must trigger the rule, `good` must not (rule-meta.test.ts cannot build folders).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { contextRules } from '../../src/rules/context/index.js';
import { envRules } from '../../src/rules/env/index.js';
import type { ProjectRule } from '../../src/rules/types.js';
import { onDisk, type DiskSpec } from './context-fixtures.js';
import { runProjectRule } from './project-harness.js';

const COPY_ALL = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n';
const COPY_APP = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';

/** The folder around each example: `example` is the text of the rule's bad or good. */
const FOLDERS: Record<string, (example: string, which: 'bad' | 'good') => DiskSpec & { git?: string[] }> = {
  'dockerignore-missing': (ex, which) =>
    which === 'bad' ? { files: { Dockerfile: ex, 'app.py': '' } as Record<string, string> } : { files: { Dockerfile: COPY_ALL, '.dockerignore': ex, 'app.py': '' } },
  'context-secret-files': (ex) => ({ files: { Dockerfile: COPY_ALL, '.dockerignore': ex, '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'deploy/id_rsa': 'k', 'app.py': '' } }),
  'context-secret-sent': (ex) => ({ files: { Dockerfile: COPY_APP, '.dockerignore': ex, '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' } }),
  'context-git-dir': (ex) => ({ files: { Dockerfile: COPY_ALL, '.dockerignore': ex, '.git/HEAD': 'ref: refs/heads/main\n', 'app.py': '' } }),
  'context-junk': (ex) => ({ files: { Dockerfile: COPY_ALL, '.dockerignore': ex, 'node_modules/a/i.js': '', '__pycache__/a.pyc': '' } }),
  'context-large-file': (ex) => ({ files: { Dockerfile: COPY_ALL, '.dockerignore': ex }, sparse: { 'data/dump.sql': 300_000_000 } }),
  'copy-ignored-file': (ex, which) => ({ files: { Dockerfile: ex, '.dockerignore': which === 'bad' ? '*.md\n' : '*.md\n!README.md\n', 'README.md': '' } }),
  'cmd-script-missing': (ex) => ({ files: { Dockerfile: ex, 'server.py': '' } }),
  'copy-source-missing': (ex, which) => ({ files: { Dockerfile: ex, 'app.py': '', ...(which === 'good' ? { 'requirements.txt': '' } : {}) } }),
  'env-tracked-by-git': (ex, which) => {
    const name = which === 'bad' ? '.env' : '.env.example';
    return { files: { [name]: ex, '.gitignore': '.env\n' }, git: [name] };
  },
  'env-file-permissions': (ex, which) => ({ files: { '.env': ex }, modes: { '.env': which === 'bad' ? 0o644 : 0o600 } }),
  'env-example-missing': (ex, which) => ({ files: { 'compose.yaml': ex, ...(which === 'good' ? { '.env.example': 'TAG=\nAPI_KEY=\n' } : {}) } }),
  'env-syntax': (ex) => ({ files: { '.env': ex } }),
};

function gitAvailable(): boolean {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

for (const rule of [...contextRules, ...envRules] as ProjectRule[]) {
  test(`${rule.meta.id}: its bad example triggers it, its good one does not`, (t) => {
    const folder = FOLDERS[rule.meta.id];
    assert.ok(folder, `no folder described for ${rule.meta.id}`);
    const run = (which: 'bad' | 'good') => {
      const spec = folder(rule.meta[which], which);
      const { root, files } = onDisk(spec);
      if (spec.git) {
        const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
        git('init', '-q');
        git('add', '-f', ...spec.git);
        git('commit', '-q', '-m', 'example');
      }
      return runProjectRule(rule, { root, files }).result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
    };
    if (rule.meta.id === 'env-tracked-by-git' && !gitAvailable()) return t.skip('git is not available');
    assert.ok(run('bad').length > 0, `${rule.meta.id}: bad does not trigger it`);
    assert.deepEqual(run('good'), [], `${rule.meta.id}: good triggers it`);
  });
}
