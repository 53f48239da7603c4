// The dependencies a Node or Go app declares near a Dockerfile — package.json `dependencies`, go.mod
// `require` — which, with the image's command, are evidence that it serves (image-purpose.ts). Pure:
// the texts come from the disk facts (package.json is read with the build scripts, go.mod beside it),
// and the nearest folder that has the manifest wins: the Dockerfile's, then each parent up to the root.

import { join, relative } from 'node:path';
import { foldersUpTo } from '../parse/context/missing-sources.js';
import type { DiskFacts, FileRead } from './disk-facts.js';

export interface AppManifests {
  /** `dependencies` of the nearest package.json (not devDependencies: they do not run), and that file. */
  node: string[];
  nodeSource: string | null;
  /** Modules the nearest go.mod requires directly (not `// indirect`), and that file. */
  go: string[];
  goSource: string | null;
}

/** The `dependencies` names of a package.json text; null when it is not a JSON object. */
export function packageJsonDependencies(text: string): string[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const deps = (json as Record<string, unknown>).dependencies;
  return deps && typeof deps === 'object' && !Array.isArray(deps) ? Object.keys(deps) : [];
}

/** The module paths a go.mod requires directly, in `require x v1` lines and `require ( … )` blocks. */
export function goModRequires(text: string): string[] {
  const out: string[] = [];
  let block = false;
  for (const raw of text.split(/\r?\n/)) {
    const indirect = /\/\/\s*indirect\b/.test(raw);
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (block) {
      if (line === ')') block = false;
      else if (line && !indirect) out.push(line.split(/\s+/)[0]!);
    } else if (/^require\s*\($/.test(line)) block = true;
    else if (/^require\s+\S+/.test(line) && !indirect) out.push(line.split(/\s+/)[1]!);
  }
  return out.map((m) => m.replace(/^"|"$/g, ''));
}

/** The app manifests for a Dockerfile in `dockerfileDir`, from the texts the disk facts hold. */
export function appManifestsFor(disk: DiskFacts, dockerfileDir: string, root: string): AppManifests {
  const out: AppManifests = { node: [], nodeSource: null, go: [], goSource: null };
  const shown = (file: string) => relative(dockerfileDir, file).split('\\').join('/');
  const text = (r: FileRead | undefined) => (r && r.ok ? r.text : null);
  for (const dir of foldersUpTo(dockerfileDir, root)) {
    const file = join(dir, 'package.json');
    // Only a package.json that is there is parsed: JSON.parse('') throwing for every folder of every
    // Dockerfile cost ~0.2 s CPU on 481 real Dockerfiles.
    const packageText = out.nodeSource === null ? text(disk.buildScripts[file]) : null;
    const deps = packageText === null ? null : packageJsonDependencies(packageText);
    if (deps) [out.node, out.nodeSource] = [deps, shown(file)];
    const mod = join(dir, 'go.mod');
    const goText = out.goSource === null ? text(disk.goMods[mod]) : null;
    if (goText !== null) [out.go, out.goSource] = [goModRequires(goText), shown(mod)];
  }
  return out;
}

/** The app manifests from the files a Dockerfile copies (copied-manifests.ts): every copied package.json's and go.mod's requirements. */
export function appManifestsOf(disk: DiskFacts, files: { node: readonly string[]; go: readonly string[] }, dockerfileDir: string): AppManifests {
  const out: AppManifests = { node: [], nodeSource: null, go: [], goSource: null };
  const shown = (file: string) => relative(dockerfileDir, file).split('\\').join('/');
  for (const file of files.node) {
    const r = disk.buildScripts[file];
    const deps = r && r.ok ? packageJsonDependencies(r.text) : null;
    if (!deps) continue;
    out.node = [...new Set([...out.node, ...deps])];
    out.nodeSource ??= shown(file);
  }
  for (const file of files.go) {
    const r = disk.goMods[file];
    if (!r || !r.ok) continue;
    out.go = [...new Set([...out.go, ...goModRequires(r.text)])];
    out.goSource ??= shown(file);
  }
  return out;
}
