import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { detect } from '../../../src/scaffold/detect.js';
import { gitignoreAdditions, render } from '../../../src/scaffold/render.js';
import { assertCheckClean, writeFiles } from './check-clean.js';
import { PROJECTS } from './fixtures.js';

const require = createRequire(import.meta.url);
const dockerignore = require('@balena/dockerignore') as () => { add(p: string[]): { ignores(p: string): boolean } };

const OPTIONS = { registry: 'ghcr.io', image: 'acme/shop' };

function renderFor(name: string, extra: Partial<Parameters<typeof render>[1]> = {}) {
  const stack = detect(PROJECTS[name]!.input);
  return { stack, files: render(stack, { ...OPTIONS, ...extra }) };
}

/** Dockerfile instructions with continuation lines joined, comments dropped. */
function instructions(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function stages(dockerfile: string): string[][] {
  const out: string[][] = [];
  for (const i of instructions(dockerfile)) {
    if (/^FROM\b/.test(i)) out.push([]);
    out[out.length - 1]?.push(i);
  }
  return out;
}

describe('render: Dockerfile properties for every stack × framework', () => {
  for (const name of Object.keys(PROJECTS)) {
    it(name, () => {
      const { stack, files } = renderFor(name);
      const df = files.get('Dockerfile')!;
      const all = instructions(df);
      const runtime = stages(df).at(-1)!;
      // Base image overridable through an ARG before the first FROM.
      assert.match(all[0]!, /^ARG (BUILD_IMAGE|BASE_IMAGE)=/);
      assert.ok(all.some((i) => /^ARG BASE_IMAGE=/.test(i)));
      const fromBase = stages(df).find((st) => st[0]!.startsWith('FROM ${BASE_IMAGE}'))!;
      assert.ok(fromBase, 'a stage uses the ARG');
      const alias = / AS (\S+)$/.exec(fromBase[0]!)?.[1];
      assert.ok(runtime[0]!.startsWith('FROM ${BASE_IMAGE}') || runtime[0] === `FROM ${alias} AS runtime`, 'the runtime stage uses the ARG');
      // Multi-stage; -slim (or distroless for Go's runtime), pinned major(.minor) from the declared version.
      assert.ok(stages(df).length >= 2);
      const base = /^ARG BASE_IMAGE=(\S+)/m.exec(df)![1]!;
      if (stack.language === 'go') assert.match(/^ARG BUILD_IMAGE=(\S+)/m.exec(df)![1]!, new RegExp(`^golang:${stack.version}-`));
      else assert.equal(base, `${stack.language}:${stack.version ?? (stack.language === 'python' ? '3.12' : '22')}-slim`);
      // Non-root, fixed UID/GID 1001, as the last USER of the runtime stage.
      assert.equal(runtime.filter((i) => i.startsWith('USER ')).at(-1), 'USER 1001:1001');
      if (stack.language !== 'go') assert.ok(runtime.some((i) => /groupadd .*--gid 1001 .*useradd .*--uid 1001/.test(i)));
      // HEALTHCHECK in exec form, without curl or wget.
      const hc = runtime.find((i) => i.startsWith('HEALTHCHECK'))!;
      assert.ok(hc, 'HEALTHCHECK present');
      assert.match(hc, /CMD \[/);
      assert.doesNotMatch(all.join('\n'), /\bcurl\b|\bwget\b/);
      assert.ok(hc.includes(`:${stack.port}/`) || hc.includes(`'127.0.0.1', ${stack.port},`), 'probes the app port');
      // Exec-form CMD, last instruction.
      assert.match(runtime.at(-1)!, /^CMD \[".*"\]$/);
      JSON.parse(runtime.at(-1)!.slice(4));
      // Dependencies before the source: every manifest COPY comes before `COPY . .` in its stage.
      for (const st of stages(df)) {
        const src = st.findIndex((i) => i === 'COPY . .');
        const dep = st.findIndex((i) => stack.manifests.length > 0 && i.startsWith(`COPY ${stack.manifests[0]}`));
        if (src >= 0 && dep >= 0) assert.ok(dep < src, 'manifest before source');
      }
      assert.ok(all.some((i) => i.startsWith(`COPY ${stack.manifests.join(' ')} `)), 'manifests copied by name');
      // Python: the venv in /opt/venv is copied into the runtime, never pip --user into /root.
      if (stack.language === 'python') {
        assert.ok(runtime.includes('COPY --from=builder /opt/venv /opt/venv'));
        assert.doesNotMatch(df, /--user|\/root\/\.local/);
      }
      // No secrets.
      assert.doesNotMatch(df, /(PASSWORD|SECRET|TOKEN|API_KEY)\s*=/i);
    });
  }
  it('Django runs collectstatic when STATIC_ROOT is set; gunicorn serves the WSGI app', () => {
    const df = renderFor('django').files.get('Dockerfile')!;
    assert.match(df, /RUN python manage.py collectstatic --noinput \\\n && mkdir -p \/app\/data/);
    assert.match(df, /"mysite\.wsgi:application"/);
    assert.match(df, /libpq-dev/);
  });
  it('Next.js and NestJS build in a stage and prune dev dependencies', () => {
    assert.match(renderFor('nextjs').files.get('Dockerfile')!, /RUN npm run build \\\n && npm prune --omit=dev/);
    assert.match(renderFor('nestjs').files.get('Dockerfile')!, /pnpm run build \\\n && \{ test -f dist\/main\.js \|\| .*\n && pnpm prune --prod/);
  });
  it('--base-image replaces the default', () => {
    const df = renderFor('fastapi', { baseImage: 'mirror.local/python:3.11-slim' }).files.get('Dockerfile')!;
    assert.match(df, /^ARG BASE_IMAGE=mirror\.local\/python:3\.11-slim$/m);
  });
});

describe('render: compose, .env.example, .dockerignore', () => {
  for (const name of Object.keys(PROJECTS)) {
    it(name, () => {
      const { stack, files } = renderFor(name);
      const compose = files.get('docker-compose.yml')!;
      const prod = parseYaml(compose) as { services: Record<string, Record<string, unknown>> };
      const app = prod.services['app']!;
      assert.equal(app['build'], undefined, 'no build: in production');
      assert.equal(app['image'], 'ghcr.io/acme/shop:${TAG:-latest}');
      assert.equal(app['restart'], 'unless-stopped');
      assert.deepEqual(app['env_file'], ['.env']);
      assert.deepEqual(app['volumes'], ['./data:/app/data']);
      assert.ok((app['ports'] as string[])[0]!.endsWith(`:${stack.port}`));
      const dev = parseYaml(files.get('docker-compose.override.yml')!) as { services: Record<string, Record<string, unknown>> };
      assert.ok(dev.services['app']!['build'], 'override builds');
      assert.ok(Array.isArray(dev.services['app']!['command']));
      // Every ${VAR} in the compose files is in .env.example.
      const env = files.get('.env.example')!;
      const defined = new Set([...env.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
      for (const text of [compose, files.get('docker-compose.override.yml')!]) {
        for (const m of text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)) assert.ok(defined.has(m[1]!), `${m[1]} in .env.example`);
      }
      // .dockerignore excludes .env and .git but never a file the Dockerfile copies.
      const ig = dockerignore().add(files.get('.dockerignore')!.split('\n').filter((l) => l && !l.startsWith('#')));
      assert.ok(ig.ignores('.env') && ig.ignores('.git') && ig.ignores('node_modules') && ig.ignores('docs.md'));
      const df = files.get('Dockerfile')!;
      for (const m of df.matchAll(/^COPY (?!--from)(.+) \.\/$/gm)) {
        for (const p of m[1]!.split(/\s+/)) assert.ok(!ig.ignores(p), `${p} is copied and must not be ignored`);
      }
      // A source entry is sent to the builder; a built one (dist/) is made there.
      if (stack.entry && /\.(py|js)$/.test(stack.entry) && !stack.node?.built) assert.ok(!ig.ignores(stack.entry));
    });
  }
  it('re-includes a copied file that a pattern would exclude', () => {
    const stack = { ...detect(PROJECTS['python-plain']!.input), entry: 'tests/server.py' };
    const text = render(stack, OPTIONS).get('.dockerignore')!;
    assert.match(text, /^!tests\/server\.py$/m);
  });
});

describe('render: workflow', () => {
  it('builds and pushes to GHCR with latest, sha-<7> and semver tags, gha cache, least permissions, SSH deploy', () => {
    const wf = parseYaml(renderFor('fastapi').files.get('.github/workflows/docker.yml')!) as any;
    assert.deepEqual(wf.on.push.branches, ['main']);
    assert.deepEqual(wf.jobs.build.permissions, { contents: 'read', packages: 'write' });
    const steps = wf.jobs.build.steps as Array<{ uses?: string; with?: Record<string, string> }>;
    const meta = steps.find((s) => s.uses?.startsWith('docker/metadata-action'))!;
    assert.equal(meta.with!['images'], 'ghcr.io/acme/shop');
    assert.match(meta.with!['tags']!, /type=raw,value=latest/);
    assert.match(meta.with!['tags']!, /type=sha,prefix=sha-,format=short/);
    assert.match(meta.with!['tags']!, /type=semver,pattern=\{\{version\}\}/);
    const push = steps.find((s) => s.uses?.startsWith('docker/build-push-action'))!;
    assert.equal(push.with!['cache-from'], 'type=gha');
    assert.equal(push.with!['cache-to'], 'type=gha,mode=max');
    const login = steps.find((s) => s.uses?.startsWith('docker/login-action'))!;
    assert.equal(login.with!['registry'], 'ghcr.io');
    const deploy = wf.jobs.deploy;
    assert.deepEqual(deploy.needs, 'build');
    // The deploy job runs slipway deploy: the server commands exist once, in src/deploy/commands.
    const run = deploy.steps.map((st: { run?: string }) => st.run ?? '').join('\n');
    assert.match(run, /npx --yes "slipway@\$\{SLIPWAY_VERSION\}" deploy --image "\$IMAGE"/);
    assert.doesNotMatch(run, /docker compose pull/);
    assert.match(JSON.stringify(deploy.steps), /secrets\.SSH_PRIVATE_KEY/);
    assert.match(JSON.stringify(deploy.steps), /secrets\.SSH_KNOWN_HOSTS/);
  });

  it('validates against the GitHub workflow JSON schema (SchemaStore, via ajv) and action-validator', async () => {
    // @action-validator/core embeds SchemaStore's github-workflow.json; take it out and use ajv too.
    const { readFileSync } = await import('node:fs');
    const wasmPath = join(dirname(require.resolve('@action-validator/core')), 'action_validator_bg.wasm');
    const bytes = readFileSync(wasmPath).toString('latin1');
    const id = bytes.indexOf('"$id": "https://json.schemastore.org/github-workflow.json"');
    assert.ok(id > 0, 'schema embedded in the package');
    const start = bytes.lastIndexOf('{\n  "$comment"', id);
    let depth = 0;
    let end = start;
    let inString = false;
    for (let i = start; i < bytes.length; i++) {
      const c = bytes[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    const schema = JSON.parse(Buffer.from(bytes.slice(start, end), 'latin1').toString('utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema);
    const { validateWorkflow } = require('@action-validator/core') as { validateWorkflow(src: string): { errors: unknown[] } };
    for (const registry of ['ghcr.io', 'registry.gitlab.com']) {
      const text = render(detect(PROJECTS['go']!.input), { registry, image: 'acme/shop' }).get('.github/workflows/docker.yml')!;
      const ok = validate(parseYaml(text));
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
      assert.deepEqual(validateWorkflow(text).errors, []);
    }
    // The schema does reject a broken workflow (the test can fail).
    assert.equal(validate({ on: 'push', jobs: { x: { 'runs-on': 'ubuntu-latest', stepz: [] } } }), false);
  });
});

describe('render: the generated set passes slipway check', () => {
  for (const name of Object.keys(PROJECTS)) {
    it(name, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'slipway-init-check-'));
      try {
        const { input } = PROJECTS[name]!;
        // Files detection only knows by name (lock files) exist too, as they would in the project.
        const named = input.names.filter((n) => !(n in input.files)).map((n) => [n, ''] as [string, string]);
        await writeFiles(dir, [...named, ...Object.entries(input.files), ...render(detect(input), OPTIONS)]);
        await assertCheckClean(dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('gitignoreAdditions', () => {
  it('adds .env and data/ once', () => {
    assert.equal(gitignoreAdditions('node_modules\n.env\ndata/\n'), undefined);
    assert.equal(gitignoreAdditions('node_modules'), '\n\n# slipway init: secrets and container data stay out of git\n.env\ndata/\n');
  });
});
