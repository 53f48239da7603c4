// The per-load folder listings load-disk.ts probes names through (folder-names.ts): a name they call
// absent must be one the safe reader and stat would also find absent, so the disk facts cannot change;
// and listings are never kept from one load to the next (a link swapped between folders is seen).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildProject } from '../../src/project/build.js';
import { FolderNames } from '../../src/project/folder-names.js';
import { loadDiskFacts } from '../../src/project/load-disk.js';
import { NO_SUCH_FILE, readProjectFile } from '../../src/project/read-file.js';

const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(d, { recursive: true, force: true }));
  return d;
};

/** A project of awkward entries: dangling links, links out, a FIFO, a file where a folder is expected, other letter cases. */
function hostileTree(): { root: string; outside: string } {
  const root = tmp('slipway-names-');
  const outside = tmp('slipway-names-out-');
  writeFileSync(join(outside, 'Makefile'), 'build:\n\tdocker build ../secret\n');
  writeFileSync(join(outside, 'go.mod'), 'module evil\n');
  mkdirSync(join(root, 'app', 'sub'), { recursive: true });
  writeFileSync(join(root, 'app', 'makefile'), 'all:\n'); // only the lower-case name
  writeFileSync(join(root, 'app', 'Package.JSON'), '{}'); // only another case
  writeFileSync(join(root, 'app', 'go.mod'), 'module app\n');
  symlinkSync(join(root, 'nowhere'), join(root, 'app', 'Makefile.dangling'));
  symlinkSync(join(root, 'nowhere'), join(root, 'app', 'GNUmakefile')); // a probed name, dangling
  symlinkSync(join(outside, 'go.mod'), join(root, 'app', 'sub', 'go.mod')); // a probed name, linked out
  symlinkSync(outside, join(root, 'linked-out')); // a parent folder that leaves the project
  symlinkSync(join(root, 'missing-dir'), join(root, 'dangling-dir'));
  writeFileSync(join(root, 'plain-file'), 'x');
  execFileSync('mkfifo', [join(root, 'app', 'package.json')]);
  writeFileSync(join(root, 'app', 'café'), 'x');
  return { root, outside };
}

const PROBES = ['Makefile', 'makefile', 'GNUmakefile', 'package.json', 'Package.json', 'go.mod', 'docker-bake.hcl', '.gitignore', 'Makefile.dangling', 'café', 'cafe'];
const FOLDERS = ['', 'app', 'app/sub', 'linked-out', 'dangling-dir', 'plain-file', 'missing-dir', 'app/missing'];

describe('FolderNames', () => {
  it('says absent only what the safe reader and stat also find absent', () => {
    const { root } = hostileTree();
    const names = new FolderNames();
    let absent = 0;
    for (const folder of FOLDERS) {
      for (const name of PROBES) {
        const abs = join(root, folder, name);
        if (names.mayHold(abs)) continue;
        absent++;
        assert.deepEqual(readProjectFile(abs, { within: root }), { ok: false, code: 'missing', message: NO_SUCH_FILE }, abs);
        assert.throws(() => statSync(abs), abs);
      }
    }
    assert.ok(absent > 40, `only ${absent} probes were answered from a listing`); // the cache does answer
  });

  it('holds a name in any letter case (a case-insensitive disk opens `makefile` as `Makefile`), a dangling link, a FIFO', () => {
    const { root } = hostileTree();
    const names = new FolderNames();
    for (const name of ['Makefile', 'makefile', 'MAKEFILE', 'package.json', 'PACKAGE.json', 'GNUmakefile', 'Makefile.dangling']) {
      assert.equal(names.mayHold(join(root, 'app', name)), true, name);
    }
    assert.equal(names.mayHold(join(root, 'app', 'docker-bake.hcl')), false);
    assert.equal(names.mayHold(join(root, 'app', 'nope', 'Makefile')), false); // the folder is not there
    assert.equal(names.mayHold(join(root, 'plain-file', 'Makefile')), false); // a file, not a folder
    assert.equal(names.mayHold(join(root, 'dangling-dir', 'Makefile')), false);
  });

  it('leaves names with non-ASCII letters to the reader (a disk may fold or normalise them)', () => {
    const { root } = hostileTree();
    assert.equal(new FolderNames().mayHold(join(root, 'app', 'CAFÉ')), true);
    assert.equal(new FolderNames().mayHold(join(root, 'app', 'naïve')), true);
  });

  it('lists through a parent folder that is a link out of the project, and the reader still refuses what it finds there', () => {
    const { root } = hostileTree();
    const names = new FolderNames();
    assert.equal(names.mayHold(join(root, 'linked-out', 'Makefile')), true);
    assert.equal(readProjectFile(join(root, 'linked-out', 'Makefile'), { within: root }).ok, false);
    assert.equal(names.mayHold(join(root, 'linked-out', 'package.json')), false);
  });
});

describe('the disk facts through the listings', () => {
  const facts = (root: string, dockerfile: string) => {
    const text = 'FROM alpine:3\n';
    return loadDiskFacts(buildProject(root, [{ kind: 'dockerfile', path: dockerfile, absPath: join(root, dockerfile), text }])).disk;
  };

  it('a FIFO, a dangling link and a link out among the probed names: refused as before, nothing opened', () => {
    const { root } = hostileTree();
    writeFileSync(join(root, 'app', 'sub', 'Dockerfile'), 'FROM alpine:3\n');
    const disk = facts(root, 'app/sub/Dockerfile');
    const code = (r: { ok: boolean; code?: string } | undefined) => (r ? (r.ok ? 'ok' : r.code) : 'absent');
    assert.equal(code(disk.buildScripts[join(root, 'app', 'package.json')]), 'not-a-file');
    assert.equal(code(disk.buildScripts[join(root, 'app', 'makefile')]), 'ok');
    // Dangling: the reader's own refusal (a `missing` with its own message) is dropped with the other missing ones.
    assert.equal(code(disk.buildScripts[join(root, 'app', 'GNUmakefile')]), 'absent');
    assert.equal(code(disk.goMods[join(root, 'app', 'sub', 'go.mod')]), 'outside');
    assert.equal(code(disk.goMods[join(root, 'app', 'go.mod')]), 'ok');
    assert.equal(code(disk.buildScripts[join(root, 'app', 'Makefile')]), 'absent');
  });

  it('a Dockerfile whose folder is a link out of the project (swapped after discovery): what is there is refused', () => {
    const { root, outside } = hostileTree();
    writeFileSync(join(outside, 'Dockerfile'), 'FROM alpine:3\n');
    const disk = facts(root, 'linked-out/Dockerfile');
    assert.deepEqual(disk.buildScripts[join(root, 'linked-out', 'Makefile')], { ok: false, code: 'outside', message: 'a symlink to a file outside the project: not read' });
    assert.equal(disk.goMods[join(root, 'linked-out', 'go.mod')]?.ok, false);
  });

  it('a link swapped between two folders: the next load lists the folder it points at now', () => {
    const root = tmp('slipway-names-swap-');
    for (const d of ['one', 'two']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'one', 'Dockerfile'), 'FROM alpine:3\n');
    writeFileSync(join(root, 'two', 'Dockerfile'), 'FROM alpine:3\n');
    writeFileSync(join(root, 'two', 'Makefile'), 'all:\n\tdocker build .\n');
    symlinkSync('one', join(root, 'svc'));
    assert.equal(facts(root, 'svc/Dockerfile').buildScripts[join(root, 'svc', 'Makefile')], undefined);
    unlinkSync(join(root, 'svc'));
    symlinkSync('two', join(root, 'svc'));
    assert.deepEqual(facts(root, 'svc/Dockerfile').buildScripts[join(root, 'svc', 'Makefile')], { ok: true, text: 'all:\n\tdocker build .\n' });
  });
});
