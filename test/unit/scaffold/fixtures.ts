// Small projects for the scaffold tests: one per stack × framework.

import type { ProjectInput } from '../../../src/scaffold/detect.js';

export function project(files: Record<string, string>, extraNames: string[] = [], dirName = 'demo'): ProjectInput {
  return { dirName, names: [...Object.keys(files), ...extraNames].sort(), files };
}

export const PROJECTS: Record<string, { input: ProjectInput; expect: Record<string, unknown> }> = {
  fastapi: {
    input: project({
      'requirements.txt': 'fastapi==0.110.0\nuvicorn[standard]>=0.29\n',
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      '.python-version': '3.11.7\n',
    }),
    expect: { language: 'python', framework: 'fastapi', packageManager: 'pip', entry: 'main:app', port: 8000, version: '3.11' },
  },
  flask: {
    input: project(
      {
        'pyproject.toml': '[tool.poetry]\nname = "Shop-Web"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nflask = "^3.0"\ngunicorn = "*"\nnumpy = "^1.26"\n',
        'app.py': 'from flask import Flask\nserver = Flask(__name__)\n',
      },
      ['poetry.lock'],
    ),
    expect: {
      language: 'python', framework: 'flask', packageManager: 'poetry', entry: 'app:server', port: 8000, version: '3.10',
      name: 'shop-web', nativeDeps: ['numpy'], manifests: ['pyproject.toml', 'poetry.lock'],
    },
  },
  django: {
    input: project({
      'requirements.txt': 'Django>=5.0\ngunicorn\npsycopg2\n',
      'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'mysite/settings.py': "STATIC_ROOT = BASE_DIR / 'staticfiles'\n",
      'mysite/wsgi.py': 'application = get_wsgi_application()\n',
      'runtime.txt': 'python-3.12.2\n',
    }),
    expect: { language: 'python', framework: 'django', entry: 'mysite.wsgi:application', port: 8000, version: '3.12', djangoStaticRoot: true, nativeDeps: ['psycopg2'] },
  },
  'python-plain': {
    input: project({
      'requirements.txt': '# no dependencies\n',
      'server.py': "from http.server import HTTPServer\nif __name__ == '__main__':\n    HTTPServer(('', 8081), H).serve_forever()\n",
    }),
    expect: { language: 'python', framework: 'none', entry: 'server.py', port: 8081, unknown: [] },
  },
  'python-uv': {
    input: project({ 'pyproject.toml': '[project]\nname = "api"\nrequires-python = ">=3.12"\ndependencies = ["starlette>=0.37", "uvicorn"]\n', 'app.py': 'app = Starlette()\n' }, ['uv.lock']),
    expect: { language: 'python', framework: 'starlette', packageManager: 'uv', entry: 'app:app', version: '3.12', manifests: ['pyproject.toml', 'uv.lock'] },
  },
  express: {
    input: project(
      {
        'package.json': JSON.stringify({ name: '@acme/web', scripts: { start: 'node server.js' }, dependencies: { express: '^4' }, engines: { node: '>=20' } }),
        'server.js': "const port = process.env.PORT || 4000;\napp.listen(port);\n",
      },
      ['package-lock.json'],
    ),
    expect: { language: 'node', framework: 'express', packageManager: 'npm', entry: 'server.js', port: 4000, version: '22', name: 'web', manifests: ['package.json', 'package-lock.json'] },
  },
  fastify: {
    input: project(
      {
        'package.json': JSON.stringify({ name: 'api', main: 'index.js', dependencies: { fastify: '^4' } }),
        'index.js': "fastify.listen({ port: 3001, host: '0.0.0.0' })\n",
        '.nvmrc': 'v18.19.0\n',
      },
      ['yarn.lock'],
    ),
    expect: { language: 'node', framework: 'fastify', packageManager: 'yarn', entry: 'index.js', port: 3001, version: '18' },
  },
  nestjs: {
    input: project(
      {
        'package.json': JSON.stringify({ name: 'svc', scripts: { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' }, dependencies: { '@nestjs/core': '^10', bcrypt: '^5' } }),
        'src/main.ts': 'await app.listen(3000);\n',
      },
      ['pnpm-lock.yaml'],
    ),
    expect: { language: 'node', framework: 'nestjs', packageManager: 'pnpm', entry: 'dist/main.js', port: 3000, nativeDeps: ['bcrypt'] },
  },
  nextjs: {
    input: project(
      { 'package.json': JSON.stringify({ name: 'site', scripts: { dev: 'next dev', build: 'next build', start: 'next start' }, dependencies: { next: '14', react: '18' } }) },
      ['package-lock.json'],
    ),
    expect: { language: 'node', framework: 'nextjs', entry: 'next', port: 3000 },
  },
  'node-plain': {
    input: project({ 'package.json': JSON.stringify({ name: 'hello', scripts: { start: 'node index.js' } }), 'index.js': "http.createServer(h).listen(8080, '0.0.0.0');\n" }),
    expect: { language: 'node', framework: 'none', entry: 'index.js', port: 8080, manifests: ['package.json'] },
  },
  go: {
    input: project(
      {
        'go.mod': 'module github.com/acme/inventory\n\ngo 1.22.3\n',
        'cmd/inventory/main.go': 'package main\n\nfunc main() { http.ListenAndServe(":9090", nil) }\n',
      },
      ['go.sum'],
    ),
    expect: { language: 'go', packageManager: 'go', entry: './cmd/inventory', port: 9090, version: '1.22', name: 'inventory', manifests: ['go.mod', 'go.sum'] },
  },
};
