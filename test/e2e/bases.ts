// Local base images for the init e2e tests (no image can be pulled): Python, Node.js and Go made from
// this machine's Debian interpreters and toolchain on top of slipway-test/busybox:1, each built once
// (an existing tag is reused), plus groupadd/useradd shims that do what Debian's do for the one user.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baseImage, docker } from './env.js';

export const PY_BASE = 'slipway-test/python:3.11';
export const NODE_BASE = 'slipway-test/node:20';

const GROUPADD = `#!/bin/sh
# groupadd shim for the test base image: [--system] --gid N NAME
gid=""; name=""
while [ $# -gt 0 ]; do case "$1" in --gid|-g) gid="$2"; shift 2;; -*) shift;; *) name="$1"; shift;; esac; done
echo "$name:x:$gid:" >> /etc/group
`;
const USERADD = `#!/bin/sh
# useradd shim for the test base image: [--system] --uid N --gid G [--home-dir H] [--shell S] NAME
uid=""; gid=""; home=/nonexistent; sh=/bin/false; name=""
while [ $# -gt 0 ]; do case "$1" in
  --uid|-u) uid="$2"; shift 2;; --gid|-g) gid="$2"; shift 2;; --home-dir|-d) home="$2"; shift 2;;
  --shell|-s) sh="$2"; shift 2;; -*) shift;; *) name="$1"; shift;; esac; done
case "$gid" in *[!0-9]*) gid=$(awk -F: -v g="$gid" '$1 == g { print $3 }' /etc/group);; esac
echo "$name:x:$uid:$gid::$home:$sh" >> /etc/passwd
`;

function sharedLibs(binaries: string[]): string[] {
  const out = new Set<string>(['/lib64/ld-linux-x86-64.so.2']);
  for (const b of binaries) {
    let text = '';
    try {
      text = execFileSync('ldd', [b], { encoding: 'utf8' });
    } catch {
      continue; // a static binary: ldd exits 1
    }
    for (const m of text.matchAll(/=>\s+(\/\S+)/g)) out.add(m[1]!);
  }
  return [...out];
}

/** Builds `tag` FROM the busybox base + the host's files (tar with symlinks followed), if absent. */
export async function baseFromHost(tag: string, files: string[], extra: string[], dir: string): Promise<void> {
  if ((await docker(['image', 'inspect', tag])).code === 0) return;
  await mkdir(join(dir, 'ctx', 'shims'), { recursive: true });
  execFileSync('tar', ['-chf', join(dir, 'ctx', 'rootfs.tar'), ...files.map((f) => f.replace(/^\//, ''))], { cwd: '/' });
  await writeFile(join(dir, 'ctx', 'shims', 'groupadd'), GROUPADD);
  await writeFile(join(dir, 'ctx', 'shims', 'useradd'), USERADD);
  await chmod(join(dir, 'ctx', 'shims', 'groupadd'), 0o755);
  await chmod(join(dir, 'ctx', 'shims', 'useradd'), 0o755);
  await writeFile(
    join(dir, 'ctx', 'Dockerfile'),
    [`FROM ${baseImage}`, 'ADD rootfs.tar /', 'COPY shims/ /usr/sbin/', ...extra, ''].join('\n'),
  );
  const r = await docker(['build', '--network', 'none', '-t', tag, join(dir, 'ctx')], { timeoutMs: 300_000 });
  assert.equal(r.code, 0, `building ${tag}: ${r.stderr.slice(-2000)}`);
}

export async function pythonBase(dir: string): Promise<void> {
  const py = '/usr/bin/python3.11';
  if (!existsSync('/usr/lib/python3.11/venv') || !existsSync('/usr/share/python-wheels'))
    throw new Error('the Python base image needs Debian python3.11 with python3.11-venv and python3-pip-whl');
  const dynload = execFileSync('sh', ['-c', 'ls /usr/lib/python3.11/lib-dynload/*.so'], { encoding: 'utf8' }).trim().split('\n');
  await baseFromHost(PY_BASE, [py, '/usr/lib/python3.11', '/usr/share/python-wheels', ...sharedLibs([py, ...dynload])], [
    'RUN ln -s /usr/bin/python3.11 /usr/bin/python && ln -s /usr/bin/python3.11 /usr/bin/python3',
  ], dir);
}

export async function nodeBase(dir: string): Promise<void> {
  await baseFromHost(NODE_BASE, ['/usr/bin/node', '/usr/lib/node_modules/npm', ...sharedLibs(['/usr/bin/node'])], [
    'RUN ln -s /usr/lib/node_modules/npm/bin/npm-cli.js /usr/bin/npm',
    // No registry is reachable from a container: no audit, fund or update checks.
    'ENV NPM_CONFIG_AUDIT=false NPM_CONFIG_FUND=false NPM_CONFIG_UPDATE_NOTIFIER=false',
  ], dir);
}

export const GO_BASE = 'slipway-test/go:1.19';

/** Debian's Go 1.19 toolchain (golang-go; the go binary is static) on the busybox base. */
export async function goBase(dir: string): Promise<void> {
  const goroot = '/usr/lib/go-1.19';
  if (!existsSync(`${goroot}/bin/go`)) throw new Error('the Go base image needs Debian golang-go (Go 1.19)');
  // Debian links go and its tools (compile, link, asm …) against glibc: their libraries come along.
  const tools = execFileSync('sh', ['-c', `ls ${goroot}/bin/* ${goroot}/pkg/tool/*/*`], { encoding: 'utf8' }).trim().split('\n');
  await baseFromHost(GO_BASE, [goroot, '/usr/share/go-1.19', ...sharedLibs(tools)].filter(existsSync), [
    `ENV PATH=${goroot}/bin:$PATH GOROOT=${goroot} GOPATH=/go GOCACHE=/tmp/go-cache GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local HOME=/root`,
    'RUN mkdir -p /go /tmp/go-cache /root',
  ], dir);
}
