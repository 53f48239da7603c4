import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detect, DetectError, majorMinor, parseRemote } from '../../../src/scaffold/detect.js';
import { goPort, nodePort, pythonPort } from '../../../src/scaffold/detect/ports.js';
import { nodeMajorFor } from '../../../src/scaffold/detect/node.js';
import { readPythonManifests } from '../../../src/project/load-facts.js';
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
    const s = detect(project({ 'requirements.txt': '', 'run.py': 'print(1)\n' }), { language: 'python', entry: 'run.py', port: 5000 });
    assert.equal(s.entry, 'run.py');
    assert.equal(s.port, 5000);
    assert.deepEqual(s.unknown, []);
  });
  it('reports what it could not find', () => {
    const s = detect(project({ 'requirements.txt': 'flask\n' }));
    assert.ok(s.unknown.includes('entry'));
    assert.match(s.why.entry!, /no `app = Flask\(\.\.\.\)`/);
    assert.equal(s.missingServer, 'gunicorn');
  });
  it('--entry naming a file that is not there is refused', () => {
    assert.throws(() => detect(project({ 'requirements.txt': '' }), { entry: 'run.py' }), /run\.py is not in the project/);
  });
  it('Django without STATIC_ROOT skips collectstatic', () => {
    const s = detect(project({ 'requirements.txt': 'django\n', 'manage.py': "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')", 'proj/wsgi.py': '' }));
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
  it('majorMinor and the port readers', () => {
    assert.equal(majorMinor('3.11.4'), '3.11');
    assert.equal(majorMinor('20.1', true), '20');
    assert.deepEqual(pythonPort("port = int(os.environ.get('PORT', 5001))"), { port: 5001, env: 'PORT' });
    assert.deepEqual(pythonPort('nothing here'), {});
    // A Redis client's port never beats the app's listen.
    assert.deepEqual(nodePort("const r = redis.createClient({ host: 'redis', port: 6379 });\napp.listen(5000);\n"), { port: 5000 });
    assert.deepEqual(nodePort('const port = process.env.PORT || 8080;\napp.listen(port);\n'), { port: 8080, env: 'PORT' });
    assert.deepEqual(nodePort('// app.listen(1234)\n'), {});
    assert.deepEqual(goPort('log.Fatal(http.ListenAndServe(":80", r))'), { port: 80 });
    assert.deepEqual(goPort('import "github.com/gin-gonic/gin"\nr.Run()'), { port: 8080, env: 'PORT' });
    assert.deepEqual(goPort('Port string `env:"HTTP_PORT,required"`'), { port: undefined, env: 'HTTP_PORT' });
  });
  it('engines.node is rounded up to a supported LTS the range allows', () => {
    assert.deepEqual(nodeMajorFor('>=20'), { major: '22' });
    assert.deepEqual(nodeMajorFor('>=20.0.0'), { major: '22' });
    assert.deepEqual(nodeMajorFor('^22.1'), { major: '22' });
    assert.deepEqual(nodeMajorFor('18.x || 20.x || 22.x'), { major: '22' });
    assert.equal(nodeMajorFor('^18')!.major, '18');
    assert.match(nodeMajorFor('^18')!.note!, /end-of-life/);
  });
  it('the shared manifest reader follows -r and keeps extras', () => {
    const files: Record<string, string> = {
      'requirements.txt': 'Flask_Login==1\n-r other.txt\n# c\npsycopg2-binary; python_version>"3"\n',
      'other.txt': 'fastapi[standard]>=0.110\n',
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["uvicorn[standard]>=0.29", "pkg[extra]"]\n',
    };
    const d = readPythonManifests(['requirements.txt', 'pyproject.toml'], (p) => files[p] ?? null);
    assert.deepEqual([...d.direct.keys()], ['flask-login', 'fastapi', 'psycopg2-binary', 'uvicorn', 'pkg']);
    assert.ok(d.extras.has('fastapi[standard]') && d.extras.has('pkg[extra]'));
  });
});
