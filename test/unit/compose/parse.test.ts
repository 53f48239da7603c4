import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkProject } from '../../../src/engine/check-project.js';
import {
  asMap,
  composeHealthcheckFor,
  composeOf,
  get,
  interpolate,
  parseDotenv,
  plain,
  str,
} from '../../../src/parse/compose/index.js';
import { NO_FACTS } from '../../../src/project/facts.js';
import { projectOf } from '../../rules/project-harness.js';

const lookup = (env: Record<string, string>) => (n: string) => env[n];

describe('interpolate', () => {
  const env = lookup({ SET: 'v', EMPTY: '' });
  const cases: [string, string][] = [
    ['${SET}', 'v'],
    ['$SET/x', 'v/x'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${UNSET-d}', 'd'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${SET:?boom}', 'v'],
    ['$$SET and $${SET}', '$SET and ${SET}'],
    ['${UNSET:-${SET}-x}', 'v-x'],
    ['a:${UNSET:-}', 'a:'],
  ];
  for (const [input, want] of cases) it(`${input} → ${JSON.stringify(want)}`, () => assert.equal(interpolate(input, env).value, want));

  it('records every use with its offsets and form', () => {
    const r = interpolate('x ${A:-${B}} $C $$D', env);
    assert.deepEqual(
      r.uses.map((u) => [u.name, u.start, u.end, u.form, u.nested]),
      [
        ['A', 2, 12, ':-', false],
        ['B', 7, 11, '', true],
        ['C', 13, 15, '', false],
      ],
    );
  });

  it('reports required variables and unterminated braces without throwing', () => {
    assert.deepEqual(interpolate('${X:?set X}', env).errors, ['required variable X is missing a value: set X']);
    assert.deepEqual(interpolate('${EMPTY?e}', env).errors, []);
    assert.deepEqual(interpolate('${EMPTY:?e}', env).errors.length, 1);
    assert.match(interpolate('${OPEN', env).errors[0]!, /unterminated/);
    assert.match(interpolate('${1X}', env).errors[0]!, /invalid/);
  });
});

describe('parseDotenv', () => {
  it('reads quotes, export, comments', () => {
    const text = '# comment\nA=1\nexport B="two words" # c\nC=\'lit $X\'\nD=plain # trailing\nE="multi\nline"\n  F = spaced\nG\n';
    assert.deepEqual(
      parseDotenv(text).entries.map((e) => [e.name, e.value]),
      [
        ['A', '1'],
        ['B', 'two words'],
        ['C', 'lit $X'],
        ['D', 'plain'],
        ['E', 'multi\nline'],
        ['F', 'spaced'],
      ],
    );
  });
});

describe('composeOf', () => {
  it('merges the base with its override as docker compose does', () => {
    const p = projectOf({
      'compose.yaml':
        'services:\n  web:\n    image: app:1\n    command: ["a", "b"]\n    ports:\n      - "80:80"\n    environment:\n      A: "1"\n      B: "1"\n    labels: [x=1]\n    volumes:\n      - data:/data\n',
      'compose.override.yaml':
        'services:\n  web:\n    build: .\n    command: serve\n    ports:\n      - "80:80"\n      - "9229:9229"\n    environment:\n      - B=2\n      - C=3\n    labels:\n      y: "2"\n    volumes:\n      - ./data:/data\n      - .:/app\n  db:\n    image: postgres:16\n',
      'docker-compose.yml': 'services:\n  other:\n    image: x\n',
    });
    const m = composeOf(p);
    assert.equal(m.projects.length, 2);
    const [main, other] = m.projects;
    assert.deepEqual(main!.files.map((f) => [f.file.path, f.role]), [
      ['compose.yaml', 'base'],
      ['compose.override.yaml', 'override'],
    ]);
    assert.deepEqual(other!.files.map((f) => [f.file.path, f.role]), [['docker-compose.yml', 'extra']]);
    assert.deepEqual(plain(get(main!.merged, 'services', 'web')), {
      image: 'app:1',
      command: 'serve',
      ports: ['80:80', '9229:9229'],
      environment: { A: '1', B: '2', C: '3' },
      labels: { x: '1', y: '2' },
      volumes: ['./data:/data', '.:/app'],
      build: '.',
    });
    assert.deepEqual(main!.services.map((s) => [s.name, s.keyLocs.map((l) => l.file.path)]), [
      ['web', ['compose.yaml', 'compose.override.yaml']],
      ['db', ['compose.override.yaml']],
    ]);
    // Back-pointers: the merged value points to the file and range it came from.
    const env = asMap(get(main!.merged, 'services', 'web', 'environment'))!;
    const b = env.entries.get('B')!;
    assert.equal(b.value.loc.file.path, 'compose.override.yaml');
    assert.equal(b.value.loc.file.text.slice(b.value.loc.start, b.value.loc.end), '2');
    const a = env.entries.get('A')!;
    assert.equal(a.value.loc.file.path, 'compose.yaml');
    const image = get(main!.merged, 'services', 'web', 'image')!;
    assert.equal(p.files[0]!.lines.positionAt(image.loc.start).line, 3);
  });

  it('resolves anchors, aliases and merge keys (explicit keys win)', () => {
    const p = projectOf({
      'compose.yaml':
        'x-base: &base\n  restart: always\n  image: base:1\nx-env: &env\n  A: "1"\nservices:\n  a:\n    <<: *base\n    image: own:2\n    environment: *env\n  b:\n    <<: [*base]\n',
    });
    const m = composeOf(p);
    assert.deepEqual(plain(get(m.projects[0]!.merged, 'services')), {
      a: { restart: 'always', image: 'own:2', environment: { A: '1' } },
      b: { restart: 'always', image: 'base:1' },
    });
    // The aliased value points at the anchor's definition.
    const r = get(m.projects[0]!.merged, 'services', 'b', 'restart')!;
    assert.equal(p.files[0]!.lines.positionAt(r.loc.start).line, 2);
  });

  it('interpolates against .env and the given environment (which wins), never process.env', () => {
    process.env.SLIPWAY_TEST_LEAK = 'leak';
    const p = projectOf({
      'compose.yaml': 'services:\n  web:\n    image: "app:${TAG}"\n    environment:\n      X: ${FROM_ENV:-none}\n      L: ${SLIPWAY_TEST_LEAK:-no}\n      E: $$HOME\n',
      '.env': 'TAG=dotenv\nFROM_ENV=dotenv\n',
    }, undefined, { environment: { FROM_ENV: 'shell' } });
    const web = get(composeOf(p).projects[0]!.merged, 'services', 'web');
    delete process.env.SLIPWAY_TEST_LEAK;
    assert.equal(str(get(web, 'image')), 'app:dotenv');
    assert.deepEqual(plain(get(web, 'environment')), { X: 'shell', L: 'no', E: '$HOME' });
    const vars = composeOf(p).files[0]!.vars;
    assert.deepEqual(
      vars.map((v) => [v.name, p.files[0]!.lines.positionAt(v.start), v.defined]),
      [
        ['TAG', { line: 3, column: 17 }, true],
        ['FROM_ENV', { line: 5, column: 10 }, true],
        ['SLIPWAY_TEST_LEAK', { line: 6, column: 10 }, false],
      ],
    );
  });

  it('puts invalid YAML in errors with its position, and still checks the rest', () => {
    const p = projectOf({
      'compose.yaml': 'services:\n  web:\n    image: [unclosed\n',
      'sub/compose.yaml': 'services:\n  ok:\n    image: x:1\n',
      'sub2/compose.yaml': '\u0000\u0001binary\u0000: : :\n',
    });
    const result = checkProject(p, { rules: [], settings: { trustedRegistries: [], labelSchema: {}, strictLabels: false }, factsFor: () => NO_FACTS });
    assert.ok(result.errors.length >= 2);
    const e = result.errors.find((x) => x.file === 'compose.yaml')!;
    assert.match(e.message, /invalid YAML/);
    assert.ok(e.line >= 3, `line ${e.line}`);
    assert.ok(result.errors.some((x) => x.file === 'sub2/compose.yaml'));
    const m = composeOf(p);
    assert.equal(m.projects.find((x) => x.files[0]!.file.path === 'sub/compose.yaml')!.services[0]!.name, 'ok');
  });

  it('survives wrong types anywhere', () => {
    for (const text of ['', 'services:', 'services: 3', 'services:\n  web:\n', 'services:\n  - a\n', '- 1\n', 'a: *nope\n', 'services:\n  web:\n    ports: "80"\n    environment: 3\n    build: [1]\n']) {
      const p = projectOf({ 'compose.yaml': text, 'compose.override.yaml': text });
      assert.doesNotThrow(() => composeOf(p));
      assert.doesNotThrow(() => composeHealthcheckFor(p, '/project/Dockerfile'));
    }
  });

  it('a billion-laughs file stays cheap: aliases stop expanding at a fixed budget', { timeout: 60_000 }, () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const p = projectOf({ 'compose.yaml': text });
    const value = composeOf(p).projects[0]!.files[0]!.value;
    // Fully expanded this is 10^12 scalars; the converter's budget (200,000 values) bounds it.
    const count = (v: any): number => (v?.kind === 'map' ? 1 + [...v.entries.values()].reduce((n: number, e: any) => n + count(e.value), 0) : v?.kind === 'seq' ? 1 + v.items.reduce((n: number, i: any) => n + count(i), 0) : 1);
    const n = count(value);
    assert.ok(n > 1000 && n <= 200_100, `values built: ${n}`);
  });
});

describe('composeHealthcheckFor', () => {
  const files = (hc: string) => ({
    'compose.yaml': `services:\n  web:\n    image: ghcr.io/o/app:\${TAG:-latest}\n${hc}`,
    'compose.override.yaml': 'services:\n  web:\n    build:\n      context: ./app\n      dockerfile: Dockerfile.prod\n',
    'app/Dockerfile.prod': 'FROM alpine\n',
  });
  it('is true for a service built from that Dockerfile with a healthcheck', () => {
    assert.equal(composeHealthcheckFor(projectOf(files('    healthcheck:\n      test: ["CMD", "true"]\n')), '/project/app/Dockerfile.prod'), true);
  });
  it('is false without one, when disabled, or for another Dockerfile', () => {
    assert.equal(composeHealthcheckFor(projectOf(files('')), '/project/app/Dockerfile.prod'), false);
    assert.equal(composeHealthcheckFor(projectOf(files('    healthcheck:\n      disable: true\n')), '/project/app/Dockerfile.prod'), false);
    assert.equal(composeHealthcheckFor(projectOf(files('    healthcheck:\n      test: ["NONE"]\n')), '/project/app/Dockerfile.prod'), false);
    assert.equal(composeHealthcheckFor(projectOf(files('    healthcheck:\n      test: ["CMD", "true"]\n')), '/project/Dockerfile'), false);
  });
  it('counts another service running the image that Dockerfile builds', () => {
    const p = projectOf({
      'compose.yaml':
        'services:\n  builder:\n    image: app:1\n    build: .\n  worker:\n    image: app:1\n    healthcheck:\n      test: ["CMD", "true"]\n',
      Dockerfile: 'FROM alpine\n',
    });
    assert.equal(composeHealthcheckFor(p, '/project/Dockerfile'), true);
  });
});
