// Is an image made for running tests? By its folder (a repository's integration fixtures, a test
// suite such as lkp-tests) or file name (`app.e2e.Dockerfile`), by its base (Playwright, Cypress and Selenium images exist to run browser
// tests) or by its command (a test runner: `pytest`, `npx playwright test`, `go test`). Nothing
// deploys such an image, so the service rules judge it at info — even when a test compose file
// publishes a port (Playwright's report server, an integration fixture's web port).

import type { ImageRef } from '../parse/dockerfile/model.js';
import { own } from '../util/own.js';

/** Folders of images made for tests, which nothing deploys. */
const TEST_PATH = /(^|\/)(tests?|testing(?:[-_][\w.-]+)?|e2e|integration-tests?|testdata|fixtures?|cypress|spec|[\w.]+[-_]tests?|[\w.]+[-_]test[-_]suite)\//i;
/** Dockerfiles named for tests (`relational.e2e.Dockerfile`, `Dockerfile.test`). */
const TEST_FILE = /(^|\/)(([\w.-]*[-_.])?(test|tests|e2e|spec)\.(Dockerfile|Containerfile)|(Dockerfile|Containerfile)\.(test|tests|e2e))$/i;
const TEST_WORDS = /test|e2e|fixture|cypress|spec/i;
/** Base images that exist to run browser tests: the image inherits their browsers and runner. */
const TEST_BASES = /^(mcr\.microsoft\.com\/playwright(\/[\w.-]+)?|(docker\.io\/)?cypress\/(included|base|browsers|factory)|(docker\.io\/)?selenium\/[\w.-]+|(docker\.io\/)?testcafe\/testcafe)$/;
/** Programs that run a test suite by themselves. */
const RUNNERS = new Set(['pytest', 'py.test', 'tox', 'nox', 'bats', 'rspec', 'phpunit', 'pest', 'jest', 'mocha', 'vitest', 'ava', 'ctest', 'phoronix-test-suite', 'newman', 'robot', 'behave', 'cucumber-js', 'testcafe', 'codeceptjs']);
/** Test tools run through a package runner or with a sub-command (`npx playwright test`, `cypress run`). */
const RUNNER_WORDS: Record<string, RegExp> = { playwright: /^test$/, cypress: /^run$/, k6: /^run$/, wdio: /^(run|.*\.conf\.[jt]s)$/ };
/** Tool chains whose `test` sub-command runs the suite (`go test`, `npm test`, `cargo test`). */
const TEST_VERB = new Set(['go', 'npm', 'yarn', 'pnpm', 'bun', 'cargo', 'dotnet', 'mvn', 'mvnw', 'gradle', 'gradlew', 'mix', 'rails', 'artisan', 'deno', 'swift', 'sbt', 'lein', 'flutter', 'dart']);
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'yarn', 'pnpm', 'bun', 'exec', 'bundle', 'poetry', 'uv', 'pipenv', 'hatch', 'pdm']);

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The test runner a command line starts (`pytest`, `npx playwright test`, `npm run test:e2e`), or null. */
export function testRunnerIn(ws: readonly string[]): string | null {
  for (let i = 0; i < ws.length; i++) {
    const name = base(ws[i]!);
    const next = ws[i + 1] ?? '';
    if (RUNNERS.has(name)) return name;
    const sub = own(RUNNER_WORDS, name);
    if (sub && sub.test(next)) return `${name} ${next}`;
    if (TEST_VERB.has(name) && /^test(:|$)/.test(next)) return `${name} ${next}`;
    // `npm run test:e2e`, `yarn run test`
    if (TEST_VERB.has(name) && next === 'run' && /^test([:_-]|$)/.test(ws[i + 2] ?? '')) return `${name} run ${ws[i + 2]}`;
    // `python -m pytest`, `python -m unittest`
    if (/^python[\d.]*$/.test(name) && next === '-m' && /^(pytest|unittest|nose2?|tox)$/.test(ws[i + 2] ?? '')) return `${name} -m ${ws[i + 2]}`;
    // Only the first program and the package runners in front of it count: `sh -c "… && pytest"` is read by the caller.
    if (!PACKAGE_RUNNERS.has(name) && !name.startsWith('-') && i > 0 && !PACKAGE_RUNNERS.has(base(ws[i - 1] ?? ''))) break;
  }
  return null;
}

/** The reference a test base is known by (`mcr.microsoft.com/playwright`, `cypress/included`). */
function fullName(image: ImageRef): string {
  return `${image.registry ? `${image.registry}/` : ''}${image.name}`.toLowerCase();
}

/**
 * Why an image is a test image, or null: its path (under `test/`, `e2e/`, `*-tests/`), its base
 * image (Playwright, Cypress, Selenium) or its command (a test runner).
 */
export function testImageEvidence(path: string, root: ImageRef | null, command: { keyword: string; words: readonly string[] } | null): string | null {
  // Each name TEST_PATH and TEST_FILE know holds one of these words: most paths have none, and the two
  // patterns backtrack through every word of a path ([\w.]+[-_]tests?).
  const named = TEST_WORDS.test(path);
  const folder = named ? TEST_PATH.exec(path) : null;
  if (folder) return `${path} is under ${folder[2]}/: an image for tests`;
  if (named && TEST_FILE.test(path)) return `${path.slice(path.lastIndexOf('/') + 1)} is named for tests: an image for tests`;
  if (root && !root.isScratch && root.stage === null && TEST_BASES.test(fullName(root))) return `FROM ${root.raw}, a browser-test image: an image for tests`;
  const runner = command ? testRunnerIn(command.words) : null;
  if (runner) return `${command!.keyword} ${runner}: an image that runs tests`;
  return null;
}
