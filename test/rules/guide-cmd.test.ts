// What CMD runs must be in the image, on the port EXPOSE and the HEALTHCHECK use (issue 11, item 5).
import { appPortMismatch, listenPort } from '../../src/rules/dockerfile/guide/app-port-mismatch.js';
import { cmdProgramMissing } from '../../src/rules/dockerfile/guide/cmd-program-missing.js';
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ruleTester } from './harness.js';

const flask = { pythonDependencies: ['flask'], pythonDependencySources: ['requirements.txt'] };
const PY = 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n';

ruleTester(cmdProgramMissing, {
  valid: [
    { name: 'gunicorn among the dependencies', code: `${PY}CMD ["gunicorn", "app:app"]\n`, project: { ...flask, pythonDependencies: ['flask', 'gunicorn'] } },
    { name: 'installed by name in a RUN', code: `${PY}RUN pip install "gunicorn>=21"\nCMD ["gunicorn", "app:app"]\n`, project: flask },
    { name: 'installed in the builder stage', code: `FROM python:3.12-slim AS b\nRUN pip install -r requirements.txt gunicorn\nFROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv\nCMD ["gunicorn", "app:app"]\n`, project: flask },
    { name: 'FastAPI brings uvicorn (fastapi[standard])', code: `${PY}CMD ["uvicorn", "main:app"]\n`, project: { ...flask, pythonDependencies: ['fastapi'] } },
    { name: 'no manifests known: not judged', code: `${PY}CMD ["gunicorn", "app:app"]\n` },
    { name: 'an image that may have it', code: 'FROM acme/python-web:1\nCMD ["gunicorn", "app:app"]\n', project: flask },
    { name: 'not a server', code: `${PY}CMD ["python", "app.py"]\n`, project: flask },
  ],
  invalid: [
    { code: `${PY}CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n`, project: flask, errors: [{ line: 5, column: 7, message: 'CMD runs gunicorn, but gunicorn is not among the project\'s dependencies (requirements.txt)' }] },
    { name: 'shell form, uvicorn', code: `${PY}CMD uvicorn main:app --host 0.0.0.0\n`, project: flask, errors: [{ line: 5, column: 5, message: 'uvicorn' }] },
    { name: 'ENTRYPOINT', code: `${PY}ENTRYPOINT ["hypercorn"]\nCMD ["app:app"]\n`, project: flask, errors: [{ line: 5, column: 14, message: 'ENTRYPOINT runs hypercorn' }] },
  ],
});

ruleTester(appPortMismatch, {
  valid: [
    'FROM python:3.12-slim\nEXPOSE 8000\nHEALTHCHECK CMD ["python", "-c", "import http.client; http.client.HTTPConnection(\'127.0.0.1\', 8000).request(\'GET\', \'/\')"]\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]\n',
    { name: 'no port on the command line: not judged', code: 'FROM node:22-slim\nEXPOSE 3000\nHEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:4000/\')"]\nCMD ["node", "server.js"]\n' },
    { name: 'one of several exposed ports', code: 'FROM python:3.12-slim\nEXPOSE 8000 9000\nCMD ["uvicorn", "main:app", "--port", "8000"]\n' },
    { name: 'EXPOSE from a variable', code: 'FROM python:3.12-slim\nARG P=8000\nEXPOSE $P\nCMD ["uvicorn", "main:app", "--port", "8000"]\n' },
    { name: 'a builder stage does not ship', code: 'FROM python:3.12-slim AS b\nEXPOSE 1\nCMD ["uvicorn", "m:app", "--port", "8000"]\nFROM python:3.12-slim\nCMD ["python", "x.py"]\n' },
  ],
  invalid: [
    { name: 'EXPOSE', code: 'FROM python:3.12-slim\nEXPOSE 5000\nCMD ["uvicorn", "main:app", "--port", "8000"]\n', errors: [{ line: 2, column: 1, message: 'EXPOSE 5000, but the CMD listens on 8000' }] },
    {
      name: 'HEALTHCHECK URL',
      code: 'FROM node:22-slim\nEXPOSE 3000\nHEALTHCHECK CMD ["node", "-e", "fetch(\'http://127.0.0.1:8080/\')"]\nCMD ["node", "node_modules/next/dist/bin/next", "start", "--port", "3000"]\n',
      errors: [{ line: 3, column: 1, message: 'The HEALTHCHECK probes port 8080, but the CMD listens on 3000' }],
    },
    { name: 'Django runserver', code: 'FROM python:3.12-slim\nEXPOSE 8080\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n', errors: [{ line: 2, column: 1 }] },
  ],
});

it('listenPort reads the servers\' options', () => {
  assert.equal(listenPort(['gunicorn', '-b', '0.0.0.0:5000', 'a:b']), 5000);
  assert.equal(listenPort(['uvicorn', 'a:b', '--port=7000']), 7000);
  assert.equal(listenPort(['flask', 'run', '-p', '5001']), 5001);
  assert.equal(listenPort(['node', 'server.js', '-p', '1']), undefined);
});
