// A fix never changes what the image is: for Dockerfiles written on purpose in the shapes of the
// field reports, and for generated ones, the image built after `slipway check --fix` has the same
// effective command (Entrypoint and Cmd as the shell would run them), Env, User and WorkingDir, and
// the same file tree (names, types, modes, owners, sizes, link targets, contents), as before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { main } from '../../src/cli/main.js';
import { baseImage, childEnv, docker, dockerBin, e2eSkip, requireEngine, run, tempDir, uniqueName } from './env.js';

async function slipway(argv: string[], cwd: string): Promise<string> {
  let stdout = '';
  await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: () => {}, isTTY: false, env: {}, readStdin: async () => '' });
  return stdout;
}

/** The context every case builds with: a text file, a tar archive with a plain name, a folder, an entrypoint. */
async function writeContext(dir: string): Promise<void> {
  await writeFile(join(dir, 'a.txt'), 'hello\n');
  await mkdir(join(dir, 'dir'));
  await writeFile(join(dir, 'dir', 'b.txt'), 'b\n');
  await writeFile(join(dir, 'entry.sh'), '#!/bin/sh\nexec "$@"\n', { mode: 0o755 });
  await writeFile(join(dir, 'tool'), '#!/bin/sh\necho tool\n', { mode: 0o755 });
  const r = await run('tar', ['-cf', join(dir, 'rootfs'), '-C', dir, 'a.txt', 'dir']);
  assert.equal(r.code, 0, r.stderr);
  await writeFile(join(dir, '.dockerignore'), 'Dockerfile\n');
}

/** A tar stream's entries, mtimes left out (a rebuilt RUN layer has new ones). */
function tarEntries(buf: Buffer): string[] {
  const out: string[] = [];
  let longName: string | null = null;
  let paxPath: string | null = null;
  for (let off = 0; off + 512 <= buf.length; ) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (a: number, n: number) => h.subarray(a, a + n).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const body = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m ? m[1]! : null;
      continue;
    }
    const prefix = field(345, 155);
    const name = longName ?? paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = paxPath = null;
    const mode = (parseInt(field(100, 8).trim() || '0', 8) & 0o7777).toString(8);
    const owner = `${parseInt(field(108, 8).trim() || '0', 8)}:${parseInt(field(116, 8).trim() || '0', 8)}`;
    const content = type === '0' ? createHash('sha256').update(body).digest('hex').slice(0, 16) : '';
    out.push(`${type} ${name} ${mode} ${owner} ${size} ${field(157, 100)} ${content}`);
  }
  return out.sort();
}

function dockerBytes(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(dockerBin, args, { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks)) : reject(new Error(`docker ${args[0]}: ${err}`))));
  });
}

interface Config {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  Env: string[] | null;
  User: string;
  WorkingDir: string;
}

const isShellForm = (a: string[] | null): boolean => a !== null && a.length === 3 && a[0] === '/bin/sh' && a[1] === '-c';

describe('fixes keep the image the same on the real engine', { skip: e2eSkip() }, () => {
  const images: string[] = [];
  const containers: string[] = [];
  const exercised = new Map<string, number>();
  const skipped: string[] = [];
  before(requireEngine);
  after(async () => {
    if (containers.length) await docker(['rm', '-f', ...containers]);
    if (images.length) await docker(['rmi', '-f', ...images]);
  });

  /** The argv the shell of the image makes of a shell-form command (a leading `exec` is the shell replacing itself). */
  async function shellWords(image: string, script: string): Promise<string[]> {
    const r = await docker(['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', image, '-c', 'eval "set -- $1"; for a do printf "%s\\n" "$a"; done', 'sh', script]);
    assert.equal(r.code, 0, r.stderr);
    const words = r.stdout.split('\n').slice(0, -1);
    return words[0] === 'exec' ? words.slice(1) : words;
  }

  /**
   * What the container runs: the words of a shell-form Entrypoint, else Entrypoint + Cmd as given,
   * else Cmd's words; and what its first word is in the image — a builtin of the shell, or the program
   * found on PATH (an exec-form `["cd", ...]` finds none and cannot start).
   */
  async function effective(image: string, c: Config): Promise<{ argv: string[]; program: string }> {
    let argv: string[];
    let viaShell = true;
    if (isShellForm(c.Entrypoint)) argv = await shellWords(image, c.Entrypoint![2]!);
    else if (c.Entrypoint?.length) [argv, viaShell] = [[...c.Entrypoint, ...(c.Cmd ?? [])], false];
    else if (isShellForm(c.Cmd)) argv = await shellWords(image, c.Cmd![2]!);
    else [argv, viaShell] = [c.Cmd ?? [], false];
    if (!argv.length) return { argv, program: '' };
    // busybox sh reports its applets as builtins (`command -v httpd` → httpd): a program on PATH counts as that program.
    const onPath = 'case "$1" in */*) [ -x "$1" ] && echo "$1" || echo missing;; *) which "$1" || echo missing;; esac';
    const probe = viaShell ? `p=$(command -v "$1") || { echo missing; exit 0; }; case "$p" in /*) echo "$p";; *) which "$1" || echo "builtin $p";; esac` : onPath;
    const r = await docker(['run', '--rm', '--network', 'none', '--entrypoint', '/bin/sh', image, '-c', probe, 'sh', argv[0]!]);
    return { argv, program: r.stdout.trim() };
  }

  async function imageFacts(dir: string, file: string): Promise<{ image: string; facts: unknown } | { error: string }> {
    const image = `${uniqueName('slipway-check-real-prop')}:1`;
    const b = await docker(['build', '-q', '-f', join(dir, file), '-t', image, dir], { timeoutMs: 120_000 });
    if (b.code !== 0) return { error: b.stderr.trim().split('\n').slice(-3).join('\n') };
    images.push(image);
    const config = JSON.parse((await docker(['image', 'inspect', '-f', '{{json .Config}}', image])).stdout) as Config;
    const name = uniqueName('slipway-check-real-prop');
    assert.equal((await docker(['create', '--name', name, image])).code, 0);
    containers.push(name);
    const tree = tarEntries(await dockerBytes(['export', name]));
    return { image, facts: { run: await effective(image, config), Env: config.Env, User: config.User, WorkingDir: config.WorkingDir, tree } };
  }

  async function same(name: string, dockerfile: string): Promise<void> {
    const dir = await tempDir(undefined, 'slipway-prop-');
    await writeContext(dir);
    await writeFile(join(dir, 'Dockerfile'), dockerfile);
    const report = JSON.parse(await slipway(['check', '--format', 'json', '-t', 'none', 'Dockerfile'], dir)) as { findings: { rule: string; fixable: boolean }[] };
    for (const f of report.findings) if (f.fixable) exercised.set(f.rule, (exercised.get(f.rule) ?? 0) + 1);
    await slipway(['check', '--fix', '-t', 'none', 'Dockerfile'], dir);
    const fixed = await readFile(join(dir, 'Dockerfile'), 'utf8');
    await writeFile(join(dir, 'Dockerfile.orig'), dockerfile);
    const before = await imageFacts(dir, 'Dockerfile.orig');
    const after = await imageFacts(dir, 'Dockerfile');
    if ('error' in before) {
      // Nothing to compare (a fix may well repair it: BuildKit 0.8 refuses `AS Base`, which stage-name-casing fixes).
      skipped.push(`${name}: ${before.error}`);
      return;
    }
    assert.ok(!('error' in after), `${name}: the fixed Dockerfile no longer builds:\n${fixed}\n${'error' in after ? after.error : ''}`);
    assert.deepEqual(after.facts, before.facts, `${name}: the fix changed the image.\nbefore:\n${dockerfile}\nafter:\n${fixed}`);
  }

  const B = baseImage;
  const shapes: [string, string][] = [
    ['comment lines in a continued RUN', `FROM ${B}\nrun mkdir -p /a \\\n    # make b\n    && touch /a/b\nCMD ["sh"]\n`],
    ['quoted ARG/ENV values', `ARG DIR="/opt/venv"\nFROM ${B}\nENV APP_HOME="/app" \\\n    VENV='/opt/venv'\nWORKDIR $APP_HOME\nCOPY a.txt $VENV/\nENV LEGACY a value with spaces\nCMD ["sh"]\n`],
    ['CMD exec <program>', `FROM ${B}\nCOPY a.txt /a.txt\nUSER 65534\nCMD exec httpd -f -p 8080 -h "/var/www"\n`],
    ['shell-form ENTRYPOINT with a CMD', `FROM ${B}\nCOPY entry.sh /entry.sh\nCMD ["--verbose"]\nENTRYPOINT /entry.sh\n`],
    ['shell-form ENTRYPOINT alone', `FROM ${B}\nENTRYPOINT /bin/httpd -f -p 8080\n`],
    ['shell-form CMD under an ENTRYPOINT', `FROM ${B}\nCOPY entry.sh /entry.sh\nENTRYPOINT ["/entry.sh"]\nCMD httpd -f\n`],
    ['a shell builtin as CMD', `FROM ${B}\nCMD cd /tmp\n`],
    ['ADD of an archive without an archive name, a file and a folder', `FROM ${B}\nADD rootfs /opt/rootfs/\nADD a.txt /opt/\nADD dir /opt/dir/\nCMD ["sh"]\n`],
    [
      'stages, casing, MAINTAINER, EXPOSE protocol',
      `ARG SOURCE=remote\nFROM ${B} as base\nfrom base AS remote-install\nRUN echo hi > /r\nFROM base AS local-install\nCOPY tool /t\nFROM \${SOURCE}-install AS final\nMAINTAINER Jane <j@example.com>\nEXPOSE 80/TCP\nCMD httpd -f -p 80\n`,
    ],
    ['empty continuation line', `FROM ${B}\nRUN mkdir -p /x \\\n\n    /y\nCMD ["sh"]\n`],
  ];
  for (const [name, df] of shapes) test(`field shape: ${name}`, { timeout: 180_000 }, () => same(name, df));

  test('generated Dockerfiles', { timeout: 600_000 }, async () => {
    const casing = fc.constantFrom((k: string) => k, (k: string) => k.toLowerCase(), (k: string) => k[0] + k.slice(1).toLowerCase());
    const env = fc.constantFrom('ENV APP=/srv/app', 'ENV APP /srv/app', 'ENV APP="/srv/app" MODE=\'prod x\'');
    const add = fc.constantFrom('', 'ADD a.txt /srv/', 'ADD rootfs /srv/root/', 'ADD dir /srv/dir/', 'ADD ["a.txt", "/srv/b.txt"]');
    const cmd = fc.constantFrom('', 'CMD ["httpd", "-f"]', 'CMD httpd -f -p 80', "CMD exec httpd -f -h '/var/www'", 'CMD cd /srv', 'CMD echo "a b" c');
    const entry = fc.constantFrom('', 'ENTRYPOINT /bin/sh', 'ENTRYPOINT ["/bin/sh", "-c"]', 'ENTRYPOINT exec /bin/httpd -f');
    const run_ = fc.constantFrom('RUN mkdir -p /srv', 'RUN mkdir -p /srv \\\n  # the folder\n  && chmod 750 /srv', 'RUN mkdir -p /srv && \\\n\n  touch /srv/x');
    const cases = fc.sample(
      fc.record({ k: casing, env, add, cmd, entry, run: run_, user: fc.constantFrom('', 'USER 65534', 'USER nobody'), stage: fc.boolean() }),
      { numRuns: 8, seed: 7 },
    );
    for (const [i, c] of cases.entries()) {
      const k = c.k;
      const from = c.stage ? `FROM ${B} ${k('AS')} build\n${k('RUN')} echo built > /built\n${k('FROM')} build\n` : `${k('FROM')} ${B}\n`;
      const lines = [c.env, c.run, c.add, 'WORKDIR $APP', c.user, c.entry, c.cmd].filter(Boolean).map((l) => l.replace(/^[A-Z]+/, (w) => k(w)));
      await same(`generated #${i + 1}`, `${from}${lines.join('\n')}\n`);
    }
  });

  test('the cases exercised the fixes that can change an image', () => {
    assert.ok(skipped.length <= 3, `too many cases do not build as written:\n${skipped.join('\n')}`);
    // stage-name-casing is left out: this engine's BuildKit refuses `AS Build` as written, so there is nothing to compare.
    for (const rule of ['cmd-exec-form', 'copy-not-add', 'instruction-casing', 'legacy-key-value', 'from-as-casing', 'maintainer-deprecated', 'expose-proto-casing', 'no-empty-continuation']) {
      assert.ok((exercised.get(rule) ?? 0) > 0, `no case had a fixable ${rule} finding`);
    }
  });
});
