// Between keystrokes the language server keeps what each unchanged file gave (its SourceFile object,
// a compose file's parse, a workflow's jobs, a context's secrets): after every kind of change — an
// edit of a Dockerfile, of a compose file, of the .env compose interpolates with, of a workflow, a file
// changed on disk — its findings are exactly those `slipway check .` gives on the same texts.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { runCheck } from '../../../src/cli/commands/check.js';
import { checkWorkspace, type FileCheck, type OpenDoc } from '../../../src/lsp/project-check.js';
import { NO_SETTINGS } from '../../../src/lsp/settings.js';
import { Workspace } from '../../../src/lsp/workspace.js';

const root = mkdtempSync(join(tmpdir(), 'slipway-lsp-memo-'));
after(() => rmSync(root, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'a/Dockerfile': 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "a.js"]\n',
  'a/a.js': 'console.log(1)\n',
  'a/.env': 'PORT=8080\n',
  'b/Dockerfile': 'FROM node:20-slim\nWORKDIR /app\nCOPY b.js .\nUSER node\nCMD ["node", "b.js"]\n',
  'b/b.js': 'console.log(2)\n',
  'compose.yaml': 'services:\n  a:\n    build: ./a\n    image: "app/a:${TAG}"\n    ports: ["${PORT}:8080"]\n  b:\n    build: ./b\n',
  '.env': 'TAG=1\nPORT=8080\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t app/a a\n',
};

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}
write(root, FILES);

const kindOf = (name: string) => (name.endsWith('Dockerfile') ? 'dockerfile' : name.endsWith('.yml') || name.endsWith('.yaml') ? 'yaml' : 'plaintext');
const doc = (name: string, text: string, version: number): OpenDoc => ({ uri: `file://${join(root, name)}`, path: join(root, name), languageId: kindOf(name), version, text });

type Row = [file: string, rule: string, line: number, column: number, severity: string, message: string];
// A context's byte count is what the disk holds (docker sends the saved file): the one place an unsaved text may differ.
const row = (f: { file: string; rule: string; line: number; column: number; severity: string; message: string }): Row => [f.file, f.rule, f.line, f.column, f.severity, f.message.replace(/\(\d+ B\)/g, '(… B)')];
const sorted = (r: Row[]) => r.sort((a, b) => a.join('\0').localeCompare(b.join('\0')));
const rows = (checks: FileCheck[]): Row[] => sorted(checks.flatMap((c) => c.findings.map(row)));

/** `slipway check .` (no ShellCheck) on a copy of the folder with the open documents' texts written over it; the open files' findings. */
async function checkCopy(open: Record<string, string>): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-memo-check-'));
  try {
    cpSync(root, dir, { recursive: true });
    write(dir, open);
    let out = '';
    const io = { cwd: dir, stdout: (s: string) => (out += s), stderr: () => {}, isTTY: false, env: {}, readStdin: async () => '' };
    await runCheck(['.', '--format', 'json', '--failure-threshold', 'none', '--ignore', 'shellcheck'], io);
    const findings = (JSON.parse(out) as { findings: { file: string; rule: string; line: number; column: number; severity: string; message: string }[] }).findings;
    return sorted(findings.filter((f) => f.file in open).map(row));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('after each kind of change the kept views give exactly what `slipway check .` gives on the same texts', async () => {
  const ws = new Workspace(root, true);
  const open: Record<string, string> = { 'a/Dockerfile': FILES['a/Dockerfile']!, 'b/Dockerfile': FILES['b/Dockerfile']!, 'compose.yaml': FILES['compose.yaml']!, '.env': FILES['.env']!, '.github/workflows/ci.yml': FILES['.github/workflows/ci.yml']! };
  let version = 1;
  const step = async (what: string): Promise<Row[]> => {
    version++;
    const docs = Object.entries(open).map(([name, text]) => doc(name, text, version));
    const got = rows(await checkWorkspace(ws, docs, NO_SETTINGS, () => false));
    assert.deepEqual(got, await checkCopy(open), what);
    return got;
  };
  const has = (r: Row[], file: string, rule: string) => r.some((x) => x[0] === file && x[1] === rule);

  const first = await step('first check');
  assert.ok(has(first, 'b/Dockerfile', 'healthcheck-missing'));
  assert.ok(!has(first, 'compose.yaml', 'compose-undefined-variable'));

  open['a/Dockerfile'] = `${FILES['a/Dockerfile']}# typing\n`;
  await step('a keystroke in a Dockerfile');

  // compose gives b a healthcheck: b's finding goes, although b's text did not change.
  open['compose.yaml'] = `${FILES['compose.yaml']}    healthcheck:\n      test: ["CMD", "true"]\n`;
  const composed = await step('compose edited');
  assert.ok(!has(composed, 'b/Dockerfile', 'healthcheck-missing'));

  // The .env compose interpolates with loses TAG: compose's unchanged text now uses an undefined variable.
  open['.env'] = 'PORT=8080\n';
  const env = await step('.env edited');
  assert.ok(has(env, 'compose.yaml', 'compose-undefined-variable'), JSON.stringify(env));
  open['.env'] = FILES['.env']!;
  assert.ok(!has(await step('.env edited back'), 'compose.yaml', 'compose-undefined-variable'));

  // A file of a's build context changes on disk (the client's watcher reports it): its secret is now sent.
  writeFileSync(join(root, 'a/.env'), 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
  ws.invalidate();
  const secret = await step('a context file changed on disk');
  assert.ok(secret.some((r) => r[0] === 'a/Dockerfile' && r[1].startsWith('context-secret')), JSON.stringify(secret));
  writeFileSync(join(root, 'a/.env'), 'PORT=8080\n');
  ws.invalidate();
  assert.ok(!(await step('and back')).some((r) => r[1].startsWith('context-secret')));

  // A later step runs what the job built: a test build, which need not be pushed.
  assert.ok(has(await step('workflow unchanged'), '.github/workflows/ci.yml', 'workflow-push-on-main'));
  open['.github/workflows/ci.yml'] = `${FILES['.github/workflows/ci.yml']}      - run: docker run --rm app/a\n`;
  assert.ok(!has(await step('workflow edited'), '.github/workflows/ci.yml', 'workflow-push-on-main'));
});

test('a Dockerfile keystroke loads only what its new text needs of the disk, and the disk is read again only when it changed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-lsp-keystroke-'));
  try {
    const files: Record<string, string> = {
      'svc/Dockerfile': 'FROM node:20-slim\nWORKDIR /app\nCOPY server.js .\nUSER node\nCMD ["node", "server.js"]\n',
      'svc/server.js': 'require("express")().listen(8080)\n',
      'svc/notes.txt': 'notes\n',
      'svc/package.json': '{ "dependencies": { "express": "4.19.2" } }\n',
      'shared.txt': 'above the context\n',
      'web/Dockerfile': 'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\n',
      'web/index.html': '<p>hi</p>\n',
    };
    write(dir, files);
    const ws = new Workspace(dir, true);
    const open = { 'svc/Dockerfile': files['svc/Dockerfile']!, 'web/Dockerfile': files['web/Dockerfile']! };
    let version = 1;
    const lsp = async () => {
      version++;
      const docs = Object.entries(open).map(([name, text]): OpenDoc => ({ uri: `file://${join(dir, name)}`, path: join(dir, name), languageId: 'dockerfile', version, text }));
      return rows(await checkWorkspace(ws, docs, NO_SETTINGS, () => false));
    };
    const check = async (): Promise<Row[]> => {
      const copy = mkdtempSync(join(tmpdir(), 'slipway-lsp-keystroke-check-'));
      try {
        cpSync(dir, copy, { recursive: true });
        write(copy, open);
        let out = '';
        const io = { cwd: copy, stdout: (s: string) => (out += s), stderr: () => {}, isTTY: false, env: {}, readStdin: async () => '' };
        await runCheck(['.', '--format', 'json', '--failure-threshold', 'none', '--ignore', 'shellcheck'], io);
        return sorted((JSON.parse(out) as { findings: Parameters<typeof row>[0][] }).findings.filter((f) => f.file in open).map(row));
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    };
    const step = async (what: string): Promise<Row[]> => {
      const got = await lsp();
      assert.deepEqual(got, await check(), what);
      return got;
    };
    const has = (r: Row[], rule: string) => r.some((x) => x[0] === 'svc/Dockerfile' && x[1] === rule);
    const sharedMissing = (r: Row[]) => r.some((x) => x[1] === 'copy-source-missing' && x[5].includes("'shared.txt'"));
    const type = (line: string) => (open['svc/Dockerfile'] = open['svc/Dockerfile'].replace('USER node\n', `${line}\nUSER node\n`));

    await step('first check');
    // ADD of a plain file: what the source is (file or archive) is read for the new text.
    type('ADD notes.txt /app/');
    assert.ok(has(await step('ADD typed'), 'copy-not-add'));
    // A source missing from the context but present above it: the folders above are looked at for it.
    type('COPY shared.txt .');
    assert.ok(sharedMissing(await step('COPY of a source above the context typed')));
    // The app manifest it copies (an express app) is read for what the image is for.
    type('COPY package.json .');
    await step('COPY package.json typed');
    open['web/Dockerfile'] = `${files['web/Dockerfile']}# typing\n`;
    await step('a keystroke in the other Dockerfile');

    // A Makefile appears that builds svc/Dockerfile with the project root as context (shared.txt is then there).
    // A keystroke does not look at the disk again: the finding stays until the editor says the disk changed.
    writeFileSync(join(dir, 'Makefile'), 'image:\n\tdocker build -f svc/Dockerfile -t app .\n');
    type('# typing');
    assert.ok(sharedMissing(await lsp()), 'a keystroke read the disk again');
    ws.invalidate();
    assert.ok(!sharedMissing(await step('the disk changed (watched-file event)')));
    type('# more typing');
    assert.ok(!sharedMissing(await step('a keystroke after the disk change')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
