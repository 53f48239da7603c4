// cmd-script-missing: the script CMD runs must be in what `COPY . .` sends (issue 11, item 5).
import { cmdScriptMissing } from '../../src/rules/dockerfile/guide/cmd-script-missing.js';
import { onDisk } from './context-fixtures.js';
import { projectRuleTester } from './project-harness.js';

const PY = (cmd: string) => `FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ${cmd}\n`;

projectRuleTester(cmdScriptMissing, {
  valid: [
    { name: 'the script is there', ...onDisk({ Dockerfile: PY('["python", "app.py"]'), 'requirements.txt': '', 'app.py': '' }) },
    { name: 'python -m', ...onDisk({ Dockerfile: PY('["python", "-m", "shop"]'), 'requirements.txt': '' }) },
    { name: 'a build step may make it', ...onDisk({ Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/main.js"]\n', 'package.json': '{}' }) },
    { name: 'COPY --from may bring it', ...onDisk({ Dockerfile: 'FROM node:22-slim AS b\nFROM node:22-slim\nWORKDIR /app\nCOPY . .\nCOPY --from=b /x /app/dist\nCMD ["node", "dist/main.js"]\n', 'package.json': '{}' }) },
    { name: 'the context goes elsewhere than WORKDIR', ...onDisk({ Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . /src\nCMD ["python", "app.py"]\n' }) },
    { name: 'an absolute script path in WORKDIR', ...onDisk({ Dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "/app/server.py"]\n', 'server.py': '' }) },
  ],
  invalid: [
    {
      name: 'a guessed entry file',
      ...onDisk({ Dockerfile: PY('["python", "app.py"]'), 'requirements.txt': '', 'server.py': '' }),
      errors: [{ file: 'Dockerfile', line: 6, column: 1, message: "CMD runs python app.py, but app.py is not in the build context '.' (COPY . puts it in /app): the container exits at once" }],
    },
    {
      name: 'excluded by .dockerignore; shell form node',
      ...onDisk({ Dockerfile: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD node tests/x.js\n', 'package.json': '{}', 'package-lock.json': '{}', 'tests/x.js': '', '.dockerignore': 'tests\n' }),
      errors: [{ file: 'Dockerfile', line: 6, column: 1, message: 'is excluded from the build context' }],
    },
  ],
});
