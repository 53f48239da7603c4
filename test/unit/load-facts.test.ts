import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadProjectFacts, requirementName } from '../../src/project/load-facts.js';

const roots: string[] = [];
/** A temp repo (with .git) holding the given files. */
function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slipway-facts-'));
  roots.push(root);
  mkdirSync(join(root, '.git'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe('requirementName', () => {
  it('reads PEP 508 names', () => {
    assert.equal(requirementName('requests[socks,security]>=2.0; python_version < "3.8"'), 'requests');
    assert.equal(requirementName('Pydantic_Core==2.1'), 'pydantic-core');
    assert.equal(requirementName('mypkg @ https://example.com/mypkg.whl'), 'mypkg');
    assert.equal(requirementName('numpy'), 'numpy');
    assert.equal(requirementName('zope.interface ~= 6.0'), 'zope-interface');
    assert.equal(requirementName('>=1'), null);
  });
});

describe('loadProjectFacts', () => {
  it('reads requirements files with -r includes, extras, markers, comments, hashes and options', () => {
    const root = repo({
      'requirements.txt':
        '# top\n-r requirements/base.txt\n--index-url https://pypi.example.com/simple\nflask[async]>=3.0  # web\n' +
        'uvloop; sys_platform != "win32"\npsycopg2-binary==2.9.9 \\\n    --hash=sha256:abc\n-e git+https://github.com/org/lib.git#egg=Org_Lib\n./local-pkg\n-c constraints.txt\n',
      'requirements/base.txt': 'NumPy==1.26\n-r ../requirements.txt\n',
      'constraints.txt': 'never-a-dependency==1\n',
    });
    const facts = loadProjectFacts(root);
    assert.deepEqual(facts.pythonDependencies.sort(), ['flask', 'numpy', 'org-lib', 'psycopg2-binary', 'uvloop']);
    assert.deepEqual(facts.pythonDependencySources.sort(), ['requirements.txt', 'requirements/base.txt']);
    assert.equal(facts.composeHealthcheck, false);
  });

  it('reads PEP 621 and Poetry dependencies from pyproject.toml, not optional or dev groups', () => {
    const root = repo({
      'pyproject.toml':
        '[project]\nname = "app"\ndependencies = ["pandas>=2", "httpx[http2]"]\n[project.optional-dependencies]\ndev = ["pytest"]\n' +
        '[tool.poetry.dependencies]\npython = "^3.12"\nlxml = "^5"\n[tool.poetry.group.dev.dependencies]\nblack = "*"\n',
    });
    assert.deepEqual(loadProjectFacts(root).pythonDependencies.sort(), ['httpx', 'lxml', 'pandas']);
    assert.deepEqual(loadProjectFacts(root).pythonDependencySources, ['pyproject.toml']);
  });

  it('reads Pipfile packages and lock file package names', () => {
    const root = repo({
      Pipfile: '[packages]\ncryptography = "*"\n[dev-packages]\npytest = "*"\n',
      'poetry.lock': '[[package]]\nname = "Pillow"\nversion = "10.0"\n',
      'uv.lock': 'version = 1\n[[package]]\nname = "app"\nsource = { editable = "." }\n[[package]]\nname = "grpcio"\nversion = "1.60"\n',
      'Pipfile.lock': JSON.stringify({ default: { orjson: {} }, develop: { mypy: {} } }),
    });
    const facts = loadProjectFacts(root);
    assert.deepEqual(facts.pythonDependencies.sort(), ['cryptography', 'grpcio', 'orjson', 'pillow']);
    assert.deepEqual(facts.pythonDependencySources.sort(), ['Pipfile', 'Pipfile.lock', 'poetry.lock', 'uv.lock']);
  });

  it('looks up to the repository root, the nearest directory with manifests winning', () => {
    const root = repo({
      'requirements.txt': 'scipy\n',
      'docker/Dockerfile': 'FROM python:3.12-alpine\n',
      'services/api/requirements.txt': 'fastapi\n',
    });
    assert.deepEqual(loadProjectFacts(join(root, 'docker')).pythonDependencies, ['scipy']);
    assert.deepEqual(loadProjectFacts(join(root, 'docker')).pythonDependencySources, ['../requirements.txt']);
    assert.deepEqual(loadProjectFacts(join(root, 'services/api')).pythonDependencies, ['fastapi']);
  });

  it('does not climb above the directory when there is no repository', () => {
    const outer = mkdtempSync(join(tmpdir(), 'slipway-facts-'));
    roots.push(outer);
    writeFileSync(join(outer, 'requirements.txt'), 'numpy\n');
    mkdirSync(join(outer, 'inner'));
    assert.deepEqual(loadProjectFacts(join(outer, 'inner')).pythonDependencies, []);
  });

  it('never throws: malformed, unreadable and missing files are skipped', () => {
    const root = repo({
      'pyproject.toml': '[project\ndependencies = [',
      'Pipfile': '= nonsense',
      'Pipfile.lock': '{not json',
      'uv.lock': '[[package]]\nname = 42\n',
      'requirements.txt': '-r missing.txt\n-r\n--requirement\n\u0000\nrequests\n',
    });
    mkdirSync(join(root, 'requirements-dir.txt'));
    const facts = loadProjectFacts(root);
    assert.deepEqual(facts.pythonDependencies, ['requests']);
    assert.deepEqual(loadProjectFacts(join(tmpdir(), 'slipway-no-such-dir', 'x')).pythonDependencies, []);
    assert.deepEqual(loadProjectFacts('').pythonDependencies.constructor, Array);
  });
});
