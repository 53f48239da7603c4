import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detect, DetectError, majorMinor, parseRemote, portInSource, pythonDependencies } from '../../../src/scaffold/detect.js';
import { PROJECTS, project } from './fixtures.js';

describe('detect: each stack × framework', () => {
  for (const [name, { input, expect }] of Object.entries(PROJECTS)) {
    it(name, () => {
      const stack = detect(input);
      for (const [k, v] of Object.entries(expect)) assert.deepEqual((stack as unknown as Record<string, unknown>)[k], v, `${name}: ${k}`);
    });
  }
});

describe('detect: edge cases', () => {
  it('throws DetectError when no manifest says the language', () => {
    assert.throws(() => detect(project({ 'README.md': '' })), DetectError);
  });
  it('--language and --entry/--port override detection and clear the unknowns', () => {
    const s = detect(project({ 'requirements.txt': '' }), { language: 'python', entry: 'run.py', port: 5000 });
    assert.equal(s.entry, 'run.py');
    assert.equal(s.port, 5000);
    assert.deepEqual(s.unknown, []);
  });
  it('reports what it could not find', () => {
    const s = detect(project({ 'requirements.txt': 'flask\n' }));
    assert.ok(s.unknown.includes('entry'));
    assert.equal(s.missingServer, 'gunicorn');
  });
  it('Django without STATIC_ROOT skips collectstatic', () => {
    const s = detect(project({ 'requirements.txt': 'django\n', 'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')" }));
    assert.equal(s.djangoStaticRoot, false);
  });
  it('Pipfile and PDM are recognised', () => {
    assert.equal(detect(project({ Pipfile: '[packages]\nflask = "*"\n' })).packageManager, 'pipenv');
    assert.equal(detect(project({ 'pyproject.toml': '[project]\ndependencies=[]\n[tool.pdm]\n' })).packageManager, 'pdm');
  });
  it('Go with main.go at the root builds "."', () => {
    const s = detect(project({ 'go.mod': 'module x\ngo 1.21\n', 'main.go': 'package main\n' }));
    assert.equal(s.entry, '.');
    assert.ok(s.unknown.includes('port'));
  });
});

describe('helpers', () => {
  it('parseRemote handles ssh, https and scp-like URLs', () => {
    assert.deepEqual(parseRemote('git@github.com:Acme/Shop.git'), { host: 'github.com', owner: 'acme', repo: 'shop' });
    assert.deepEqual(parseRemote('https://github.com/acme/shop'), { host: 'github.com', owner: 'acme', repo: 'shop' });
    assert.deepEqual(parseRemote('ssh://git@gitlab.com:22/group/sub/app.git'), { host: 'gitlab.com', owner: 'group/sub', repo: 'app' });
    assert.equal(parseRemote('not a url'), undefined);
  });
  it('majorMinor and portInSource', () => {
    assert.equal(majorMinor('3.11.4'), '3.11');
    assert.equal(majorMinor('20.1', true), '20');
    assert.equal(portInSource("port = int(os.environ.get('PORT', 5001))"), 5001);
    assert.equal(portInSource('nothing here'), undefined);
  });
  it('pythonDependencies normalises names', () => {
    assert.deepEqual(pythonDependencies({ 'requirements.txt': 'Flask_Login==1\n-r other.txt\n# c\npsycopg2-binary; python_version>"3"\n' }), ['flask-login', 'psycopg2-binary']);
  });
});
