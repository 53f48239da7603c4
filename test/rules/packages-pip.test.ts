import { pipNoCacheDir } from '../../src/rules/dockerfile/packages/pip-no-cache-dir.js';
import { pipPinVersions } from '../../src/rules/dockerfile/packages/pip-pin-versions.js';
import { pipTrustedHostEnv } from '../../src/rules/dockerfile/packages/pip-trusted-host-env.js';
import { pipTrustedHost } from '../../src/rules/dockerfile/packages/pip-trusted-host.js';
import { pythonHttpsVerifyDisabled } from '../../src/rules/dockerfile/packages/python-https-verify-disabled.js';
import { ruleTester } from './harness.js';

const P = 'FROM python:3.12-slim\n';

ruleTester(pipPinVersions, {
  valid: [
    P + 'RUN pip install --no-cache-dir flask==3.0.3 "requests>=2,<3" uvicorn[standard]~=0.30\n',
    P + 'RUN pip install --no-cache-dir -r requirements.txt\n',
    P + 'RUN pip install --no-cache-dir .\n',
    P + 'RUN pip install --no-cache-dir -e . ./libs/core /wheels/app-1.0-py3-none-any.whl\n',
    P + 'RUN pip install --no-cache-dir --upgrade pip setuptools wheel\n',
    P + 'RUN pip install --no-cache-dir -c constraints.txt flask gunicorn\n',
    P + 'ENV PIP_CONSTRAINT=/constraints.txt\nRUN pip install --no-cache-dir flask\n',
    P + 'RUN pip install --no-cache-dir git+https://github.com/org/repo@v1.2\n',
    P + 'RUN pip install --no-cache-dir "flask==${FLASK_VERSION}" $EXTRA_PACKAGES\n',
    P + 'RUN python -m venv /venv\n',
    P + 'RUN pip freeze\n',
  ],
  invalid: [
    {
      code: P + 'RUN pip install --no-cache-dir flask gunicorn==22.0.0\n',
      errors: [{ line: 2, column: 32, endColumn: 37, message: "'flask'" }],
    },
    {
      name: 'python -m pip, with an index URL value that is not a package',
      code: P + 'RUN python3 -m pip install --no-cache-dir -i https://pypi.org/simple requests\n',
      errors: [{ line: 2, column: 70 }],
    },
    {
      name: 'uv pip install',
      code: P + 'RUN uv pip install --system --no-cache httpx\n',
      errors: [{ line: 2, column: 40 }],
    },
    {
      name: 'upgrading an application is not bootstrapping',
      code: P + 'RUN pip3 install --no-cache-dir -U pip django\n',
      errors: [{ line: 2, column: 40, message: "'django'" }],
    },
  ],
});

ruleTester(pipNoCacheDir, {
  valid: [
    P + 'RUN pip install --no-cache-dir flask==3.0.3\n',
    P + 'RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n',
    P + 'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt\n',
    P + 'ENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
    P + 'RUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n',
    P + 'RUN pip install -r requirements.txt && rm -rf /root/.cache\n',
    P + 'RUN uv pip install --system --no-cache -r requirements.txt\n',
    { name: 'builder stage', code: 'FROM python:3.12 AS build\nRUN pip wheel -w /wheels -r req.txt && pip install -r req.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n' },
    P + 'RUN pip list\n',
  ],
  invalid: [
    {
      code: P + 'RUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: '--no-cache-dir' }],
      output: P + 'RUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'python -m pip',
      code: P + 'RUN python -m pip install --upgrade pip\n',
      errors: [{ line: 2, column: 5, endColumn: 26, message: 'python -m pip install --no-cache-dir' }],
      output: P + 'RUN python -m pip install --no-cache-dir --upgrade pip\n',
    },
    {
      name: 'PIP_NO_CACHE_DIR=0 enables the cache',
      code: P + 'ENV PIP_NO_CACHE_DIR=0\nRUN pip3 install flask==3.0.3\n',
      errors: [{ line: 3, column: 5 }],
      output: P + 'ENV PIP_NO_CACHE_DIR=0\nRUN pip3 install --no-cache-dir flask==3.0.3\n',
    },
    {
      name: 'uv uses --no-cache',
      code: P + 'RUN uv pip install --system -r requirements.txt\n',
      errors: [{ line: 2, column: 5, message: 'uv pip install --no-cache' }],
      output: P + 'RUN uv pip install --no-cache --system -r requirements.txt\n',
    },
  ],
});

ruleTester(pipTrustedHost, {
  valid: [P + 'RUN pip install --no-cache-dir --cert /ca.pem flask==3.0.3\n', P + 'RUN echo --trusted-host\n'],
  invalid: [
    { code: P + 'RUN pip install --trusted-host pypi.internal app==1\n', errors: [{ line: 2, column: 17, endColumn: 31 }] },
    { code: P + 'RUN python3 -m pip config set global.trusted-host pypi.internal\n', errors: [{ line: 2, column: 31, endColumn: 50 }] },
    { code: P + 'RUN uv pip install --allow-insecure-host=pypi.internal app==1\n', errors: [{ line: 2, column: 20 }] },
  ],
});

ruleTester(pipTrustedHostEnv, {
  valid: [P + 'ENV PIP_CERT=/ca.pem\n', P + 'ENV PIP_TRUSTED_HOST=\n'],
  invalid: [
    { code: P + 'ENV PIP_TRUSTED_HOST=pypi.internal\n', errors: [{ line: 2, column: 5, endColumn: 35 }] },
    { code: P + 'ARG PIP_TRUSTED_HOST=pypi.internal\n', errors: [{ line: 2, column: 5 }] },
    { code: P + 'RUN PIP_TRUSTED_HOST=pypi.internal pip install app==1\n', errors: [{ line: 2, column: 5, endColumn: 35 }] },
    { code: P + 'RUN env PIP_TRUSTED_HOST=pypi.internal pip install app==1\n', errors: [{ line: 2, column: 9, endColumn: 39 }] },
  ],
});

ruleTester(pythonHttpsVerifyDisabled, {
  valid: [P + 'ENV PYTHONHTTPSVERIFY=1\n', P + 'ENV PYTHONUNBUFFERED=0\n'],
  invalid: [
    { code: P + 'ENV PYTHONHTTPSVERIFY=0\n', errors: [{ line: 2, column: 5, endColumn: 24 }] },
    { code: P + 'ENV PYTHONHTTPSVERIFY 0\n', errors: [{ line: 2, column: 5 }] },
    { code: P + 'ARG OFF=0\nENV PYTHONHTTPSVERIFY=$OFF\n', errors: [{ line: 3, column: 5 }] },
    { code: P + 'RUN PYTHONHTTPSVERIFY=0 python fetch.py\n', errors: [{ line: 2, column: 5, endColumn: 24 }] },
  ],
});
