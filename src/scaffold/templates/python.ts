// The Python Dockerfile: a virtualenv in /opt/venv built in one stage and copied into a clean runtime.
// Package-manager tools (Poetry, uv, PDM, Pipenv) live in /opt/tools in the builder and never ship.

import { DEFAULT_VERSIONS, type Stack } from '../detect.js';
import { PYTHON_SYSTEM_PACKAGES } from '../../project/native-packages.js';
import {
  APP_UID,
  CREATE_USER,
  execForm,
  HEALTHCHECK_TIMING,
  healthUrl,
  ownedDirsStep,
  type LanguageTemplate,
  type TemplateOptions,
} from './common.js';

/** Version ranges for a server the project does not list (the image installs it). */
const SERVER_SPEC: Record<string, string> = { gunicorn: 'gunicorn>=21', uvicorn: 'uvicorn>=0.23' };

/** The production command. */
export function pythonCommand(stack: Stack, port: number): string[] {
  if (stack.command) return stack.command;
  const entry = stack.entry ?? 'app.py';
  const factory = stack.python?.factory === true;
  switch (stack.framework) {
    case 'fastapi':
    case 'starlette':
      return ['uvicorn', ...(factory ? ['--factory'] : []), entry, '--host', '0.0.0.0', '--port', String(port), '--proxy-headers'];
    case 'flask':
      return ['gunicorn', '--bind', `0.0.0.0:${port}`, '--access-logfile', '-', factory ? `${entry}()` : entry];
    case 'django':
      return stack.python?.djangoServer === 'asgi'
        ? ['uvicorn', entry, '--host', '0.0.0.0', '--port', String(port), '--proxy-headers']
        : ['gunicorn', '--bind', `0.0.0.0:${port}`, '--access-logfile', '-', entry];
    default:
      return entry.endsWith('.py') ? ['python', entry] : ['python', '-m', entry];
  }
}

export function pythonDevCommand(stack: Stack, port: number): string[] {
  const entry = stack.entry ?? 'app.py';
  if (stack.command) return stack.command;
  const factory = stack.python?.factory === true;
  switch (stack.framework) {
    case 'fastapi':
    case 'starlette':
      return ['uvicorn', ...(factory ? ['--factory'] : []), entry, '--host', '0.0.0.0', '--port', String(port), '--reload'];
    case 'flask':
      return ['flask', '--app', factory ? `${entry}()` : entry, 'run', '--host', '0.0.0.0', '--port', String(port), '--debug'];
    case 'django':
      return ['python', 'manage.py', 'runserver', `0.0.0.0:${port}`];
    default:
      return pythonCommand(stack, port);
  }
}

const TOOLS = 'python -m venv /opt/tools \\\n && /opt/tools/bin/pip install';

/** Dependency installation in the builder stage: COPY of the manifests, then one RUN. */
function installSteps(stack: Stack): string[] {
  const m = stack.manifests;
  const copy = m.length ? [`COPY ${m.join(' ')} ./`] : [];
  const locked = (f: string) => m.includes(f);
  switch (stack.packageManager) {
    case 'poetry':
      // Poetry installs into the active virtualenv (VIRTUAL_ENV=/opt/venv) and stays in /opt/tools.
      return [...copy, `RUN ${TOOLS} "poetry>=1.8,<3" \\\n && /opt/tools/bin/poetry install --only main --no-root --no-interaction --no-ansi`];
    case 'uv':
      return [
        ...copy,
        `RUN ${TOOLS} "uv>=0.4,<1" \\\n && UV_PROJECT_ENVIRONMENT=/opt/venv /opt/tools/bin/uv sync ${locked('uv.lock') ? '--frozen ' : ''}--no-dev --no-install-project`,
      ];
    case 'pdm':
      return [
        ...copy,
        `RUN ${TOOLS} "pdm>=2.12,<3" \\\n && /opt/tools/bin/pdm export --prod --without-hashes -o /tmp/requirements.txt \\\n && pip install -r /tmp/requirements.txt`,
      ];
    case 'pipenv':
      return [
        ...copy,
        `RUN ${TOOLS} "pipenv>=2023.10" \\\n && /opt/tools/bin/pipenv requirements > /tmp/requirements.txt \\\n && pip install -r /tmp/requirements.txt`,
      ];
    default:
      if (m.includes('requirements.txt')) return [...copy, 'RUN pip install -r requirements.txt'];
      if (m.includes('pyproject.toml'))
        return [
          ...copy,
          // The declared dependencies only, so that the source can change without a reinstall (tomllib: 3.11+).
          `RUN python -c "import tomllib; print('\\\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt \\\n && pip install -r /tmp/requirements.txt`,
        ];
      return [];
  }
}

/** The install steps, with the server the CMD runs added to the same RUN when the project does not list it. */
function installWithServer(stack: Stack): string[] {
  const steps = installSteps(stack);
  const s = stack.missingServer;
  if (!s) return steps;
  const spec = SERVER_SPEC[s] ?? s;
  const add = stack.packageManager === 'uv' ? `/opt/tools/bin/uv pip install --python /opt/venv/bin/python "${spec}"` : `pip install "${spec}"`;
  const last = steps.length - 1;
  if (last < 0 || !steps[last]!.startsWith('RUN ')) return [...steps, `# ${s} runs the app but is not among the dependencies`, `RUN ${add}`];
  return [...steps.slice(0, last), `# ...and ${s}, which runs the app but is not among the dependencies`, `${steps[last]} \\\n && ${add}`];
}

export function pythonTemplate(stack: Stack, o: TemplateOptions): LanguageTemplate {
  const version = stack.version ?? DEFAULT_VERSIONS.python;
  const base = o.baseImage ?? `python:${version}-slim`;
  const system = stack.nativeDeps.map((d) => PYTHON_SYSTEM_PACKAGES[d]).filter((x) => x !== undefined);
  const buildPkgs = [...new Set(system.flatMap((s) => s.build))].sort();
  const runtimePkgs = [...new Set(system.flatMap((s) => s.runtime))].sort();
  const apt = (pkgs: string[]) =>
    `RUN apt-get update \\\n && apt-get install -y --no-install-recommends ${pkgs.join(' ')} \\\n && rm -rf /var/lib/apt/lists/*`;
  const cmd = pythonCommand(stack, o.port);
  const url = healthUrl(o);
  const u = new URL(url);
  const py = stack.python ?? { envVars: [] };
  // http.client, not urllib: a 404 on / still means "the server answers"; only 5xx or no answer fail.
  const probe =
    `import http.client, sys; c = http.client.HTTPConnection('${u.hostname}', ${o.port}, timeout=4); ` +
    `c.request('GET', '${u.pathname}${u.search}'); sys.exit(1 if c.getresponse().status >= 500 else 0)`;
  const env = ['PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1', 'VIRTUAL_ENV=/opt/venv', 'PATH=/opt/venv/bin:$PATH'];
  if (py.importRoot && !py.installProject) env.push(`PYTHONPATH=/app/${py.importRoot}`);
  if (stack.portEnv) env.push(`${stack.portEnv}=${o.port}`);

  const lines: string[] = [
    `# Generated by slipway init. Build: docker build -t ${o.imageRef} .`,
    '# The base image can be replaced at build time: --build-arg BASE_IMAGE=...',
    `ARG BASE_IMAGE=${base}`,
    '',
    '# ---- builder: a virtualenv with the dependencies, nothing else',
    'FROM ${BASE_IMAGE} AS builder',
    'ENV PYTHONDONTWRITEBYTECODE=1 \\\n    PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1 \\\n    PIP_DISABLE_PIP_VERSION_CHECK=1',
    ...(buildPkgs.length ? [apt(buildPkgs)] : []),
    'RUN python -m venv /opt/venv',
    'ENV VIRTUAL_ENV=/opt/venv \\\n    PATH=/opt/venv/bin:$PATH',
    'WORKDIR /app',
    ...installWithServer(stack),
    ...(py.installProject
      ? ['# The project itself (src layout), installed into the virtualenv', 'COPY . .', `RUN UV_PROJECT_ENVIRONMENT=/opt/venv /opt/tools/bin/uv sync ${stack.manifests.includes('uv.lock') ? '--frozen ' : ''}--no-dev --no-editable`]
      : []),
    '',
    '# ---- runtime: the virtualenv and the source, run as an unprivileged user',
    'FROM ${BASE_IMAGE} AS runtime',
    `ENV ${env.join(' \\\n    ')}`,
    ...(runtimePkgs.length ? [apt(runtimePkgs)] : []),
    CREATE_USER,
    'WORKDIR /app',
    'COPY --from=builder /opt/venv /opt/venv',
    'COPY . .',
  ];
  const collect = stack.framework === 'django' && stack.djangoStaticRoot ? 'python manage.py collectstatic --noinput \\\n && ' : '';
  lines.push(
    `RUN ${collect}${ownedDirsStep(['data', ...stack.writableDirs], py.sqliteInAppDir === true)}`,
    `USER ${APP_UID}:${APP_UID}`,
    `EXPOSE ${o.port}`,
    `${HEALTHCHECK_TIMING} \\\n    CMD ${execForm(['python', '-c', probe])}`,
    `CMD ${execForm(cmd)}`,
    '',
  );

  const copies = [...stack.manifests];
  if (stack.framework === 'django') copies.push('manage.py');
  else if (stack.entry?.endsWith('.py')) copies.push(stack.entry);

  const envExample: Array<[string, string, string]> = [];
  for (const name of py.envVars) {
    const secret = /SECRET|PASSWORD|TOKEN|KEY/.test(name);
    envExample.push([name, '', secret ? `${name}: read by the settings; a long random value (never commit it)` : `${name}: read by the settings`]);
  }
  const readme: string[] = [];
  if (stack.missingServer) readme.push(`\`${stack.missingServer}\` runs the app but is not among your dependencies: the image installs it. Add it to pin its version.`);
  if (stack.nativeDeps.length)
    readme.push(`Dependencies with C extensions (${stack.nativeDeps.join(', ')}): the image is Debian -slim (glibc wheels), never Alpine.`);
  return {
    dockerfile: lines.join('\n'),
    ignore: [
      '**/*.pyd', '**/.ruff_cache', '.tox', '.nox', '.coverage', 'htmlcov', '.venv', 'venv', '**/*.egg-info',
      'dist', 'build', '**/.ipynb_checkpoints',
    ],
    devCommand: pythonDevCommand(stack, o.port),
    sourceDir: '/app',
    devVolumes: [],
    environment: {},
    envExample,
    copies,
    readme,
  };
}
