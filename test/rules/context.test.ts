// Build-context rules, on real folders (see context-fixtures.ts).
import { contextGitDir } from '../../src/rules/context/context-git-dir.js';
import { contextJunk } from '../../src/rules/context/context-junk.js';
import { contextLargeFile } from '../../src/rules/context/context-large-file.js';
import { contextSecretFiles } from '../../src/rules/context/context-secret-files.js';
import { contextSecretSent } from '../../src/rules/context/context-secret-sent.js';
import { copyIgnoredFile } from '../../src/rules/context/copy-ignored-file.js';
import { copySourceMissing } from '../../src/rules/context/copy-source-missing.js';
import { dockerignoreMissing } from '../../src/rules/context/dockerignore-missing.js';
import { projectRuleTester } from './project-harness.js';
import { onDisk } from './context-fixtures.js';

const PY = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n';
const ONLY_APP = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n';

projectRuleTester(dockerignoreMissing, {
  valid: [
    { name: 'has .dockerignore', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', 'app.py': '', 'requirements.txt': '' }) },
    { name: 'Dockerfile.dockerignore counts', ...onDisk({ Dockerfile: PY, 'Dockerfile.dockerignore': '.git\n', 'app.py': '' }) },
    { name: 'a folder with only the Dockerfile', ...onDisk({ Dockerfile: 'FROM busybox\nCMD ["true"]\n' }) },
    { name: 'a small context copied file by file costs nothing', ...onDisk({ Dockerfile: ONLY_APP, 'app.py': '', 'README.md': '# x\n' }) },
    {
      name: 'the compose context has a .dockerignore, the Dockerfile folder does not',
      ...onDisk({ 'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n', 'docker/Dockerfile': PY, 'docker/notes.txt': 'x', '.dockerignore': '.git\n', 'app.py': '' }),
    },
  ],
  invalid: [
    {
      name: 'no .dockerignore',
      ...onDisk({ Dockerfile: PY, 'app.py': '', 'requirements.txt': '', '.env': 'DB_PASSWORD=s3cr3t-Value\n' }),
      errors: [{ file: 'Dockerfile', line: 1, column: 1, endColumn: 22, message: /no \.dockerignore for the build context '\.': 'COPY \. \.' \(Dockerfile:5\) copies all 4 files \(.*\) into the image, \.env included; add \.dockerignore/, severity: 'warning' }],
    },
    {
      name: 'only .git is sent: said so',
      ...onDisk({ Dockerfile: ONLY_APP, 'app.py': '', '.git/HEAD': 'ref: refs/heads/main\n' }),
      errors: [{ file: 'Dockerfile', line: 1, column: 1, message: "no .dockerignore for the build context '.': .git is sent to the builder; add .dockerignore", severity: 'info' }],
    },
    {
      name: 'the context a compose file builds with, not the Dockerfile folder',
      ...onDisk({ 'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n', 'docker/Dockerfile': PY, 'docker/.dockerignore': '*\n', 'app.py': '', 'requirements.txt': '' }),
      errors: [{ file: 'docker/Dockerfile', line: 1, column: 1, message: "no .dockerignore for the build context '.': 'COPY . .' (docker/Dockerfile:5) copies all" }],
    },
    {
      name: 'the context a workflow builds with (docker build -f)',
      ...onDisk({
        '.github/workflows/ci.yml': 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t x -f build/Dockerfile .\n',
        'build/Dockerfile': PY,
        'build/.dockerignore': '*\n',
        'app.py': '',
      }),
      errors: [{ file: 'build/Dockerfile', line: 1, column: 1, message: "build context '.': 'COPY . .' (build/Dockerfile:5)" }],
    },
    {
      name: "a test image's key is a fixture (kamal's app_with_custom_certificate): info, with the reason",
      ...onDisk({
        'test/integration/docker/app/Dockerfile': 'FROM nginx:1-alpine-slim\nCOPY default.conf /etc/nginx/conf.d/default.conf\n',
        'test/integration/docker/app/default.conf': 'server {}\n',
        'test/integration/docker/app/certs/key.pem': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
        'test/integration/docker-compose.yml': 'services:\n  app:\n    build: docker/app\n    ports: ["443:443"]\n',
      }),
      errors: [{ file: 'test/integration/docker/app/Dockerfile', line: 1, column: 1, severity: 'info', message: /certs\/key\.pem is sent to the builder; .*an image for tests; info/ }],
    },
    {
      name: 'the same key beside a service is a secret sent: warning',
      ...onDisk({ 'app/Dockerfile': 'FROM nginx:1-alpine-slim\nCOPY default.conf /etc/nginx/conf.d/default.conf\nEXPOSE 443\n', 'app/default.conf': 'server {}\n', 'app/certs/key.pem': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' }),
      errors: [{ file: 'app/Dockerfile', line: 1, column: 1, severity: 'warning', message: 'certs/key.pem is sent to the builder' }],
    },
    {
      name: 'nested service folder, reported on its Dockerfile',
      ...onDisk({ 'api/Dockerfile': '# syntax=docker/dockerfile:1\nFROM node:20-slim\nCOPY . .\n', 'api/index.js': '', '.dockerignore': 'x\n' }),
      errors: [{ file: 'api/Dockerfile', line: 2, column: 1, endColumn: 18, message: "build context 'api'" }],
    },
  ],
});

projectRuleTester(contextSecretFiles, {
  valid: [
    { name: '.env excluded', ...onDisk({ Dockerfile: PY, '.dockerignore': '.env\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' }) },
    { name: 'sent but not copied (context-secret-sent)', ...onDisk({ Dockerfile: ONLY_APP, '.dockerignore': '.git\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' }) },
    { name: 'templates and public certificates are not secrets', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', '.env.example': 'A=\n', 'certs/ca.pem': 'x', 'app.py': '' }) },
    { name: '.npmrc without a token', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', '.npmrc': 'registry=https://r.example/\n' }) },
    {
      name: '.yarnrc.yml with settings, .npmrc with a ${VAR} token',
      ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', '.yarnrc.yml': 'nodeLinker: node-modules\n', '.npmrc': '//r.example/:_authToken=${NPM_TOKEN}\n' }),
    },
    { name: 'COPY --from does not read the context', ...onDisk({ Dockerfile: 'FROM a AS b\nFROM c\nCOPY --from=b . .\n', '.dockerignore': 'x\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n' }) },
    {
      name: 'env files holding only public build settings, ports and placeholders (Vite, Expo; re-included on purpose)',
      ...onDisk({
        Dockerfile: 'FROM node:20\nCOPY . .\nRUN yarn build\n',
        '.dockerignore': '*\n!.env.development\n!.env.production\n!frontend/\n',
        '.env.production': 'MODE="production"\n\nVITE_APP_BACKEND_V2_GET_URL=https://json.example.com/api/v2/\nVITE_APP_FIREBASE_CONFIG=\'{"apiKey":"AIzaSy"}\'\n',
        '.env.development': '# https://docs.expo.dev/guides/environment-variables/\nEXPO_PUBLIC_FRONTEND_PROXY_PORT=8080\nNEXT_PUBLIC_API_KEY=pk_test_1\n',
        'frontend/.env': 'VITE_API_URL=http://localhost:8000\nSECRET_KEY=changethis\nPOSTGRES_PASSWORD=\nAPI_TOKEN=${API_TOKEN}\nSMTP_PASSWORD_FILE=/run/secrets/smtp\nENABLE_AUTH=1\nBASIC_AUTH=false\n',
      }),
    },
    {
      name: 'public keys under key names: apt repository signing keys (discourse_docker), a certificate, an OpenSSH public key',
      ...onDisk({
        Dockerfile: 'FROM debian:12-slim\n# From https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key\nADD nodesource-repo.gpg.key /usr/share/keyrings/nodesource.asc\nADD nginx_public_keys.key /tmp/nginx_public_keys.key\nCOPY . /opt/app\n',
        '.dockerignore': '.git\n',
        'nodesource-repo.gpg.key': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFgLt1gBEAC\n-----END PGP PUBLIC KEY BLOCK-----\n',
        'nginx_public_keys.key': '# nginx signing keys\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFgLt1gBEAC\n-----END PGP PUBLIC KEY BLOCK-----\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFgLt1gBEAC\n-----END PGP PUBLIC KEY BLOCK-----\n',
        'tls/server.key': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        'deploy.key': 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFuG coolify@host\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a number under a secret\'s name is a secret (SECRET=1, field report 17)',
      ...onDisk({ Dockerfile: PY, '.dockerignore': '.git', '.env': 'SECRET=1\n', 'app.py': '' }),
      errors: [{ file: '.dockerignore', line: 1, column: 1, message: '.env (an environment file with SECRET)' }],
      output: { '.dockerignore': '.git\n.env' },
    },
    {
      name: 'COPY . . bakes .env, a key and .aws in; fixed by appending to .dockerignore',
      ...onDisk({ Dockerfile: PY, '.dockerignore': '.git', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'deploy/id_rsa': 'k', '.aws/credentials': 'c', 'app.py': '' }),
      errors: [
        { file: '.dockerignore', line: 1, column: 1, endColumn: 5, message: ".aws (AWS credentials) is sent to the builder and 'COPY . .' (Dockerfile:5) bakes it into the image: add '.aws' to .dockerignore" },
        { file: '.dockerignore', line: 1, column: 1, message: '.env (an environment file with DB_PASSWORD)' },
        { file: '.dockerignore', line: 1, column: 1, message: 'deploy/id_rsa (an SSH private key)' },
      ],
      output: { '.dockerignore': '.git\n.aws\n.env\ndeploy/id_rsa' },
    },
    {
      name: 'a private key under a public-looking name, and a binary keystore (unreadable: assumed private)',
      ...onDisk({
        Dockerfile: 'FROM debian:12-slim\nCOPY . /opt/app\n',
        '.dockerignore': '.git',
        'signing.gpg.key': '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQdGBF\n-----END PGP PRIVATE KEY BLOCK-----\n',
        'client.p12': '0\u0082\u0004\u00a2\u0002\u0001\u0003',
        'tls.key': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n',
      }),
      errors: [
        { file: '.dockerignore', line: 1, column: 1, message: 'client.p12 (a private key)' },
        { file: '.dockerignore', line: 1, column: 1, message: 'signing.gpg.key (a private key)' },
        { file: '.dockerignore', line: 1, column: 1, message: 'tls.key (a private key)' },
      ],
      output: { '.dockerignore': '.git\nclient.p12\nsigning.gpg.key\ntls.key' },
    },
    {
      name: 'a key file larger than the head read: a certificate bundle with the private key past 64 KiB is not judged public',
      ...onDisk({
        Dockerfile: 'FROM debian:12-slim\nCOPY . /opt/app\n',
        '.dockerignore': '.git',
        'haproxy.key': `-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(20_000)}\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`,
      }),
      errors: [{ file: '.dockerignore', line: 1, column: 1, message: 'haproxy.key (a private key)' }],
      output: { '.dockerignore': '.git\nhaproxy.key' },
    },
    {
      name: 'an ! exception brings .env back: reported on that line',
      ...onDisk({ Dockerfile: PY, '.dockerignore': '.env*\n!.env.example\n!.env\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' }),
      errors: [{ file: '.dockerignore', line: 3, column: 1, endColumn: 6, message: '.env (an environment file with DB_PASSWORD)' }],
      output: { '.dockerignore': '.env*\n!.env.example\n!.env\n.env\n' },
    },
    {
      name: 'no .dockerignore: reported on the COPY source, no fix',
      ...onDisk({ Dockerfile: PY, 'config/prod.pem': 'k', '.npmrc': '//registry.npmjs.org/:_authToken=abc\n', 'app.py': '' }),
      errors: [
        { file: 'Dockerfile', line: 5, column: 6, endColumn: 7, message: '.npmrc (an npm token)' },
        { file: 'Dockerfile', line: 5, column: 6, endColumn: 7, message: 'config/prod.pem (a private key)' },
      ],
    },
    {
      name: '.yarnrc.yml with a token written out',
      ...onDisk({ Dockerfile: PY, '.yarnrc.yml': 'npmAuthToken: abcdef0123456789\n', 'app.py': '' }),
      errors: [{ file: 'Dockerfile', line: 5, column: 6, endColumn: 7, message: '.yarnrc.yml (a Yarn registry token)' }],
    },
    {
      name: 'COPY of the folder holding it; a COPY naming the file itself gets no fix',
      ...onDisk({
        Dockerfile: 'FROM node:20-slim\nCOPY config/ /etc/app/\nCOPY .env.production /app/.env\n',
        '.dockerignore': '.git\n',
        'config/server.key': 'k',
        '.env.production': 'STRIPE_SECRET_KEY=sk_live_51Hx\n',
      }),
      errors: [
        { file: '.dockerignore', line: 1, column: 1, message: /^\.env\.production .*'COPY \.env\.production \/app\/\.env' \(Dockerfile:3\).*mount it with RUN --mount=type=secret/ },
        { file: '.dockerignore', line: 1, column: 1, message: "config/server.key (a private key) is sent to the builder and 'COPY config/ /etc/app/' (Dockerfile:2)" },
      ],
      output: { '.dockerignore': '.git\nconfig/server.key\n' },
    },
  ],
});

projectRuleTester(contextSecretSent, {
  valid: [
    { name: 'excluded', ...onDisk({ Dockerfile: ONLY_APP, '.dockerignore': '.env\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' }) },
    { name: 'copied: context-secret-files reports it', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', '.env': 'DB_PASSWORD=s3cr3t-Value\n', 'app.py': '' }) },
  ],
  invalid: [
    {
      name: 'sent, not copied',
      ...onDisk({ Dockerfile: ONLY_APP, '.dockerignore': '# ignore\n.git\n', '.env.local': 'DATABASE_URL=postgres://app:pa55word@db/app\n', '.git-credentials': 'x', 'app.py': '' }),
      errors: [
        { file: '.dockerignore', line: 1, column: 1, endColumn: 9, message: "'.env.local'" },
        { file: '.dockerignore', line: 1, column: 1, message: '.git-credentials (credentials)' },
      ],
      output: { '.dockerignore': '# ignore\n.git\n.env.local\n.git-credentials\n' },
    },
    {
      name: 'no .dockerignore: on the Dockerfile\'s first instruction',
      ...onDisk({ Dockerfile: ONLY_APP, '.pypirc': 'x', 'app.py': '' }),
      errors: [{ file: 'Dockerfile', line: 1, column: 1, endColumn: 22, message: '.pypirc (credentials) is sent to the builder' }],
    },
  ],
});

projectRuleTester(contextGitDir, {
  valid: [
    { name: 'excluded', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', '.git/HEAD': 'ref', 'app.py': '' }) },
    { name: 'no .git', ...onDisk({ Dockerfile: PY, '.dockerignore': 'x\n', 'app.py': '' }) },
  ],
  invalid: [
    {
      name: 'sent and copied',
      ...onDisk({ Dockerfile: PY, '.dockerignore': 'node_modules\n', '.git/HEAD': 'ref: main\n', 'app.py': '' }),
      errors: [{ file: '.dockerignore', line: 1, column: 1, endColumn: 13, message: ".git (10 B) is sent to the builder and 'COPY . .' (Dockerfile:5) copies the repository history into the image: add '.git' to .dockerignore" }],
      output: { '.dockerignore': 'node_modules\n.git\n' },
    },
    {
      name: 'no .dockerignore: on the COPY source',
      ...onDisk({ Dockerfile: PY, '.git/HEAD': 'x', 'app.py': '' }),
      errors: [{ file: 'Dockerfile', line: 5, column: 6, endColumn: 7 }],
    },
  ],
});

projectRuleTester(contextJunk, {
  valid: [
    { name: 'excluded', ...onDisk({ Dockerfile: PY, '.dockerignore': 'node_modules\n**/__pycache__\n.venv\n', 'node_modules/a/i.js': '', 'src/__pycache__/a.pyc': '', '.venv/pyvenv.cfg': '' }) },
    { name: 'a COPY names node_modules on purpose', ...onDisk({ Dockerfile: 'FROM node:20-slim\nCOPY node_modules ./node_modules\n', '.dockerignore': '.git\n', 'node_modules/a/i.js': '' }) },
    { name: 'dist/ and build/ are not junk', ...onDisk({ Dockerfile: PY, '.dockerignore': '.git\n', 'dist/app.js': '', 'build/x': '' }) },
  ],
  invalid: [
    {
      name: 'node_modules, __pycache__ in two places, a virtualenv with another name',
      ...onDisk({
        Dockerfile: PY,
        '.dockerignore': '.git\n',
        'node_modules/a/index.js': '12345',
        'node_modules/a/node_modules/b/i.js': '1',
        '__pycache__/a.pyc': '1',
        'pkg/__pycache__/b.pyc': '1',
        'env/pyvenv.cfg': 'home = /usr',
      }),
      errors: [
        { file: '.dockerignore', line: 1, column: 1, message: "__pycache__ (Python bytecode cache, 2 B) is sent to the builder: add '**/__pycache__' to .dockerignore" },
        { file: '.dockerignore', line: 1, column: 1, message: /^env \(a Python virtualenv/ },
        { file: '.dockerignore', line: 1, column: 1, message: /^node_modules \(installed npm packages.*, 6 B\)/ },
      ],
      output: { '.dockerignore': '.git\n**/__pycache__\nenv\nnode_modules\n' },
    },
    {
      name: 'no .dockerignore: on the Dockerfile',
      ...onDisk({ 'web/Dockerfile': 'FROM node:20-slim\nCOPY . .\n', 'web/.pytest_cache/x': '' }),
      errors: [{ file: 'web/Dockerfile', line: 1, column: 1, message: 'web/.pytest_cache (pytest cache' }],
    },
  ],
});

projectRuleTester(contextLargeFile, {
  valid: [
    { name: 'excluded', ...onDisk({ files: { Dockerfile: PY, '.dockerignore': 'data/\n' }, sparse: { 'data/dump.sql': 300_000_000 } }) },
    { name: 'named by a COPY', ...onDisk({ files: { Dockerfile: 'FROM x\nCOPY model.bin /m/\n', '.dockerignore': '.git\n' }, sparse: { 'model.bin': 80_000_000 } }) },
    { name: 'under the limit', ...onDisk({ files: { Dockerfile: PY, '.dockerignore': '.git\n' }, sparse: { 'data.bin': 50_000_000 } }) },
  ],
  invalid: [
    {
      name: 'a dump copied by COPY . .',
      ...onDisk({ files: { Dockerfile: PY, '.dockerignore': '.git\n' }, sparse: { 'data/dump.sql': 300_000_000 } }),
      errors: [{ file: '.dockerignore', line: 1, column: 1, message: "data/dump.sql (300 MB) is sent to the builder on every build and copied into the image: add 'data/dump.sql' to .dockerignore, or keep it in a volume" }],
      output: { '.dockerignore': '.git\ndata/dump.sql\n' },
    },
    {
      name: 'no .dockerignore',
      ...onDisk({ files: { Dockerfile: ONLY_APP, 'app.py': '' }, sparse: { 'video.mp4': 51_000_000 } }),
      errors: [{ file: 'Dockerfile', line: 1, column: 1, message: 'video.mp4 (51 MB) is sent to the builder on every build:' }],
    },
  ],
});

projectRuleTester(copyIgnoredFile, {
  valid: [
    { name: 'README.md brought back by !README.md', ...onDisk({ Dockerfile: 'FROM nginx\nCOPY README.md /x/\n', '.dockerignore': '*.md\n!README.md\n', 'README.md': '' }) },
    { name: 'COPY . . is never reported', ...onDisk({ Dockerfile: 'FROM x\nCOPY . .\n', '.dockerignore': '*\n' }) },
    { name: 'a folder with an exception inside', ...onDisk({ Dockerfile: 'FROM x\nCOPY docs /docs\n', '.dockerignore': 'docs\n!docs/keep.txt\n', 'docs/keep.txt': '' }) },
    { name: 'a wildcard with a sent match', ...onDisk({ Dockerfile: 'FROM x\nCOPY *.txt /t/\n', '.dockerignore': 'a.txt\n', 'a.txt': '', 'b.txt': '' }) },
    { name: '--from', ...onDisk({ Dockerfile: 'FROM x AS b\nFROM y\nCOPY --from=b /app/README.md .\n', '.dockerignore': '*.md\n' }) },
  ],
  invalid: [
    {
      name: 'a literal source, an exec-form source, an ARG-resolved source',
      ...onDisk({
        Dockerfile: 'FROM nginx\nARG DOC=NOTES.md\nCOPY README.md /x/\nCOPY ["docs/guide.md", "/x/"]\nCOPY ${DOC} /x/\n',
        '.dockerignore': '# docs\n*.md\ndocs/\n',
        'README.md': '',
        'NOTES.md': '',
        'docs/guide.md': '',
      }),
      errors: [
        { file: 'Dockerfile', line: 3, column: 6, endColumn: 15, message: "COPY source 'README.md' is excluded by .dockerignore:2 ('*.md'), so the builder never gets it: add '!README.md' to .dockerignore or stop copying it" },
        { file: 'Dockerfile', line: 4, column: 8, endColumn: 21, message: ".dockerignore:3 ('docs/')" },
        { file: 'Dockerfile', line: 5, column: 6, endColumn: 12, message: "'${DOC}'" },
      ],
    },
    {
      name: 'every wildcard match excluded; ADD too',
      ...onDisk({ Dockerfile: 'FROM x\nCOPY src/*.log /logs/\nADD ./secret/ /s/\n', '.dockerignore': '**/*.log\n/secret\n', 'src/a.log': '', 'src/b.log': '', 'secret/k': '' }),
      errors: [
        { file: 'Dockerfile', line: 2, column: 6, endColumn: 15, message: "('**/*.log')" },
        { file: 'Dockerfile', line: 3, column: 5, endColumn: 14, message: "ADD source './secret/' is excluded by .dockerignore:2 ('/secret')" },
      ],
    },
  ],
});

projectRuleTester(copySourceMissing, {
  valid: [
    { name: 'exists', ...onDisk({ Dockerfile: PY, 'requirements.txt': '', 'app.py': '' }) },
    {
      name: 'a compose file named docker-compose-<purpose>.yml gives the context (go-clean-template\'s integration test)',
      ...onDisk({
        'docker-compose.yml': 'services:\n  app:\n    build: .\n',
        'docker-compose-integration-test.yml': 'services:\n  integration-test:\n    build:\n      context: .\n      dockerfile: integration-test/Dockerfile\n    depends_on:\n      - app\n',
        Dockerfile: 'FROM golang:1.26-alpine\nCOPY go.mod go.sum ./\n',
        'integration-test/Dockerfile': 'FROM golang:1.26-alpine\nCOPY go.mod go.sum /modules/\nCOPY . /app\n',
        'go.mod': 'module x\n',
        'go.sum': '',
      }),
    },
    { name: 'a folder with a trailing slash, a ./ path, a wildcard', ...onDisk({ Dockerfile: 'FROM x\nCOPY src/ /a/\nCOPY ./app.py /a/\nCOPY *.json /a/\n', 'src/m.py': '', 'app.py': '', 'package.json': '' }) },
    { name: 'unresolvable ${VAR}, URLs, --from, heredocs are not checked', ...onDisk({ Dockerfile: 'FROM x AS b\nFROM y\nARG F\nCOPY ${F} /a/\nADD https://example.com/a.tgz /a/\nCOPY --from=b /nope /a/\nCOPY <<EOF /a/hi\nhi\nEOF\n' }) },
    { name: 'excluded: copy-ignored-file reports it', ...onDisk({ Dockerfile: 'FROM x\nCOPY secret.txt /a/\n', '.dockerignore': 'secret.txt\n' }) },
    { name: 'a symlink counts', ...onDisk({ files: { Dockerfile: 'FROM x\nCOPY current /a/\n', 'v1/a': '' }, links: { current: 'v1' } }) },
  ],
  invalid: [
    {
      name: 'missing, wrong case, empty wildcard',
      ...onDisk({ Dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt .\nCOPY Src/ /app/\nCOPY *.lock /app/\n', 'src/app.py': '' }),
      errors: [
        { file: 'Dockerfile', line: 2, column: 6, endColumn: 22, message: `COPY source 'requirements.txt' does not exist in the build context '.': the build fails with "not found"` },
        { file: 'Dockerfile', line: 3, column: 6, endColumn: 10, message: "did you mean 'src'? (paths are case-sensitive)" },
        { file: 'Dockerfile', line: 4, column: 6, endColumn: 12, message: "COPY source '*.lock' matches nothing", severity: 'info' },
      ],
    },
    {
      name: 'ARG default resolved; a nested context',
      ...onDisk({ 'svc/Dockerfile': 'FROM x\nARG APP=main.go\nCOPY ["${APP}", "/src/"]\n', 'svc/other.go': '' }),
      errors: [{ file: 'svc/Dockerfile', line: 3, column: 8, endColumn: 14, message: "in the build context 'svc'", severity: 'error' }],
    },
    {
      name: 'nobody names the context and the sources are in the root (opentelemetry-demo genproto): info, with the contexts tried',
      ...onDisk({
        'src/frontend/genproto/Dockerfile': 'FROM node:22-slim\nWORKDIR /build\nCOPY ./pb/ /build/pb/\nCOPY ./src/frontend/package.json package.json\n',
        'pb/demo.proto': '',
        'src/frontend/package.json': '{}',
      }),
      errors: [
        { file: 'src/frontend/genproto/Dockerfile', line: 3, column: 6, severity: 'info', message: "but every missing source is in '.': built from there? (contexts tried: 'src/frontend/genproto', 'src/frontend', 'src', '.')" },
        { file: 'src/frontend/genproto/Dockerfile', line: 4, column: 6, severity: 'info', message: "COPY source './src/frontend/package.json' does not exist in the build context 'src/frontend/genproto'" },
      ],
    },
    {
      name: 'a source above only as the Dockerfile\'s own folder (COPY pop in pop/) is no context: still an error',
      ...onDisk({ 'pop/Dockerfile': 'FROM alpine\nCOPY pop /usr/local/bin/pop\n', 'README.md': '' }),
      errors: [{ file: 'pop/Dockerfile', line: 2, column: 6, severity: 'error', message: "COPY source 'pop' does not exist in the build context 'pop'" }],
    },
    {
      name: 'the sources are above but a compose file names the context: still an error',
      ...onDisk({ 'compose.yaml': 'services:\n  app:\n    build: ./app\n', 'app/Dockerfile': 'FROM x\nCOPY go.mod .\n', 'go.mod': '' }),
      errors: [{ file: 'app/Dockerfile', line: 2, column: 6, severity: 'error', message: 'the build fails with "not found"' }],
    },
    {
      name: 'a wildcard that matches nothing (the optional-file idiom): BuildKit copies nothing, info',
      ...onDisk({ Dockerfile: 'FROM x\nCOPY cwallet.ss[o] ./\n', 'a.txt': '' }),
      errors: [{ file: 'Dockerfile', line: 2, column: 6, severity: 'info', message: "COPY source 'cwallet.ss[o]' matches nothing in the build context '.': BuildKit copies nothing" }],
    },
    {
      name: 'a build output a .gitignore lists (a binary, build/*, .pki anywhere): info',
      ...onDisk({
        '.gitignore': '/whoami\n.pki\n',
        Dockerfile: 'FROM scratch\nCOPY whoami /\n',
        'tls/Dockerfile': 'FROM x\nCOPY ./.pki/ca.pem /ca.crt\n',
        'push/.gitignore': 'build/*\n',
        'push/Dockerfile': 'FROM x\nCOPY ./build/ ./build/\nCOPY main.go .\n',
      }),
      errors: [
        { file: 'Dockerfile', line: 2, column: 6, severity: 'info', message: "COPY source 'whoami' does not exist in the build context '.', and .gitignore ignores it: a build output made before docker build" },
        { file: 'push/Dockerfile', line: 2, column: 6, severity: 'info', message: 'and push/.gitignore ignores it' },
        { file: 'push/Dockerfile', line: 3, column: 6, severity: 'error', message: "COPY source 'main.go' does not exist" },
        { file: 'tls/Dockerfile', line: 2, column: 6, severity: 'info', message: 'and .gitignore ignores it' },
      ],
    },
  ],
});

// Contexts named by the project's own build scripts: a Makefile recipe, an npm script, a dev container.
projectRuleTester(copySourceMissing, {
  valid: [
    {
      name: 'a Makefile builds from the root (docker build -f … .)',
      ...onDisk({
        Makefile: 'IMAGE ?= demo\n\ngenproto:\n\t@docker build -t $(IMAGE)-genproto \\\n\t\t-f src/checkout/genproto/Dockerfile .\n',
        'src/checkout/genproto/Dockerfile': 'FROM golang:1.23\nCOPY ./src/checkout/go.mod go.mod\n',
        'src/checkout/go.mod': 'module x\n',
      }),
    },
    {
      name: 'an npm script builds from the package folder (uptime-kuma)',
      ...onDisk({
        'package.json': JSON.stringify({ scripts: { 'build-docker': 'npm run build && docker buildx build -f docker/dockerfile --platform linux/amd64,linux/arm64 -t x:nightly --target nightly . --push' } }),
        'docker/dockerfile': 'FROM node:20\nCOPY package.json package.json\nCOPY ./extra/ ./extra/\n',
        'extra/a.js': '',
      }),
    },
    {
      name: 'a dev container builds from the folder above (context: "..", with comments)',
      ...onDisk({
        '.devcontainer/devcontainer.json': '{\n  // the repository root\n  "build": { "context": "..", "dockerfile": "Dockerfile", },\n}\n',
        '.devcontainer/Dockerfile': 'FROM python:3.12\nCOPY requirements-dev.txt /tmp/\nCOPY docs/requirements.txt /tmp/docs.txt\n',
        'requirements-dev.txt': '',
        'docs/requirements.txt': '',
      }),
    },
  ],
  invalid: [
    {
      name: 'a Makefile whose context is a make variable names nothing: the sources are judged from the folder above, at info',
      ...onDisk({
        Makefile: 'build:\n\tdocker build -f app/Dockerfile $(CTX)\n',
        'app/Dockerfile': 'FROM x\nCOPY go.mod .\n',
        'go.mod': '',
      }),
      errors: [{ file: 'app/Dockerfile', line: 2, column: 6, severity: 'info', message: "contexts tried: 'app', '.'" }],
    },
    {
      name: 'an npm script names the root, and the source is not there either: an error',
      ...onDisk({
        'package.json': '{"scripts":{"docker":"docker build -f docker/Dockerfile ."}}',
        'docker/Dockerfile': 'FROM node:20\nCOPY package-lock.json .\n',
        'docker/package-lock.json': '{}',
      }),
      errors: [{ file: 'docker/Dockerfile', line: 2, column: 6, severity: 'error', message: "COPY source 'package-lock.json' does not exist in the build context '.'" }],
    },
  ],
});
