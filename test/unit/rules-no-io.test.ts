// Rules do no I/O: whatever the disk says reaches them as data (project.disk, loaded by
// src/project/load-disk.ts before the rules run). This reads the import graph of the source and
// fails when a rule, or anything a rule or the engine loads, could reach the file system, a process
// or git.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = join(ROOT, 'src');

/** Node modules that touch the disk or start processes. */
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process)$/;
/** slipway's own modules that do I/O: git, the project reader and the loaders. */
const IO_FILES = ['git.ts', 'project/read-file.ts', 'project/load-disk.ts', 'project/load-facts.ts', 'project/walk-context.ts', 'project/source-kind.ts'].map((f) => join(SRC, f));
/** Loads slipway's own bundled code (mvdan-sh) through V8's code cache: no project file is read. */
const CODE_LOADER = join(SRC, 'util/code-cache.ts');

/** The runtime imports of a TypeScript source (type-only imports have no effect at run time). */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) {
    if (m[2]) continue;
    out.push((m[3] ?? m[4] ?? m[5])!);
  }
  return out;
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const ts = resolve(dirname(from), spec.replace(/\.js$/, '.ts'));
  return existsSync(ts) ? ts : null;
}

/** Every I/O import reachable from `entry`, with the chain of files that leads to it. */
function ioReachableFrom(entry: string): string[] {
  const parent = new Map<string, string | null>([[entry, null]]);
  const stack = [entry];
  const found: string[] = [];
  const chain = (f: string) => {
    const out = [];
    for (let x: string | null = f; x; x = parent.get(x) ?? null) out.unshift(relative(ROOT, x));
    return out.join(' → ');
  };
  while (stack.length) {
    const file = stack.pop()!;
    if (file === CODE_LOADER) continue;
    if (IO_FILES.includes(file)) {
      found.push(chain(file));
      continue;
    }
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (IO_MODULES.test(spec)) found.push(`${chain(file)} → ${spec}`);
      const next = resolveImport(file, spec);
      if (next && !parent.has(next)) {
        parent.set(next, file);
        stack.push(next);
      }
    }
  }
  return found;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('rules do no I/O', () => {
  it('the import reader sees runtime imports and skips type-only ones', () => {
    const text = "import type { A } from './a.js';\nimport {\n  b,\n  type C,\n} from 'node:fs';\nexport { d } from '../git.js';\nconst x = await import('child_process');\nimport './side.js';\n";
    assert.deepEqual(runtimeImports(text), ['node:fs', '../git.js', 'child_process', './side.js']);
  });

  it('no file under src/rules imports fs, child_process, src/git.ts or a project reader', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(join(SRC, 'rules'))) {
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        const target = resolveImport(file, spec);
        if (IO_MODULES.test(spec) || (target && IO_FILES.includes(target))) offenders.push(`${relative(ROOT, file)}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('nothing the rules or the engine load reaches the disk, a process or git', () => {
    for (const entry of ['rules/index.ts', 'engine/check-project.ts', 'engine/check-dockerfile.ts']) {
      assert.deepEqual(ioReachableFrom(join(SRC, entry)), [], entry);
    }
  });

  it('the graph walk finds I/O behind an import chain (the check can fail)', () => {
    assert.ok(ioReachableFrom(join(SRC, 'project/load-disk.ts')).length > 0);
    assert.ok(ioReachableFrom(join(SRC, 'cli/commands/check.ts')).some((c) => c.includes('project/load-disk.ts')));
  });
});
