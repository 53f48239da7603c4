import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copySecretFiles } from '../../src/rules/dockerfile/guide/copy-secret-files.js';
import { isSecretName, secretInArgEnv } from '../../src/rules/dockerfile/guide/secret-in-arg-env.js';
import { secretValue } from '../../src/rules/dockerfile/guide/secret-value.js';
import { ruleTester } from './harness.js';

test('secret names follow BuildKit, minus public material and pointers', () => {
  for (const n of ['GITHUB_TOKEN', 'DB_PASSWORD', 'api_key', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AUTH', 'secret_MESSAGE', 'GHCR_PAT', 'VAULT_SECRET_ID', 'GOOGLE_CREDENTIALS'])
    assert.ok(isSecretName(n), n);
  for (const n of ['USERNAME', 'MONKEY', 'GPG_KEY', 'SSH_PUBLIC_KEY', 'PASSWORD_FILE', 'SECRET_PATH', 'AUTH_URL', 'TOKEN_TTL', 'VITE_FIREBASE_API_KEY', 'NEXT_PUBLIC_API_KEY', 'KMS_KEY_ID', 'PATH', 'KEYCLOAK_URL'])
    assert.ok(!isSecretName(n), n);
});

ruleTester(secretInArgEnv, {
  valid: [
    'FROM alpine:3.20\nARG USERNAME=bob\nENV APP_ENV=production\n',
    { name: 'GPG fingerprint as in the official images', code: 'FROM alpine:3.20\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n' },
    { name: 'pointer to a secret file', code: 'FROM alpine:3.20\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n' },
    { name: 'client bundle variables are public', code: 'FROM node:20-slim\nARG VITE_FIREBASE_API_KEY\n' },
    { name: 'empty value', code: 'FROM alpine:3.20\nENV API_KEY=\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\n',
      errors: [{ line: 2, column: 5, endColumn: 17, message: 'ARG GITHUB_TOKEN looks like a secret: build args used by RUN are recorded in the image history' }],
    },
    {
      name: 'several per ENV, and the legacy form',
      code: 'FROM alpine:3.20\nENV DB_PASSWORD=hunter2 API_KEY=x\nENV AWS_SECRET_ACCESS_KEY abc\n',
      errors: [
        { line: 2, column: 5, endColumn: 16, message: 'ENV is stored in the image config' },
        { line: 2, column: 25, endColumn: 32, message: 'id=api_key' },
        { line: 3, column: 5, endColumn: 26 },
      ],
    },
    { name: "the guide's GHCR_PAT", code: 'FROM alpine:3.20\nARG GHCR_PAT\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(secretValue, {
  valid: [
    { name: 'a file name made of words is not a secret', code: 'FROM alpine:3.20\nARG FTL_FILE=pihole-FTL-musl-linux-x86_64\nARG BIN=Traefik_Linux_AMD64-v3\n' },
    'FROM alpine:3.20\nENV GITHUB_TOKEN=\nARG API_KEY\n',
    { name: 'a sha256 checksum', code: "FROM alpine:3.20\nRUN echo 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  f' | sha256sum -c\n" },
    { name: 'a password from a variable', code: 'FROM alpine:3.20\nRUN pip install --index-url https://user:${PASS}@pypi.example.com/simple x\n' },
    { name: "AWS's documented example key", code: 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n' },
    { name: 'a long mixed-case path after -p', code: 'FROM alpine:3.20\nRUN mkdir -p /opt/MyApplication2024Service/config\n' },
    { name: 'checksums and ids are random by nature', code: 'FROM alpine:3.20\nENV YARN_INTEGRITY=sha512-Xk9vB2mQ7tRz4LwP8nYc3Hd== BUILD_ID=Xk9vB2mQ7tRz4LwP8nYc3Hd\nARG NODE_SHA256=Xk9vB2mQ7tRz4LwP8nYc3Hd\n' },
    { name: 'a git revision label', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=3f4a9c2e1b7d5f6a8b9c0d1e2f3a4b5c6d7e8f90\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV GITHUB_TOKEN=ghp_Zq3mY8vKx2LbN4pRt6WsJ1uHc9DfGa7EoQiT\n',
      errors: [{ line: 2, column: 18, endColumn: 58, message: "a GitHub token ('ghp_…')" }],
    },
    {
      name: 'quoted AWS key id',
      code: 'FROM alpine:3.20\nENV X="AKIAZ3MYFQ7RT2LBN4PW"\n',
      errors: [{ line: 2, column: 8, endColumn: 28, message: "'AKIA…'" }],
    },
    {
      name: 'password in a URL, masked',
      code: 'FROM alpine:3.20\nRUN pip install --index-url https://user:s3cr3tPass@pypi.example.com/simple x\n',
      errors: [{ line: 2, column: 42, endColumn: 52, message: "a password in a URL ('s3cr…')" }],
    },
    {
      name: 'random-looking value in ENV',
      code: 'FROM alpine:3.20\nENV SESSION_KEY=Xk9vB2mQ7tRz4LwP8nYc3Hd\n',
      errors: [{ line: 2, column: 17, endColumn: 40, message: "a random-looking secret ('Xk9v…')" }],
    },
    {
      name: 'random value after --password=',
      code: 'FROM alpine:3.20\nRUN mysql -u root --password=Xk9vB2mQ7tRz4LwP8nYc3 db\n',
      errors: [{ line: 2, column: 30, endColumn: 51, message: 'random-looking' }],
    },
    {
      name: 'private key in a heredoc',
      code: "FROM alpine:3.20\nRUN <<EOF\ncat > /k <<'K'\n-----BEGIN RSA PRIVATE KEY-----\nabc\nK\nEOF\n",
      errors: [{ line: 4, column: 1, endColumn: 32, message: 'a private key' }],
    },
    {
      name: 'Slack token in exec-form CMD',
      code: 'FROM alpine:3.20\nCMD ["app", "--token", "xoxb-123456789012-abcdefghij"]\n',
      errors: [{ line: 2, column: 25, endColumn: 53, message: 'Slack' }],
    },
  ],
});

ruleTester(copySecretFiles, {
  valid: [
    'FROM node:20-slim\nCOPY package.json package-lock.json ./\n',
    { name: 'templates', code: 'FROM node:20-slim\nCOPY .env.example .env.sample ./\n' },
    { name: 'public certificates and the CA store', code: 'FROM nginx:1.27\nCOPY fullchain.pem /etc/nginx/\nCOPY certs/corp.pem /usr/local/share/ca-certificates/\n' },
    { name: 'from another stage', code: 'FROM alpine:3.20\nCOPY --from=build /x/.env /x\n' },
    {
      name: '.npmrc and .yarnrc.yml with settings only (uptime-kuma, Yarn Berry)',
      code: 'FROM node:20-slim\nCOPY package.json .npmrc .yarnrc.yml ./\n',
      project: { configHeads: { '.npmrc': 'legacy-peer-deps=true\n', '.yarnrc.yml': 'nodeLinker: node-modules\nyarnPath: .yarn/releases/yarn-4.3.1.cjs\n' } },
    },
    {
      name: 'a token read from the environment is not in the file',
      code: 'FROM node:20-slim\nCOPY .npmrc ./\nCOPY ./web/.yarnrc.yml ./web/\n',
      project: {
        configHeads: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', 'web/.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN-}"\n' },
      },
    },
    { name: 'content unknown (not in a build context)', code: 'FROM node:20-slim\nCOPY .npmrc ./\n' },
    {
      name: 'env files with public build settings only (a Vite app built in the image)',
      code: 'FROM node:20 AS build\nCOPY package.json .env.production ./\nCOPY web/.env* ./web/\nRUN npm run build\n',
      project: {
        configHeads: {
          '.env.production': 'MODE="production"\nVITE_APP_BACKEND_V2_GET_URL=https://json.excalidraw.com/api/v2/\nVITE_APP_FIREBASE_CONFIG=\'{"apiKey":"AIzaSyAd15"}\'\n',
          'web/.env': 'NEXT_PUBLIC_API_URL=https://api.example.com\nPORT=3000\n',
          'web/.env.local': 'SESSION_SECRET=changeme\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n',
        },
      },
    },
    {
      name: 'apt repositories\' PGP public keys under .key names, judged by content (discourse_docker)',
      code: 'FROM debian:bookworm-slim\nADD nodesource-repo.gpg.key /tmp/\nADD ./yarn-pubkey.gpg.key /tmp/\nCOPY keys/*.key /etc/apt/keyrings/\n',
      project: {
        configHeads: {
          'nodesource-repo.gpg.key': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFdDN1ABCADaNd/I3j3tn40deQNgz7hB2NvT+syXe6k4ZmdiEcOfBvFrkS8B\n',
          'yarn-pubkey.gpg.key': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBFf0j5oBEADS6cItqCbf4lOLICohq2aHqM5I1jsz3DC4ddIU5ONbKXP1t0wk\n',
          'keys/signing.key': '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n',
        },
      },
    },
  ],
  invalid: [
    {
      code: 'FROM node:20-slim\nCOPY package.json .npmrc ./\nRUN npm ci\n',
      project: { configHeads: { '.npmrc': '//registry.npmjs.org/:_authToken=npm_AbC123\n' } },
      errors: [{ line: 2, column: 19, endColumn: 25, message: 'puts an npm token into a layer' }],
    },
    {
      name: '.yarnrc.yml with a token written out, source given as ./web/',
      code: 'FROM node:20-slim\nCOPY ./web/.yarnrc.yml ./\n',
      project: { configHeads: { 'web/.yarnrc.yml': 'npmRegistryServer: "https://npm.example.com"\nnpmAuthToken: abcdef0123456789\n' } },
      errors: [{ line: 2, column: 6, message: 'a Yarn registry token' }],
    },
    {
      name: '.env, ssh key, private key, exec form',
      code: 'FROM alpine:3.20\nCOPY .env.example .env ./\nCOPY id_rsa /root/.ssh/\nCOPY fullchain.pem privkey.pem /etc/nginx/\nADD ["server.key", "/etc/ssl/"]\n',
      errors: [
        { line: 2, column: 19, endColumn: 23, message: 'an environment file' },
        { line: 3, column: 6, endColumn: 12, message: 'an SSH private key' },
        { line: 4, column: 20, endColumn: 31, message: 'a private key or keystore' },
        { line: 5, column: 7, endColumn: 17 },
      ],
    },
    {
      name: 'environment variants and cloud credentials',
      code: 'FROM alpine:3.20\nCOPY .env.production /app/\nCOPY .aws /root/.aws\nCOPY config/credentials.json /app/\n',
      errors: [{ line: 2, column: 6 }, { line: 3, column: 6, message: 'AWS credentials' }, { line: 4, column: 6, message: 'cloud credentials' }],
    },
    {
      name: 'env files judged by content: the one with a secret is named, the settings-only one is not reported',
      code: 'FROM node:20-slim\nCOPY .env.production ./\nCOPY api/.env* ./api/\n',
      project: {
        configHeads: {
          '.env.production': 'VITE_APP_URL=https://example.com\n',
          'api/.env': 'PORT=8080\n',
          'api/.env.local': 'PORT=8080\nDATABASE_URL=postgres://app:Xk93mQ2v@db/app\n',
        },
      },
      errors: [{ line: 3, column: 6, endColumn: 15, message: 'puts an environment file with DATABASE_URL into a layer' }],
    },
    {
      name: 'key-named files: a private key block, a folder mixing public and private, unreadable content, not in the context',
      code: 'FROM alpine:3.20\nCOPY server.key /etc/ssl/\nCOPY keys/*.key /etc/keys/\nCOPY store.key /etc/\nCOPY other.key /etc/\n',
      project: {
        configHeads: {
          'server.key': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n',
          'keys/public.key': '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBFdDN1ABCADaNd\n',
          'keys/private.key': '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n',
          'store.key': '0\u0082\u0004\u00bd\u0002\u0001\u0000',
        },
      },
      errors: [
        { line: 2, column: 6, message: 'a private key or keystore' },
        { line: 3, column: 6, message: 'a private key or keystore' },
        { line: 4, column: 6, message: 'a private key or keystore' },
        { line: 5, column: 6, message: 'a private key or keystore' },
      ],
    },
  ],
});
