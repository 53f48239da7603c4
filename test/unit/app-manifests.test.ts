import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCheck } from '../../src/cli/commands/check.js';
import { appManifestsFor, goModRequires, packageJsonDependencies } from '../../src/project/app-manifests.js';
import { diskFacts } from '../../src/project/disk-facts.js';

test('package.json: the names under dependencies, not devDependencies; null for what is not an object', () => {
  assert.deepEqual(packageJsonDependencies('{"dependencies":{"express":"^4","@nestjs/core":"10"},"devDependencies":{"jest":"29"}}'), ['express', '@nestjs/core']);
  assert.deepEqual(packageJsonDependencies('{"name":"x"}'), []);
  assert.equal(packageJsonDependencies('[1]'), null);
  assert.equal(packageJsonDependencies('{not json'), null);
  assert.deepEqual(packageJsonDependencies('{"dependencies":["express"]}'), []);
});

test('go.mod: direct requires in lines and blocks, not // indirect, comments dropped', () => {
  const mod = [
    'module github.com/evrone/go-clean-template',
    '',
    'go 1.24',
    '',
    'require github.com/spf13/cobra v1.8.0 // a CLI',
    'require (',
    '\tgithub.com/gofiber/fiber/v2 v2.52.5',
    '\t"github.com/rabbitmq/amqp091-go" v1.10.0',
    '\tgolang.org/x/sys v0.20.0 // indirect',
    ')',
  ].join('\n');
  assert.deepEqual(goModRequires(mod), ['github.com/spf13/cobra', 'github.com/gofiber/fiber/v2', 'github.com/rabbitmq/amqp091-go']);
});

test('the nearest manifest wins, from the Dockerfile folder up to the root; unreadable ones count as absent', () => {
  const ok = (text: string) => ({ ok: true as const, text });
  const disk = diskFacts({
    buildScripts: { '/r/package.json': ok('{"dependencies":{"next":"15"}}'), '/r/svc/api/package.json': ok('{"dependencies":{"fastify":"5"}}') },
    goMods: { '/r/go.mod': ok('module x\nrequire github.com/gin-gonic/gin v1.10.0\n'), '/r/svc/go.mod': { ok: false, code: 'too-large', message: 'too large' } },
  });
  assert.deepEqual(appManifestsFor(disk, '/r/svc/api', '/r'), { node: ['fastify'], nodeSource: 'package.json', go: ['github.com/gin-gonic/gin'], goSource: '../../go.mod' });
  assert.deepEqual(appManifestsFor(disk, '/r/web', '/r').nodeSource, '../package.json');
  // A folder outside the root reads nothing.
  assert.deepEqual(appManifestsFor(disk, '/elsewhere', '/r'), { node: [], nodeSource: null, go: [], goSource: null });
});

async function check(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-purpose-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    let out = '';
    const code = await runCheck(['.', '--format', 'json', '--failure-threshold', 'none'], {
      cwd: dir,
      stdout: (s) => (out += s),
      stderr: () => {},
      isTTY: false,
      env: {},
      readStdin: async () => '',
    });
    assert.equal(code, 0);
    return (JSON.parse(out) as { findings: { rule: string; severity: string; message: string; file: string }[] }).findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('check reads package.json and go.mod from disk: an image that serves without EXPOSE is judged a service', async () => {
  const findings = await check({
    'web/package.json': '{"dependencies":{"express":"^4.21.0"}}',
    'web/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json .\nRUN npm install --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "index.js"]\n',
    'api/go.mod': 'module example.com/api\n\ngo 1.23\n\nrequire github.com/labstack/echo/v4 v4.12.0\n',
    'api/Dockerfile': 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /api .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /api /api\nENTRYPOINT ["/api"]\n',
    'jobs/go.mod': 'module example.com/jobs\n\ngo 1.23\n\nrequire github.com/spf13/cobra v1.8.0\n',
    'jobs/Dockerfile': 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /jobs .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /jobs /jobs\nENTRYPOINT ["/jobs"]\n',
  });
  const health = (file: string) => findings.find((f) => f.rule === 'healthcheck-missing' && f.file === file);
  assert.equal(health('web/Dockerfile')?.severity, 'warning', health('web/Dockerfile')?.message);
  assert.match(health('web/Dockerfile')!.message, /CMD node index\.js and package\.json depends on express: a service, though it has no EXPOSE/);
  assert.equal(health('api/Dockerfile')?.severity, 'warning', health('api/Dockerfile')?.message);
  assert.match(health('api/Dockerfile')!.message, /ENTRYPOINT api, built with go, and go\.mod requires github\.com\/labstack\/echo\/v4/);
  assert.equal(health('jobs/Dockerfile')?.severity, 'info', health('jobs/Dockerfile')?.message);
});

test('the manifest the Dockerfile copies decides, not the nearest one up the tree (a monorepo root declaring next)', async () => {
  const findings = await check({
    // The root's Next.js app: the nearest package.json above both workers.
    'package.json': '{"dependencies":{"next":"15","react":"19"}}',
    // A worker with its own folder as context and no package.json of its own: it copies only its script.
    'workers/mailer/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY mailer.js .\nRUN npm install nodemailer\nUSER node\nCMD ["node", "mailer.js"]\n',
    'workers/mailer/mailer.js': 'console.log(1)\n',
    // An API built from the root (compose says so) that copies services/api/package.json: express there makes it a service.
    'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n',
    'services/api/package.json': '{"dependencies":{"express":"^4.21.0"}}',
    'services/api/index.js': 'require("express")\n',
    'services/api/Dockerfile': 'FROM node:22-slim\nWORKDIR /app\nCOPY services/api/package.json .\nRUN npm install --omit=dev\nCOPY services/api/index.js .\nUSER node\nCMD ["node", "index.js"]\n',
  });
  const health = (file: string) => findings.find((f) => f.rule === 'healthcheck-missing' && f.file === file);
  assert.equal(health('workers/mailer/Dockerfile')?.severity, 'info', health('workers/mailer/Dockerfile')?.message);
  assert.doesNotMatch(health('workers/mailer/Dockerfile')!.message, /next/);
  assert.equal(health('services/api/Dockerfile')?.severity, 'warning', health('services/api/Dockerfile')?.message);
  assert.match(health('services/api/Dockerfile')!.message, /CMD node index\.js and package\.json depends on express/);
});
