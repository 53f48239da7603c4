import { copyFromOwnStage } from '../../src/rules/dockerfile/image/copy-from-own-stage.js';
import { copyFromRoot } from '../../src/rules/dockerfile/image/copy-from-root.js';
import { copyFromUnknownStage } from '../../src/rules/dockerfile/image/copy-from-unknown-stage.js';
import { fromAsCasing } from '../../src/rules/dockerfile/image/from-as-casing.js';
import { stageNameCasing } from '../../src/rules/dockerfile/image/stage-name-casing.js';
import { stageNameReserved } from '../../src/rules/dockerfile/image/stage-name-reserved.js';
import { stageNameUnique } from '../../src/rules/dockerfile/image/stage-name-unique.js';
import { ruleTester } from './harness.js';

ruleTester(stageNameUnique, {
  valid: ['FROM a:1 AS one\nFROM b:1 AS two\n', 'FROM a:1\nFROM b:1\n'],
  invalid: [
    {
      code: 'FROM a:1 AS build\nFROM b:1 AS build\n',
      errors: [{ line: 2, column: 13, endColumn: 18, message: 'line 1' }],
    },
    {
      name: 'case-insensitive',
      code: 'FROM a:1 AS Build\nRUN x\nFROM b:1 AS build\nFROM c:1 AS BUILD\n',
      errors: [{ line: 3, column: 13 }, { line: 4, column: 13 }],
    },
  ],
});

ruleTester(stageNameReserved, {
  valid: ['FROM a:1 AS build\n', 'FROM scratch\n'],
  invalid: [
    { code: 'FROM a:1 AS scratch\n', errors: [{ line: 1, column: 13, endColumn: 20 }] },
    { code: 'FROM a:1 AS Context\n', errors: [{ line: 1, column: 13, message: "'Context' is reserved" }] },
  ],
});

ruleTester(fromAsCasing, {
  valid: ['FROM a:1 AS b\n', 'from a:1 as b\n', 'FROM a:1\n'],
  invalid: [
    { code: 'FROM a:1 as b\n', errors: [{ line: 1, column: 10, endColumn: 12 }], output: 'FROM a:1 AS b\n' },
    { code: 'from a:1 AS b\n', errors: [{ line: 1, column: 10 }], output: 'from a:1 as b\n' },
    { name: 'mixed', code: 'FROM a:1 As b\n', errors: [{ line: 1, column: 10 }], output: 'FROM a:1 AS b\n' },
  ],
});

ruleTester(stageNameCasing, {
  valid: ['FROM a:1 AS build\nFROM build\n', 'FROM a:1\n'],
  invalid: [
    {
      name: 'renames every reference',
      code:
        'FROM golang:1.22 AS Builder\nRUN go build\nFROM Builder AS Test\nRUN --mount=type=bind,from=BUILDER,target=/src true\nFROM alpine:3.20\nCOPY --from=builder /app /app\nCOPY --from=Test /r /r\n',
      errors: [
        { line: 1, column: 21, endColumn: 28, message: "'Builder' should be lowercase: 'builder'" },
        { line: 3, column: 17, message: "'Test'" },
      ],
      output:
        'FROM golang:1.22 AS builder\nRUN go build\nFROM builder AS test\nRUN --mount=type=bind,from=builder,target=/src true\nFROM alpine:3.20\nCOPY --from=builder /app /app\nCOPY --from=test /r /r\n',
    },
    {
      name: 'reference through a variable: no fix',
      code: 'FROM a:1 AS Build\nFROM alpine:3.20\nARG S=Build\nCOPY --from=$S /x /x\n',
      errors: [{ line: 1, column: 13 }],
    },
  ],
});

ruleTester(copyFromUnknownStage, {
  valid: [
    'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\n',
    { name: 'index', code: 'FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n' },
    { name: 'image reference', code: 'FROM b:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n' },
    { name: 'registry image', code: 'FROM b:1\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/uv\n' },
    { name: 'case-insensitive', code: 'FROM a:1 AS Build\nFROM b:1\nCOPY --from=BUILD /x /x\n' },
    { name: 'ARG naming a stage', code: 'FROM a:1 AS build\nFROM b:1\nARG SRC=build\nCOPY --from=${SRC} /x /x\n' },
    { name: 'unknown ARG', code: 'FROM b:1\nARG SRC\nCOPY --from=${SRC} /x /x\n' },
    {
      name: 'a named context the compose service gives (build.additional_contexts)',
      code: 'FROM b:1\nCOPY --from=templates /redis.yml /pups/redis.yml\n',
      project: { composeUses: [{ service: 'app', file: 'compose.yaml', ports: [], deployed: false, namedContexts: ['templates'] }] },
    },
  ],
  invalid: [
    {
      code: 'FROM a:1 AS build\nFROM b:1\nCOPY --from=biuld /x /x\n',
      errors: [{ line: 3, column: 13, endColumn: 18, message: 'did you mean build?' }],
    },
    {
      name: 'index of a later stage',
      code: 'FROM a:1\nCOPY --from=1 /x /x\nFROM b:1\n',
      errors: [{ line: 2, column: 13, message: 'no stage 1' }],
    },
    {
      name: 'stage defined later',
      code: 'FROM a:1\nCOPY --from=later /x /x\nFROM b:1 AS later\n',
      errors: [{ line: 2, column: 13, message: 'defined after' }],
    },
    {
      name: 'a name a nearby bake file seems to list under contexts: info, naming the file (discourse_docker image/discourse_dev)',
      code: 'FROM b:1\nCOPY --from=templates /redis.yml /pups/redis.yml\n',
      project: { bakeFiles: [{ path: 'image/docker-bake.hcl', text: 'target "dev" {\n  contexts = {\n    from = "target:base-${branch}"\n    templates = "../templates"\n  }\n}\n' }] },
      errors: [{ line: 2, column: 13, severity: 'info', message: "image/docker-bake.hcl seems to give 'templates' as a named context" }],
    },
    {
      name: 'a bake file that names other contexts, or a compose service with other named contexts: still a warning',
      code: 'FROM b:1\nCOPY --from=templates /x /x\n',
      project: {
        bakeFiles: [{ path: 'docker-bake.hcl', text: 'target "x" {\n  contexts = { base = "../base" }\n  args = { templates = "1" }\n}\n' }],
        composeUses: [{ service: 'app', file: 'compose.yaml', ports: [], deployed: false, namedContexts: ['other'] }],
      },
      errors: [{ line: 2, column: 13, severity: 'warning', message: 'is not a stage defined earlier' }],
    },
    {
      name: 'mount from',
      code: 'FROM a:1 AS deps\nFROM b:1\nRUN --mount=type=bind,from=dep,target=/d true\n',
      errors: [{ line: 3, column: 28, endColumn: 31, message: 'did you mean deps?' }],
    },
  ],
});

ruleTester(copyFromOwnStage, {
  valid: ['FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x\n', 'FROM a:1\nFROM b:1\nCOPY --from=0 /x /x\n'],
  invalid: [
    { code: 'FROM a:1 AS build\nCOPY --from=build /x /y\n', errors: [{ line: 2, column: 13, endColumn: 18 }] },
    { name: 'by index', code: 'FROM a:1\nFROM b:1\nCOPY --from=1 /x /y\n', errors: [{ line: 3, column: 13 }] },
    { name: 'different case', code: 'FROM a:1 AS build\nCOPY --from=BUILD /x /y\n', errors: [{ line: 2, column: 13 }] },
  ],
});

ruleTester(copyFromRoot, {
  valid: [
    'FROM a:1 AS build\nFROM b:1\nCOPY --from=build /app /app\n',
    { name: 'squash idiom onto scratch', code: 'FROM a:1 AS rootfs\nFROM scratch\nCOPY --from=rootfs / /\n' },
    { name: 'not --from', code: 'FROM b:1\nCOPY / /x\n' },
    { name: 'a bundle image copied whole', code: 'FROM node:22 AS dev\nCOPY --from=gloursdocker/docker / /\n' },
    { name: 'a stage that only names a bundle image', code: 'FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx\nFROM golang:1.22\nCOPY --from=xx / /\n' },
  ],
  invalid: [
    { code: 'FROM a:1 AS build\nRUN make\nFROM b:1\nCOPY --from=build / /\n', errors: [{ line: 4, column: 19, endColumn: 20 }] },
    { name: 'other destination', code: 'FROM a:1 AS build\nFROM b:1\nCOPY --from=build / /rootfs\n', errors: [{ line: 3, column: 19 }] },
    { name: 'json form', code: 'FROM a:1 AS build\nRUN make\nFROM b:1\nCOPY --from=build ["/", "/"]\n', errors: [{ line: 4, column: 19 }] },
    { name: 'an image copied to a subdirectory', code: 'FROM b:1\nCOPY --from=ubuntu:24.04 / /rootfs\n', errors: [{ line: 2, column: 26 }] },
    { name: 'a stage FROM another stage', code: 'FROM a:1 AS base\nRUN make\nFROM base AS again\nFROM b:1\nCOPY --from=again / /\n', errors: [{ line: 5, column: 19 }] },
  ],
});
