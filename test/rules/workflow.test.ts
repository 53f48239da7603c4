// Workflow rules: image build, push, tags, login, permissions, pinning, cache, schema.
import { workflowActionPinned } from '../../src/rules/workflow/workflow-action-pinned.js';
import { workflowActionSha } from '../../src/rules/workflow/workflow-action-sha.js';
import { workflowBuildCache } from '../../src/rules/workflow/workflow-build-cache.js';
import { workflowImageSbom } from '../../src/rules/workflow/workflow-image-sbom.js';
import { workflowImageSign } from '../../src/rules/workflow/workflow-image-sign.js';
import { workflowLoginSecret } from '../../src/rules/workflow/workflow-login-secret.js';
import { workflowPermissions } from '../../src/rules/workflow/workflow-permissions.js';
import { workflowPushOnMain } from '../../src/rules/workflow/workflow-push-on-main.js';
import { workflowSchema } from '../../src/rules/workflow/workflow-schema.js';
import { workflowShaTag } from '../../src/rules/workflow/workflow-sha-tag.js';
import { projectRuleTester } from './project-harness.js';

const WF = '.github/workflows/docker.yml';
const wf = (text: string) => ({ [WF]: text });

/** The guide's workflow (docs: Container Registry → GHCR). */
export const GUIDE_WORKFLOW = `name: Build and Push

on:
  push:
    branches: [main]

jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    steps:
      - uses: actions/checkout@v4

      - name: Login to GHCR
        uses: docker/login-action@v3
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}

      - name: Build and push
        uses: docker/build-push-action@v5
        with:
          push: true
          tags: |
            ghcr.io/\${{ github.repository }}:latest
            ghcr.io/\${{ github.repository }}:\${{ github.sha }}
`;

/** docker/metadata-action with the common tag set, on main and v* tags, PRs build only. */
const METADATA_WORKFLOW = `on:
  push:
    branches: [main]
    tags: ['v*']
  pull_request:
jobs:
  image:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: docker/login-action@v3
        if: github.event_name != 'pull_request'
        with:
          registry: ghcr.io
          username: \${{ github.actor }}
          password: \${{ github.token }}
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: ghcr.io/\${{ github.repository }}
          tags: |
            type=sha
            type=raw,value=latest,enable={{is_default_branch}}
            type=semver,pattern={{version}}
      - uses: docker/build-push-action@v6
        with:
          push: \${{ github.event_name != 'pull_request' }}
          tags: \${{ steps.meta.outputs.tags }}
          cache-from: type=gha
          cache-to: type=gha,mode=max
`;

/** Plain docker commands, as many older workflows do. */
const SCRIPT_WORKFLOW = `on:
  push:
    branches: [main]
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      packages: write
    steps:
      - run: echo "\${{ secrets.GITHUB_TOKEN }}" | docker login ghcr.io -u \${{ github.actor }} --password-stdin
      - run: |
          docker build -t ghcr.io/org/app:\${{ github.sha }} -t ghcr.io/org/app:latest .
          docker push --all-tags ghcr.io/org/app
`;

projectRuleTester(workflowSchema, {
  valid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'metadata-action', files: wf(METADATA_WORKFLOW) },
    { name: 'scripts', files: wf(SCRIPT_WORKFLOW) },
    {
      name: 'a strategy from an expression, a strategy without matrix, every documented pull_request activity type',
      files: wf(
        "on:\n  pull_request:\n    types: [opened, enqueued, dequeued, milestoned, demilestoned]\n  pull_request_target:\n    types: [milestoned]\njobs:\n  gen:\n    runs-on: ubuntu-latest\n    outputs:\n      strategy: ${{ steps.s.outputs.strategy }}\n    steps:\n      - id: s\n        run: echo x\n  test:\n    needs: gen\n    runs-on: ubuntu-latest\n    strategy: ${{ fromJson(needs.gen.outputs.strategy) }}\n    steps:\n      - run: echo ${{ matrix.x }}\n  scan:\n    runs-on: ubuntu-latest\n    strategy:\n      fail-fast: true\n    steps:\n      - run: echo hi\n",
      ),
    },
    {
      name: 'list trigger, null events, matrix, expressions in numbers, reusable call',
      files: wf(
        'on: [push, workflow_dispatch]\npermissions: {}\njobs:\n  test:\n    strategy:\n      matrix:\n        node: [20, 22]\n    runs-on: ${{ matrix.os || \'ubuntu-latest\' }}\n    timeout-minutes: ${{ fromJSON(vars.TIMEOUT) }}\n    steps:\n      - run: npm test\n  call:\n    uses: org/repo/.github/workflows/build.yml@v1\n    secrets: inherit\n',
      ),
    },
    { name: 'on: mapping with null values', files: wf('on:\n  push:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n') },
    {
      name: 'one branch, tag, path or activity type as a string; cron day and month names in any case (GitHub takes them)',
      files: wf(
        "on:\n  push:\n    branches: master\n    paths-ignore: docs/**\n  pull_request:\n    branches: main\n  pull_request_target:\n    types: closed\n  schedule:\n    - cron: 0 10 * * Mon\n    - cron: '0 0 1 Jan-jun sun-SAT'\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
      ),
    },
    {
      name: 'an empty workflow_dispatch inputs (only a comment under it: hoppscotch), a concurrency queue (gh-aw lock files)',
      files: wf(
        "on:\n  workflow_dispatch:\n    inputs:\n      # NO INPUTS\nconcurrency:\n  group: deploy\n  queue: max\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: gh-aw-${{ github.workflow }}\n      cancel-in-progress: false\n      queue: single\n    steps:\n      - uses: actions/checkout@v4\n",
      ),
    },
  ],
  invalid: [
    {
      name: 'an activity type the event does not have (review_submitted is pull_request_review\'s, as submitted)',
      files: wf('on:\n  pull_request_target:\n    types:\n      - review_submitted\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'),
      errors: [{ file: WF, line: 4, column: 9, message: "'on.pull_request_target.types[0]' must be one of" }],
    },
    {
      name: 'an empty branch pattern, a cron with a day name GitHub does not know',
      files: wf("on:\n  push:\n    branches: ''\n  schedule:\n    - cron: 0 10 * * Mo\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"),
      errors: [
        { file: WF, line: 3, column: 15, message: "'on.push.branches' must NOT have fewer than 1 characters" },
        { file: WF, line: 5, column: 13, message: "'on.schedule[0].cron' must match pattern" },
      ],
    },
    {
      name: 'a concurrency queue GitHub does not know',
      files: wf('on: push\nconcurrency:\n  group: deploy\n  queue: forever\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'),
      errors: [{ file: WF, line: 4, column: 10, message: "'concurrency.queue' must be one of" }],
    },
    {
      name: 'unknown key under on.push, at the key',
      files: wf('on:\n  push:\n    branchez: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'),
      errors: [{ file: WF, line: 3, column: 5, endColumn: 13, message: "'on.push' has an unknown key 'branchez'" }],
    },
    {
      name: 'only the alternative meant: a job, not a reusable-workflow call',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: writeall\n    stepz:\n      - run: make\n'),
      errors: [
        { file: WF, line: 5, column: 18, message: "'jobs.build.permissions' must be one of 'read-all', 'write-all'" },
        { file: WF, line: 6, column: 5, message: "'jobs.build' has an unknown key 'stepz'" },
      ],
    },
    {
      name: 'a step with neither uses nor run; with: of the wrong type',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - name: nothing\n      - uses: actions/checkout@v4\n        with: 3\n'),
      errors: [
        { file: WF, line: 6, column: 9, message: "'jobs.build.steps[0]' needs the key 'uses' or 'run'" },
        { file: WF, line: 8, column: 15, message: "'jobs.build.steps[1].with' must be a mapping or a string" },
      ],
    },
    {
      name: 'unknown event',
      files: wf('on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n'),
      errors: [{ file: WF, line: 1, column: 5, message: /^'on' must be one of 'branch_protection_rule'/ }],
    },
    {
      name: 'not a mapping',
      files: wf('- just\n- a list\n'),
      errors: [{ file: WF, line: 1, column: 1, message: 'a workflow must be a mapping' }],
    },
  ],
});

projectRuleTester(workflowPushOnMain, {
  valid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'pull requests build without pushing', files: wf(METADATA_WORKFLOW) },
    { name: 'scripts on main', files: wf(SCRIPT_WORKFLOW) },
    {
      name: 'a PR-only build next to a pushing workflow',
      files: { ...wf(GUIDE_WORKFLOW), '.github/workflows/pr.yml': 'on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n' },
    },
    {
      name: 'job-level guard on the ref',
      files: wf("on: [push, pull_request]\njobs:\n  build:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n"),
    },
    { name: 'no image build at all', files: wf('on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n') },
    {
      name: 'a test build: push: false written out',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: false\n          tags: app:ci\n'),
    },
    {
      name: 'a test build: the job runs what it built',
      files: wf('on: [push, pull_request]\njobs:\n  compose:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker compose build\n      - run: docker compose up -d --wait backend\n      - run: curl -f http://localhost:8000/health\n'),
    },
    {
      name: 'an export to a file, uploaded for a test job (astral-sh/uv-docker-example)',
      files: wf('on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Build and export\n        uses: docker/build-push-action@v6\n        with:\n          tags: uv-docker-example:latest\n          outputs: type=docker,dest=/tmp/uv-docker-example.tar\n      - uses: actions/upload-artifact@v4\n        with:\n          name: image\n          path: /tmp/uv-docker-example.tar\n'),
    },
    {
      name: 'a test build: named so',
      files: wf('on: [push, pull_request]\njobs:\n  linux:\n    runs-on: ubuntu-latest\n    steps:\n      - name: non-main build test\n        run: docker build -f 2.8/alpine/Dockerfile 2.8/alpine\n'),
    },
    {
      name: 'bake pushes through --set (discourse_docker: push-by-digest, the manifest made in a later job)',
      files: wf(
        "on:\n  push:\n    branches: [main]\njobs:\n  setup_wizard:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          username: ${{ vars.DOCKERHUB_USERNAME }}\n          password: ${{ secrets.DOCKERHUB_PASSWORD }}\n      - name: build and push to dockerhub\n        run: |\n          docker buildx bake setup-wizard --set=\"*.tags=${SETUP_WIZARD_IMAGE}\" --set=\"*.output=type=registry,push-by-digest=true\" --metadata-file=/tmp/w.json\n  web:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx bake web --set web.push=true\n",
      ),
    },
  ],
  invalid: [
    {
      name: 'pushes on pull_request',
      files: wf('on: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 8, column: 17, endColumn: 21, message: "job 'build' pushes the image on pull_request events too" }],
    },
    {
      name: 'pull_request_target, docker push in a script',
      files: wf('on:\n  pull_request_target:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t org/app:${{ github.sha }} . && docker push org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 9, column: 61, message: 'pull_request_target events too' }],
    },
    {
      name: 'pushes from every branch',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx build --push -t org/app:${{ github.sha }} .\n'),
      errors: [{ file: WF, line: 6, column: 34, endColumn: 40, message: 'pushes an image from every branch' }],
    },
    {
      name: 'builds but never pushes, and no other workflow does',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          load: true\n'),
      errors: [{ file: WF, line: 8, column: 15, message: "job 'build' builds an image but never pushes it" }],
    },
    {
      name: 'building in the same script after a docker run does not make it a test',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          docker run --rm -v "$PWD:/src" golang:1.22 go build ./...\n          docker build -t app .\n'),
      errors: [{ file: WF, line: 10, column: 11, message: "job 'image' builds an image but never pushes it" }],
    },
  ],
});

projectRuleTester(workflowShaTag, {
  valid: [
    {
      name: 'a tag through the step env (langfuse ECS deploy: IMAGE_TAG: ${{ github.sha }}), an image a meta job computed (langfuse preview build)',
      files: wf(
        "on:\n  workflow_call:\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - name: Build, tag, and push\n        env:\n          REGISTRY: ${{ steps.login-ecr.outputs.registry }}\n          IMAGE_TAG: ${{ github.sha }}\n        run: |\n          docker build -t $REGISTRY/langfuse:$IMAGE_TAG .\n          docker push $REGISTRY/langfuse:$IMAGE_TAG\n  preview:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        include:\n          - image: ${{ needs.meta.outputs.web_image }}\n    steps:\n      - env:\n          IMAGE: ${{ matrix.image }}\n        run: |\n          docker build -t \"${IMAGE}\" .\n          docker push \"${IMAGE}\"\n",
      ),
    },
    {
      name: 'pushed by digest, tagged later by imagetools create in a merge job (hoppscotch, discourse_docker)',
      files: wf(
        "on:\n  push:\n    tags: ['*.*.*']\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          tags: |\n            ${{ secrets.DOCKER_ORG_NAME }}/backend\n          outputs: type=image,push-by-digest=true,name-canonical=true,push=true\n      - run: docker buildx bake base --set=\"*.tags=${BASE_IMAGE}\" --set=\"*.output=type=registry,push-by-digest=true\"\n  merge:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker buildx imagetools create -t org/backend:${{ github.ref_name }} $(printf 'org/backend@sha256:%s ' *)\n",
      ),
    },
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'metadata-action: sha, latest on main, semver on tags', files: wf(METADATA_WORKFLOW) },
    { name: 'scripts', files: wf(SCRIPT_WORKFLOW) },
    {
      name: 'release workflow on tags only: the version and the SHA, latest from semver',
      files: wf('on:\n  push:\n    tags: [\'v*\']\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: org/app:${{ github.ref_name }},org/app:sha-${{ github.sha }}\n'),
    },
    {
      name: 'a release pushed under its version only (no branch push): the version is the immutable name',
      files: wf("on:\n  release:\n    types: [created]\n  workflow_dispatch:\n    inputs:\n      version:\n        required: true\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            org/app:latest\n            org/app:${{ inputs.version }}\n"),
    },
    {
      name: 'tags computed by a script step are not judged',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - id: compute\n        run: echo "ghcr_tags=org/app:${GITHUB_REF_NAME#v}" >> "$GITHUB_OUTPUT"\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ${{ steps.compute.outputs.ghcr_tags }}\n'),
    },
    {
      name: 'a short SHA from an earlier step',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - id: vars\n        run: echo "sha_short=$(git rev-parse --short HEAD)" >> $GITHUB_OUTPUT\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            org/app:latest\n            org/app:${{ steps.vars.outputs.sha_short }}\n'),
    },
    { name: 'not pushed: not judged', files: wf('on: pull_request\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          tags: org/app:pr\n') },
    { name: 'tags from an unknown step: not judged', files: wf('on:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ${{ steps.custom.outputs.tags }}\n') },
  ],
  invalid: [
    {
      name: 'a tag through the job env that is not the SHA',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      TAG: stable\n    steps:\n      - run: docker build -t org/app:$TAG . && docker push org/app:$TAG\n'),
      errors: [{ file: WF, line: 10, column: 48, message: "job 'build' pushes an image not tagged with the git SHA" }],
    },
    {
      name: 'latest only',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:latest\n'),
      errors: [{ file: WF, line: 11, column: 11, endColumn: 15, message: "job 'build' pushes an image not tagged with the git SHA (`:${{ github.sha }}`)" }],
    },
    {
      name: 'SHA only on main: latest missing',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 11, column: 11, message: 'not tagged with `latest` on main' }],
    },
    {
      name: 'metadata-action defaults: branch and tag names only',
      files: wf('on:\n  push:\n    branches: [main]\n    tags: [\'v*\']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n          images: ghcr.io/org/app\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ${{ steps.meta.outputs.tags }}\n'),
      errors: [{ file: WF, line: 16, column: 11, message: /add `type=sha` to docker\/metadata-action's tags\), nor with `latest` on main/ }],
    },
    {
      name: 'v* tags without a version tag',
      files: wf('on:\n  push:\n    branches: [main]\n    tags: [\'v*\']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            org/app:latest\n            org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 12, column: 11, message: 'the version on tags' }],
    },
    {
      name: 'a version tag does not replace the SHA when main is pushed too',
      files: wf('on:\n  push:\n    branches: [main]\n    tags: [\'v*\']\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: |\n            org/app:latest\n            org/app:${{ github.ref_name }}\n'),
      errors: [{ file: WF, line: 12, column: 11, message: 'not tagged with the git SHA' }],
    },
    {
      name: 'docker push in a script, no SHA',
      files: wf('on:\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          docker build -t org/app:latest .\n          docker push org/app:latest\n'),
      errors: [{ file: WF, line: 10, column: 11, message: 'not tagged with the git SHA' }],
    },
  ],
});

projectRuleTester(workflowLoginSecret, {
  valid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'password-stdin', files: wf(SCRIPT_WORKFLOW) },
    { name: 'login-action with a secret', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          username: ${{ vars.DOCKERHUB_USER }}\n          password: ${{ secrets.DOCKERHUB_TOKEN }}\n') },
    { name: 'no password (ECR via OIDC)', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: 123.dkr.ecr.eu-west-1.amazonaws.com\n') },
  ],
  invalid: [
    {
      name: 'literal password in login-action',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: me\n          password: ghp_abc123\n'),
      errors: [{ file: WF, line: 10, column: 21, endColumn: 31, message: 'has its password written in the workflow' }],
    },
    {
      name: 'a configuration variable is not a secret',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          username: me\n          password: ${{ vars.TOKEN }}\n'),
      errors: [{ file: WF, line: 9, column: 21, message: 'configuration variable' }],
    },
    {
      name: 'docker login -p with a secret: argv',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker login -u me -p ${{ secrets.TOKEN }} ghcr.io\n'),
      errors: [{ file: WF, line: 6, column: 36, endColumn: 56, message: 'puts the secret on the command line' }],
    },
    {
      name: 'docker login --password=literal in a block',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          set -e\n          docker login --username me --password=hunter2 registry.example.com\n'),
      errors: [{ file: WF, line: 8, column: 49, endColumn: 56, message: /password written in the workflow.*registry\.example\.com -u USER --password-stdin/ }],
    },
  ],
});

projectRuleTester(workflowPermissions, {
  valid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'id-token for signing', files: wf(METADATA_WORKFLOW) },
    { name: 'workflow-level permissions', files: wf('on: push\npermissions:\n  contents: read\n  packages: write\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n') },
    { name: 'Docker Hub: contents read is enough', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: org/app:${{ github.sha }}\n') },
    { name: 'a job that does not push', files: wf('on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n') },
  ],
  invalid: [
    {
      name: 'no permissions',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 3, column: 3, endColumn: 8, message: "job 'build' pushes an image but sets no `permissions:`" }],
    },
    {
      name: 'top-level write-all (CKV2_GHA_1), reported once',
      files: wf('on: push\npermissions: write-all\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 2, column: 14, message: 'grants every job `write-all`' }],
    },
    {
      name: 'packages not writable; contents write',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n      - run: docker build -t ghcr.io/org/app:${{ github.sha }} . && docker push ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [
        { file: WF, line: 5, column: 5, message: 'do not grant `packages: write`' },
        { file: WF, line: 6, column: 7, endColumn: 22, message: "grants `contents: write`, which pushing an image does not need" },
      ],
    },
    {
      name: 'read-all to ghcr.io',
      files: wf('on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: read-all\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/org/app:${{ github.sha }}\n'),
      errors: [{ file: WF, line: 5, column: 5, message: '`permissions: read-all` do not grant `packages: write`' }],
    },
  ],
});

projectRuleTester(workflowActionPinned, {
  valid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW) },
    { name: 'SHA, full version, local action, digest', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - uses: docker/setup-buildx-action@v3.7.1\n      - uses: ./.github/actions/local\n      - uses: docker://alpine:3.20\n') },
  ],
  invalid: [
    {
      name: 'branch refs, no version, untagged image, reusable workflow on main',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@main\n      - uses: some/action\n      - uses: docker://alpine\n  c:\n    uses: org/repo/.github/workflows/x.yml@master\n'),
      errors: [
        { file: WF, line: 6, column: 15, endColumn: 36, message: '`uses: actions/checkout@main` follows a branch' },
        { file: WF, line: 7, column: 15, message: '`uses: some/action` has no version' },
        { file: WF, line: 8, column: 15, message: 'untagged image' },
        { file: WF, line: 10, column: 11, message: 'org/repo/.github/workflows/x.yml@master` follows a branch' },
      ],
    },
    {
      name: 'latest image',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://ghcr.io/org/tool:latest\n'),
      errors: [{ file: WF, line: 6, column: 15, message: 'the `latest` image' }],
    },
  ],
});

projectRuleTester(workflowActionSha, {
  valid: [
    { name: 'first-party on tags', files: wf(GUIDE_WORKFLOW) },
    { name: 'third-party on a SHA', files: wf('on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@2ead5e36573f08b82fbfce1504f1a4b05a647c6f\n') },
  ],
  invalid: [
    {
      name: 'third-party on a tag',
      files: wf('on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: appleboy/ssh-action@v1\n      - uses: aquasecurity/trivy-action@0.28.0\n'),
      errors: [
        { file: WF, line: 6, column: 15, message: '`appleboy/ssh-action@v1` is a third-party action' },
        { file: WF, line: 7, column: 15, message: 'aquasecurity/trivy-action@0.28.0' },
      ],
    },
    {
      name: 'in a second job',
      files: wf('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/x@v2\n'),
      errors: [{ file: WF, line: 10, column: 15, message: '`org/x@v2`' }],
    },
  ],
});

projectRuleTester(workflowBuildCache, {
  valid: [
    { name: 'gha cache', files: wf(METADATA_WORKFLOW) },
    { name: 'registry cache', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          cache-from: type=registry,ref=org/app:buildcache\n') },
    { name: 'scripts are not judged', files: wf(SCRIPT_WORKFLOW) },
  ],
  invalid: [
    {
      name: 'the guide has no cache',
      files: wf(GUIDE_WORKFLOW),
      errors: [{ file: WF, line: 24, column: 15, endColumn: 42, message: 'has no `cache-from`' }],
    },
    {
      name: 'cache-to only',
      files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          cache-to: type=gha\n'),
      errors: [{ file: WF, line: 6, column: 15, message: "job 'b'" }],
    },
  ],
});

projectRuleTester(workflowImageSign, {
  valid: [
    { name: 'cosign', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: sigstore/cosign-installer@v3\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n') },
    { name: 'nothing pushed', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n') },
  ],
  invalid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW), errors: [{ file: WF, line: 24, column: 15, message: 'without signing it' }] },
    { name: 'script push', files: wf(SCRIPT_WORKFLOW), errors: [{ file: WF, line: 13, column: 11, message: "job 'build'" }] },
  ],
});

projectRuleTester(workflowImageSbom, {
  valid: [
    { name: 'sbom: true', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          sbom: true\n') },
    { name: 'anchore/sbom-action', files: wf('on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n      - uses: anchore/sbom-action@v0\n') },
  ],
  invalid: [
    { name: 'the guide', files: wf(GUIDE_WORKFLOW), errors: [{ file: WF, line: 24, column: 15, message: 'without an SBOM' }] },
    { name: 'script push', files: wf(SCRIPT_WORKFLOW), errors: [{ file: WF, line: 13, column: 11, message: 'without an SBOM' }] },
  ],
});
