import { gemPinVersions } from '../../src/rules/dockerfile/packages/gem-pin-versions.js';
import { gitSslNoVerify } from '../../src/rules/dockerfile/packages/git-ssl-no-verify.js';
import { goInstallVersion } from '../../src/rules/dockerfile/packages/go-install-version.js';
import { nodeTlsRejectUnauthorized } from '../../src/rules/dockerfile/packages/node-tls-reject-unauthorized.js';
import { npmPinVersions } from '../../src/rules/dockerfile/packages/npm-pin-versions.js';
import { npmStrictSslConfig } from '../../src/rules/dockerfile/packages/npm-strict-ssl-config.js';
import { npmStrictSslEnv } from '../../src/rules/dockerfile/packages/npm-strict-ssl-env.js';
import { yarnCacheClean } from '../../src/rules/dockerfile/packages/yarn-cache-clean.js';
import { ruleTester } from './harness.js';

const N = 'FROM node:22-slim\n';

ruleTester(npmPinVersions, {
  valid: [
    N + 'RUN npm ci\n',
    N + 'RUN npm install\n',
    N + 'RUN npm install --omit dev\n',
    N + 'RUN npm install -g pnpm@9.12.0 @angular/cli@18.2.1\n',
    N + 'RUN npm install ./local-pkg ../x.tgz git+https://github.com/o/r.git#abc123\n',
    N + 'RUN npm install -g "typescript@${TS_VERSION}"\n',
    { name: 'upgrading npm itself', code: N + 'RUN npm install -g npm@latest\n' },
  ],
  invalid: [
    { code: N + 'RUN npm install -g pnpm\n', errors: [{ line: 2, column: 20, endColumn: 24, message: "'pnpm'" }] },
    {
      name: 'scoped package without a version, and a dist-tag',
      code: N + 'RUN npm i -g @angular/cli typescript@latest\n',
      errors: [{ line: 2, column: 14, endColumn: 26, message: '@angular/cli@<version>' }, { line: 2, column: 27, message: 'moving tag' }],
    },
    { name: 'value of --prefix is not a package', code: N + 'RUN npm install --prefix /opt/app left-pad\n', errors: [{ line: 2, column: 35 }] },
    { name: 'git URL without a commit', code: N + 'RUN npm install github:org/repo\n', errors: [{ line: 2, column: 17, message: '#<commit>' }] },
  ],
});

ruleTester(yarnCacheClean, {
  valid: [
    N + 'RUN yarn install --frozen-lockfile && yarn cache clean\n',
    N + 'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile\n',
    N + 'ENV YARN_CACHE_FOLDER=/cache\nRUN --mount=type=cache,target=/cache yarn install\n',
    N + 'RUN yarn build\n',
    N + 'RUN yarn --version\n',
    { name: 'builder stage', code: 'FROM node:22 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    { code: N + 'RUN yarn install --frozen-lockfile\n', errors: [{ line: 2, column: 5, endColumn: 17, message: 'yarn cache clean' }] },
    { name: 'yarn alone installs', code: N + 'RUN yarn --frozen-lockfile && yarn build\n', errors: [{ line: 2, column: 5, endColumn: 9 }] },
    { name: 'clean in a later RUN', code: N + 'RUN yarn global add serve@14.2.3\nRUN yarn cache clean\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(gemPinVersions, {
  valid: ['FROM ruby:3.3\nRUN gem install bundler:2.5.18\n', 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.18\n', 'FROM ruby:3.3\nRUN gem install ./pkg.gem\n', 'FROM ruby:3.3\nRUN gem update --system 3.5.18\n'],
  invalid: [
    { code: 'FROM ruby:3.3\nRUN gem install bundler\n', errors: [{ line: 2, column: 17, endColumn: 24 }] },
    { code: 'FROM ruby:3.3\nRUN gem install --no-document -i /gems rails nokogiri:1.16.7\n', errors: [{ line: 2, column: 40, message: "'rails'" }] },
  ],
});

ruleTester(goInstallVersion, {
  valid: [
    'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.2\n',
    'FROM golang:1.23\nRUN go install ./cmd/...\n',
    { name: 'without @ the version comes from go.mod', code: 'FROM golang:1.23\nRUN go install github.com/x/tool\n' },
    'FROM golang:1.23\nRUN go install -ldflags "-s -w" example.com/x@$VERSION\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n', errors: [{ line: 2, column: 16, endColumn: 47, message: "'@latest' moves: pin it (`go install golang.org/x/tools/gopls@<version>`)" }] },
    { code: 'FROM golang:1.23\nRUN go install -tags netgo example.com/x@master\n', errors: [{ line: 2, column: 28, message: "'@master'" }] },
    { code: 'FROM golang:1.16\nRUN go get -u github.com/x/tool\n', errors: [{ line: 2, column: 15, message: 'pin it with `go install github.com/x/tool@<version>`' }] },
  ],
});

ruleTester(nodeTlsRejectUnauthorized, {
  valid: [N + 'ENV NODE_TLS_REJECT_UNAUTHORIZED=1\n', N + 'ENV NODE_EXTRA_CA_CERTS=/ca.pem\n'],
  invalid: [
    { code: N + 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0\n', errors: [{ line: 2, column: 5, endColumn: 35 }] },
    { code: N + 'RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\n', errors: [{ line: 2, column: 5, endColumn: 35 }] },
    { code: N + 'ARG NODE_TLS_REJECT_UNAUTHORIZED=0\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(npmStrictSslEnv, {
  valid: [N + 'ENV NPM_CONFIG_STRICT_SSL=true\n', N + 'ENV NPM_CONFIG_CAFILE=/ca.pem\n'],
  invalid: [
    { code: N + 'ENV NPM_CONFIG_STRICT_SSL=false\n', errors: [{ line: 2, column: 5 }] },
    { code: N + 'ENV npm_config_strict_ssl false\n', errors: [{ line: 2, column: 5 }] },
    { code: N + 'RUN npm_config_strict_ssl=false npm ci\n', errors: [{ line: 2, column: 5, endColumn: 32 }] },
  ],
});

ruleTester(npmStrictSslConfig, {
  valid: [N + 'RUN npm config set cafile /ca.pem\n', N + 'RUN npm config set strict-ssl true\n', N + 'RUN npm config get strict-ssl\n'],
  invalid: [
    { code: N + 'RUN npm config set strict-ssl false && npm ci\n', errors: [{ line: 2, column: 5, endColumn: 36 }] },
    { code: N + 'RUN yarn config set strict-ssl false\n', errors: [{ line: 2, column: 5 }] },
    { code: N + 'RUN npm set strict-ssl=false\n', errors: [{ line: 2, column: 5, endColumn: 29 }] },
    { code: N + 'RUN npm ci --no-strict-ssl\n', errors: [{ line: 2, column: 12, endColumn: 27 }] },
    { code: N + 'RUN yarn config set enableStrictSsl false\n', errors: [{ line: 2, column: 5 }] },
  ],
});

ruleTester(gitSslNoVerify, {
  valid: ['FROM alpine/git\nRUN git config --global http.sslCAInfo /ca.pem\n', 'FROM alpine/git\nRUN git config --global http.sslVerify true\n'],
  invalid: [
    { code: 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=1\n', errors: [{ line: 2, column: 5 }] },
    { name: 'any value disables, even false', code: 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=false\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM alpine/git\nRUN git config --global http.sslVerify false\n', errors: [{ line: 2, column: 25 }] },
    { code: 'FROM alpine/git\nRUN git -c http.sslVerify=false clone https://x/y.git\n', errors: [{ line: 2, column: 9 }] },
    { code: 'FROM alpine/git\nRUN GIT_SSL_NO_VERIFY=1 git clone https://x/y.git\n', errors: [{ line: 2, column: 5 }] },
  ],
});
