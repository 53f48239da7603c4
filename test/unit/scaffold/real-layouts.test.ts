// `slipway init --yes` on small projects shaped like the field report's classes (issue 11): each one is
// written to disk (in a real git repository where the class needs one), init runs as a user would, and
// the generated files are read back: what CMD runs exists or is built and checked, servers are installed,
// lock files used, the workflow sits at the git root on the default branch, and `slipway check` passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { runInit } from '../../../src/cli/commands/init.js';
import { assertCheckClean, writeFiles } from './check-clean.js';

const roots: string[] = [];
after(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
}

/** A project on disk; `repo`: a git repository (branch, remote) around it, the project in `sub`. */
async function project(files: Record<string, string>, repo?: { branch?: string; remote?: string; sub?: string }): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'slipway-layouts-'));
  roots.push(root);
  const dir = repo?.sub ? join(root, repo.sub) : root;
  await mkdir(dir, { recursive: true });
  await writeFiles(dir, Object.entries(files));
  if (repo) {
    execFileSync('git', ['init', '-q', '-b', repo.branch ?? 'main', root]);
    if (repo.remote) git(root, 'remote', 'add', 'origin', repo.remote);
  }
  return { root, dir };
}

async function init(dir: string, args: string[] = []) {
  let stdout = '';
  let stderr = '';
  const code = await runInit(['--yes', ...args], { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  const read = async (p: string) => readFile(join(dir, p), 'utf8');
  return { code, stdout, stderr, read };
}

function cmdOf(dockerfile: string): string[] {
  const line = dockerfile.split('\n').filter((l) => l.startsWith('CMD ')).at(-1)!;
  return JSON.parse(line.slice(4)) as string[];
}

describe('init on real layouts (issue 11 classes)', () => {
  it('factory Flask: gunicorn calls create_app(), and is installed though not listed', async () => {
    const { dir } = await project({
      'requirements.txt': 'flask>=3\n',
      'shop/__init__.py': 'from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    return app\n',
      'tests/test_app.py': 'from shop import create_app\napp = create_app()\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.deepEqual(cmdOf(df).slice(0, 1), ['gunicorn']);
    assert.equal(cmdOf(df).at(-1), 'shop:create_app()');
    assert.match(df, /RUN pip install -r requirements\.txt \\\n && pip install "gunicorn>=21"/);
    assert.match(r.stdout, /gunicorn is not among the dependencies: the image installs it/);
    await assertCheckClean(dir);
  });

  it('package-layout FastAPI with extras: app.main:app from get_application(); fastapi[standard] brings uvicorn', async () => {
    const { dir } = await project({
      'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.11"\ndependencies = ["fastapi[standard]>=0.110", "sqlmodel>=0.0.16"]\n',
      'app/__init__.py': '',
      'app/main.py': 'from fastapi import FastAPI\n\ndef get_application() -> FastAPI:\n    application = FastAPI()\n    return application\n\napp = get_application()\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.deepEqual(cmdOf(df).slice(0, 2), ['uvicorn', 'app.main:app']);
    assert.doesNotMatch(df, /pip install "uvicorn/);
    assert.match(df, /^ARG BASE_IMAGE=python:3\.11-slim$/m);
    await assertCheckClean(dir);
  });

  it('src-layout uv: the project itself is installed (uv sync --frozen --no-editable), uv stays in the builder', async () => {
    const { dir } = await project({
      'pyproject.toml': '[project]\nname = "svc"\nrequires-python = ">=3.12"\ndependencies = ["fastapi>=0.110", "uvicorn>=0.29"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
      'uv.lock': 'version = 1\n',
      'src/svc/__init__.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.deepEqual(cmdOf(df).slice(0, 2), ['uvicorn', 'svc:app']);
    assert.match(df, /uv sync --frozen --no-dev --no-install-project/);
    assert.match(df, /COPY \. \.\nRUN UV_PROJECT_ENVIRONMENT=\/opt\/venv \/opt\/tools\/bin\/uv sync --frozen --no-dev --no-editable/);
    const runtime = df.slice(df.indexOf('AS runtime'));
    assert.doesNotMatch(runtime, /\/opt\/tools/, 'uv does not ship');
    await assertCheckClean(dir);
  });

  it('Poetry: installs main dependencies from the lock into /opt/venv; Poetry does not ship', async () => {
    const { dir } = await project({
      'pyproject.toml': '[tool.poetry]\nname = "realworld"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nfastapi = "^0.110"\nuvicorn = "^0.29"\n',
      'poetry.lock': '[[package]]\nname = "fastapi"\nversion = "0.110.0"\n',
      'app/main.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.match(df, /COPY pyproject\.toml poetry\.lock \.\//);
    assert.match(df, /\/opt\/tools\/bin\/poetry install --only main --no-root/);
    assert.match(df, /^ARG BASE_IMAGE=python:3\.10-slim$/m);
    assert.doesNotMatch(df.slice(df.indexOf('AS runtime')), /poetry/);
    await assertCheckClean(dir);
  });

  it('TypeScript Express with outDir: builds, checks that build/server.js exists, runs it; the port comes from PORT', async () => {
    const { dir } = await project({
      'package.json': JSON.stringify({ name: 'api', scripts: { build: 'tsc -p .', start: 'node build/server.js', dev: 'tsx watch src/server.ts' }, dependencies: { express: '^4' }, devDependencies: { typescript: '^5' } }),
      'package-lock.json': '{"lockfileVersion": 3}',
      'tsconfig.json': '{ "compilerOptions": { "outDir": "./build", "rootDir": "src" } }',
      'src/server.ts': "import express from 'express';\nconst app = express();\nconst port = process.env.PORT || 4000;\napp.listen(port);\n",
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.deepEqual(cmdOf(df), ['node', 'build/server.js']);
    assert.match(df, /RUN npm run build \\\n && \{ test -f build\/server\.js \|\|/);
    assert.match(df, /RUN npm ci && npm cache clean --force/);
    assert.match(df, /PORT=4000/);
    await assertCheckClean(dir);
  });

  it('NestJS: start:prod runs dist/main after `nest build`; dev runs start:dev', async () => {
    const { dir } = await project({
      'package.json': JSON.stringify({
        name: 'nest-app',
        scripts: { build: 'nest build', start: 'nest start', 'start:dev': 'nest start --watch', 'start:prod': 'node dist/main' },
        dependencies: { '@nestjs/core': '^10', '@nestjs/common': '^10' },
        devDependencies: { '@nestjs/cli': '^10', typescript: '^5' },
        engines: { node: '>=20' },
      }),
      'package-lock.json': '{"lockfileVersion": 3}',
      'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist" } }',
      'src/main.ts': 'async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.deepEqual(cmdOf(df), ['node', 'dist/main']);
    assert.match(df, /test -f dist\/main\.js/);
    assert.match(df, /^ARG BASE_IMAGE=node:22-slim$/m, 'engines >=20 rounded up to a supported LTS');
    const override = parseYaml(await r.read('docker-compose.override.yml')) as { services: { app: { command: string[] } } };
    assert.deepEqual(override.services.app.command, ['npm', 'run', 'start:dev']);
    await assertCheckClean(dir);
  });

  it('Next.js standalone: ships .next/standalone, static and public; runs server.js', async () => {
    const { dir } = await project({
      'package.json': JSON.stringify({ name: 'site', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '15', react: '19' } }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'next.config.js': "module.exports = { output: 'standalone' };\n",
      'public/favicon.ico': '',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.match(df, /pnpm install --frozen-lockfile/);
    assert.match(df, /COPY --from=build \/app\/\.next\/standalone \.\//);
    assert.match(df, /COPY --from=build \/app\/public \.\/public/);
    assert.deepEqual(cmdOf(df), ['node', 'server.js']);
    await assertCheckClean(dir);
  });

  it('Go with cmd/* and config/: builds the main package named like the module, copies config/, golang:1.18 without -bookworm', async () => {
    const { dir } = await project({
      'go.mod': 'module example.com/acme/api\n\ngo 1.18\n',
      'go.sum': '',
      'cmd/api/main.go': 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8081", nil) }\n',
      'cmd/migrate/main.go': 'package main\n\nfunc main() {}\n',
      'config/local.yml': 'dsn: x\n',
      'internal/config/config.go': 'package config\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.match(df, /^ARG BUILD_IMAGE=golang:1\.18$/m);
    assert.match(df, /go build -trimpath -ldflags="-s -w" -o \/out\/app \.\/cmd\/api$/m);
    assert.match(df, /COPY --from=build \/src\/config \/app\/config/);
    assert.match(df, /EXPOSE 8081/);
    assert.match(r.stdout, /several main packages \(\.\/cmd\/api, \.\/cmd\/migrate\)/);
    await assertCheckClean(dir);
  });

  it('Go with sqlite: a cgo build on a glibc runtime', async () => {
    const { dir } = await project({
      'go.mod': 'module example.com/blog\n\ngo 1.22\n\nrequire github.com/mattn/go-sqlite3 v1.14.22 // indirect\n',
      'main.go': 'package main\n\nimport (\n\t"os"\n\t"github.com/gin-gonic/gin"\n\t_ "gorm.io/driver/sqlite"\n)\n\nfunc main() { _ = os.Getenv("DATABASE_URL"); r := gin.Default(); r.Run() }\n',
      'config/config.go': 'package config\n\ntype C struct {\n\tKey string `env:"JWT_KEY,required"`\n}\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const df = await r.read('Dockerfile');
    assert.match(df, /CGO_ENABLED=1 go build/);
    assert.match(df, /^ARG BASE_IMAGE=gcr\.io\/distroless\/base-debian12:nonroot$/m);
    assert.match(df, /^ARG BUILD_IMAGE=golang:1\.22-bookworm$/m);
    assert.match(df, /ENV PORT=8080/);
    // The variables the code reads are in .env.example (the port is set by the image).
    const env = await r.read('.env.example');
    assert.match(env, /^DATABASE_URL=$/m);
    assert.match(env, /JWT_KEY: read by the app \(required: it does not start without it\)\nJWT_KEY=$/m);
    assert.doesNotMatch(env, /^PORT=/m);
  });

  it('a project in a monorepo subfolder: workflow at the git root, subfolder as context, its own image', async () => {
    const { root, dir } = await project(
      { 'requirements.txt': 'fastapi\nuvicorn\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' },
      { remote: 'git@github.com:Acme/Platform.git', sub: 'services/api' },
    );
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!existsSync(join(dir, '.github')), 'no workflow where GitHub never reads it');
    const wf = parseYaml(await readFile(join(root, '.github/workflows/docker-services-api.yml'), 'utf8')) as any;
    const push = wf.jobs.build.steps.find((s: { uses?: string }) => s.uses?.startsWith('docker/build-push-action'));
    assert.equal(push.with.context, 'services/api');
    assert.deepEqual(wf.on.push.paths, ['services/api/**', '.github/workflows/docker-services-api.yml']);
    assert.match(await r.read('docker-compose.yml'), /image: ghcr\.io\/acme\/platform\/services-api:/);
    await assertCheckClean(dir);
  });

  it('a `master` repository: the workflow builds and deploys from master', async () => {
    const { dir } = await project(
      { 'package.json': JSON.stringify({ name: 'web', scripts: { start: 'node server.js' }, dependencies: { express: '4' } }), 'server.js': 'app.listen(8080)\n' },
      { branch: 'master', remote: 'https://github.com/acme/web.git' },
    );
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const text = await r.read('.github/workflows/docker.yml');
    const wf = parseYaml(text) as any;
    assert.deepEqual(wf.on.push.branches, ['master']);
    assert.match(wf.jobs.deploy.if, /refs\/heads\/master/);
    assert.doesNotMatch(text, /\bmain\b/);
  });

  it('a project that keeps its own Dockerfile: the override fits its stages, never a target it lacks', async () => {
    const own = 'FROM python:3.12-slim AS base\nWORKDIR /app\nCOPY . .\n\nFROM base AS production\nCMD ["python", "app.py"]\n';
    const { dir } = await project({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', Dockerfile: own });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await r.read('Dockerfile'), own, 'kept');
    assert.match(r.stdout, /keep\s+Dockerfile/);
    const override = parseYaml(await r.read('docker-compose.override.yml')) as { services: { app: Record<string, unknown> } };
    assert.equal(override.services.app['build'], '.');
    assert.equal(override.services.app['command'], undefined, 'its own CMD runs');
    // With a dev stage, the override targets it.
    const { dir: dir2 } = await project({ 'requirements.txt': 'flask\ngunicorn\n', 'app.py': 'from flask import Flask\napp = Flask(__name__)\n', Dockerfile: own.replace('AS base', 'AS development') .replace('FROM base', 'FROM development') });
    const r2 = await init(dir2);
    const o2 = parseYaml(await r2.read('docker-compose.override.yml')) as { services: { app: { build: { target: string } } } };
    assert.equal(o2.services.app.build.target, 'development');
  });

  it('Django: the settings\' own variable names, SQLite in the app folder made writable, database offered', async () => {
    const { dir } = await project({
      'requirements.txt': 'Django==4.2\npsycopg2-binary\n',
      'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n",
      'site1/settings.py': 'SECRET_KEY = os.environ["SECRET_KEY"]\nDEBUG = os.environ.get("DEBUG", "0") == "1"\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\n',
      'site1/wsgi.py': 'application = get_wsgi_application()\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    const env = await r.read('.env.example');
    assert.match(env, /^SECRET_KEY=$/m);
    assert.match(env, /^DEBUG=$/m);
    assert.doesNotMatch(env, /DJANGO_SECRET_KEY|DJANGO_DEBUG/);
    const df = await r.read('Dockerfile');
    assert.equal(cmdOf(df).at(-1), 'site1.wsgi:application');
    assert.match(df, /chown 1001:1001 \/app \/app\/data/);
    assert.match(df, /python:3\.12-slim/, 'Django 4.2 supports 3.12');
    assert.match(await r.read('docker-compose.yml'), /# postgres:\n\s+#\s+image: postgres:17/);
    await assertCheckClean(dir);
  });

  it('a folder the app writes to (logs/) is owned by the app user; **/.env never enters the context', async () => {
    const { dir } = await project({
      'package.json': JSON.stringify({ name: 'todo', scripts: { start: 'node server.js' }, dependencies: { express: '4', mongoose: '6' } }),
      'server.js': "app.listen(3000, () => {});\n",
      'logs/.gitkeep': '',
      'prisma/.env': 'DATABASE_URL=postgres://u:p@db/x\n',
    });
    const r = await init(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(await r.read('Dockerfile'), /mkdir -p \/app\/data \/app\/logs && chown 1001:1001 \/app\/data \/app\/logs/);
    assert.match(await r.read('.dockerignore'), /^\*\*\/\.env$/m);
    assert.match(await r.read('docker-compose.yml'), /# mongo:/);
  });
});

describe('init stops when it is not sure (never a CMD that cannot start)', () => {
  it('no app found: exit 2 naming --entry and --command; nothing written', async () => {
    const { dir } = await project({ 'requirements.txt': 'flask\n', 'helpers.py': 'x = 1\n' });
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not sure what to run: no `app = Flask\(\.\.\.\)`.*--entry MODULE:APP.*--command/s);
    assert.ok(!existsSync(join(dir, 'Dockerfile')));
  });
  it('a start script that runs a file nothing builds: exit 2', async () => {
    const { dir } = await project({ 'package.json': JSON.stringify({ name: 'x', scripts: { start: 'node index.js' }, dependencies: { express: '4' } }) });
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /index\.js, which is not in the project and no build script makes it/);
  });
  it('no port in the source: exit 2 naming --port; --port settles it', async () => {
    const { dir } = await project({ 'package.json': JSON.stringify({ name: 'x', main: 'server.js', dependencies: { express: '4' } }), 'server.js': 'app.listen(config.port)\n' });
    const r = await init(dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not sure of the port.*--port N/);
    assert.equal((await init(dir, ['--port', '7000'])).code, 0);
  });
  it('--command sets the production command as given', async () => {
    const { dir } = await project({ 'requirements.txt': 'flask\n', 'helpers.py': 'x = 1\n' });
    const r = await init(dir, ['--command', 'gunicorn -b 0.0.0.0:8000 "helpers:make()"', '--port', '8000']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(cmdOf(await r.read('Dockerfile')), ['gunicorn', '-b', '0.0.0.0:8000', 'helpers:make()']);
  });
});
