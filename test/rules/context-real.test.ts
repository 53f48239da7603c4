// copy-source-missing on real shapes: the context comes from whoever builds the Dockerfile, only the
// stages the build runs are checked, and ADD takes URLs (also through ARG defaults).
import { copySourceMissing } from '../../src/rules/context/copy-source-missing.js';
import { onDisk } from './context-fixtures.js';
import { projectRuleTester } from './project-harness.js';

const COPY_APP = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py /app/\nCMD ["python", "/app/app.py"]\n';
const COMPOSE_ROOT_CONTEXT = 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n';

projectRuleTester(copySourceMissing, {
  valid: [
    { name: 'compose build.context is the repository root', ...onDisk({ 'compose.yaml': COMPOSE_ROOT_CONTEXT, 'docker/Dockerfile': COPY_APP, 'app.py': '' }) },
    {
      name: 'compose context: .. from a subfolder',
      ...onDisk({ 'deploy/compose.yaml': 'services:\n  app:\n    build:\n      context: ..\n      dockerfile: deploy/Dockerfile\n', 'deploy/Dockerfile': COPY_APP, 'app.py': '' }),
    },
    {
      name: 'workflow build-push-action context and file',
      ...onDisk({
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          file: ./docker/Dockerfile\n',
        'docker/Dockerfile': COPY_APP,
        'app.py': '',
      }),
    },
    {
      name: 'a stage only an other --build-arg reaches',
      ...onDisk({
        Dockerfile:
          'ARG SOURCE=remote\nFROM alpine:3.20 AS base\nFROM base AS remote-install\nRUN wget -q -O /usr/bin/tool https://example.com/tool\nFROM base AS local-install\nCOPY tool /usr/bin/tool\nFROM ${SOURCE}-install AS final\nCMD ["/usr/bin/tool"]\n',
        '.dockerignore': '.git\n',
      }),
    },
    { name: 'a stage nothing depends on', ...onDisk({ Dockerfile: 'FROM alpine:3.20 AS test\nCOPY tests/ /t/\nFROM alpine:3.20\nCMD ["true"]\n', '.dockerignore': '.git\n' }) },
    {
      name: 'ADD of an ARG whose default is a URL',
      ...onDisk({ Dockerfile: 'FROM alpine:3.20\nARG URL="https://github.com/x/y/releases/download/v1/y_linux-amd64"\nADD --chmod=755 $URL /usr/local/bin/y\n', '.dockerignore': '.git\n' }),
    },
  ],
  invalid: [
    {
      name: 'the compose context misses the file even though the Dockerfile folder has it',
      ...onDisk({ 'compose.yaml': COMPOSE_ROOT_CONTEXT, 'docker/Dockerfile': COPY_APP, 'docker/app.py': '' }),
      errors: [{ file: 'docker/Dockerfile', line: 3, column: 6, message: "does not exist in the build context '.'" }],
    },
    {
      name: 'a stage the shipped stage copies from is checked',
      ...onDisk({ Dockerfile: 'FROM alpine:3.20 AS build\nCOPY src/ /src/\nFROM alpine:3.20\nCOPY --from=build /src /src\n', '.dockerignore': '.git\n' }),
      errors: [{ file: 'Dockerfile', line: 2, column: 6 }],
    },
    {
      name: 'an unresolvable stage name: every stage counts',
      ...onDisk({ Dockerfile: 'ARG SOURCE\nFROM alpine:3.20 AS local-install\nCOPY tool /usr/bin/tool\nFROM ${SOURCE}-install\n', '.dockerignore': '.git\n' }),
      errors: [{ file: 'Dockerfile', line: 3, column: 6 }],
    },
    {
      name: 'ADD of an ARG whose default is a local file',
      ...onDisk({ Dockerfile: 'FROM alpine:3.20\nARG SRC=tool.tar\nADD $SRC /opt/\n', '.dockerignore': '.git\n' }),
      errors: [{ file: 'Dockerfile', line: 3, column: 5 }],
    },
  ],
});
