// Differential test: the simple-script parser (shell-simple.ts) must give exactly what mvdan-sh gives
// through shell.ts, on every RUN of the committed corpora and on fuzzed scripts; when it cannot, it must
// say so (null) so that mvdan-sh parses the script. Fixed seed: SLIPWAY_PROPERTY_SEED picks another.
//
// The real 25-repository corpus (scripts/ecosystem-real.sh) is compared the same way when
// SLIPWAY_REAL_CORPUS names its folder (481 Dockerfiles, 1,111 RUNs: no difference at the time of writing).

import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';
import { parseShell, parseShellWithMvdan, useSimpleShellParser } from '../../../src/parse/dockerfile/shell.js';
import { parseSimpleShell } from '../../../src/parse/dockerfile/shell-simple.js';
import { dockerfilesUnder } from './committed-dockerfiles.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SEED = Number(process.env.SLIPWAY_PROPERTY_SEED ?? 20261201);

/** Every instruction's `.shell`, parsed with the simple parser allowed or not. */
function shells(text: string, simple: boolean) {
  useSimpleShellParser(simple);
  try {
    return parseDockerfile(text, 'Dockerfile').instructions.map((i) => i.shell);
  } finally {
    useSimpleShellParser(true);
  }
}

function sameAsMvdan(source: string, base = 0, viaShell = false): void {
  assert.deepStrictEqual(parseShell(source, base, viaShell), parseShellWithMvdan(source, base, viaShell), JSON.stringify(source));
}

describe('simple shell parser', () => {
  it('takes the simple scripts most RUNs are', () => {
    for (const s of [
      'apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*',
      'pip install --no-cache-dir -r requirements.txt',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y "$PKG" \'a b\' ${VERSION}',
      'curl -fsSL https://x.example/install.sh | sh',
      'set -eux; \n  npm ci\n  npm run build',
      'A= B=2 C="x y"',
      'sh -c \'apk add --no-cache git && echo "done"\'',
      'echo é 日本 🚀',
      'echo "export PS1=\'app> \'" >> /etc/profile',
      'make 2>&1 | tee /tmp/log && cat < in.txt > out.txt',
      'cmd >/dev/null 2>&1 || true',
      'cmd &>log; cmd 1>&2; cmd >"$LOG" 2> \'e\'',
    ]) {
      assert.ok(parseSimpleShell(s, 0, false), s);
      sameAsMvdan(s);
    }
  });

  it('leaves everything else to mvdan-sh', () => {
    for (const s of [
      'cat <<EOF\nx\nEOF', 'cat <<< x', 'a <> f', 'a >| f', 'a > >(tee)', 'a <(b)', 'a >', 'a > ;', 'a>f', '> f', 'echo $(date)', 'echo `date`', '( cd /x && make )', 'if true; then a; fi',
      'for f in *; do rm $f; done', 'export A=1', 'echo ${A:-b}', 'echo $1 $@ $?', 'a & b', 'a |& b', 'a;; b', '# comment',
      'echo "unclosed', "echo 'unclosed", 'a &&', '&& a', 'A+=1 b', 'A[0]=1', 'A=(1 2)', 'a \\\n b', 'echo \\', '! a',
      '{ a; }', '[[ -f x ]]', 'time make', 'x\r\ny', 'let i=1', 'declare -x A=1', '$ a',
    ]) {
      assert.equal(parseSimpleShell(s, 0, false), null, s);
    }
  });

  it('gives what mvdan-sh gives on every RUN, CMD and ENTRYPOINT of the committed corpora', () => {
    const files = [
      ...dockerfilesUnder(join(ROOT, 'test/ecosystem/corpus')),
      ...dockerfilesUnder(join(ROOT, 'examples')),
      ...(process.env.SLIPWAY_REAL_CORPUS ? dockerfilesUnder(process.env.SLIPWAY_REAL_CORPUS) : []),
    ];
    assert.ok(files.length > 40, `found ${files.length} Dockerfiles`);
    let compared = 0;
    for (const f of files) {
      if (statSync(f).size > 1_000_000) continue;
      const text = readFileSync(f, 'utf8');
      const a = shells(text, true);
      const b = shells(text, false);
      assert.deepStrictEqual(a, b, f);
      compared += a.filter(Boolean).length;
    }
    assert.ok(compared > 100, `compared ${compared} scripts`);
  });

  it('gives what mvdan-sh gives on fuzzed scripts, or steps aside', () => {
    // Mostly words the simple parser takes, so that it is compared often; the rest must make it step aside.
    const word = fc.oneof(
      { arbitrary: fc.constantFrom('apt-get', 'install', '-y', 'curl', 'pip', '--no-cache-dir', '/usr/bin/pip', 'sh', 'bash', '-c', '-ec', 'x', 'a=b', 'é', '日本', '🚀', '.', '=', '-', '--'), weight: 30 },
      { arbitrary: fc.constantFrom('"a b"', "'a b'", '""', "''", '"$A"', '"${A}b"', '"a\\"b"', '"a\\$b"', '"a\\\\"', "'a\\'", 'a\\ b', '\\$A', '"\\n"', '"é$A"'), weight: 6 },
      { arbitrary: fc.constantFrom('$A', '${A}', '${A}x', 'x$A', '$A$B', '${A:-x}', '$(date)', '`date`', '$1', '$@', '$', '${', '$((1+1))', "$'a'", '$"a"'), weight: 3 },
      { arbitrary: fc.constantFrom('A=1', 'A=', 'A="x y"', 'A=$B', "A='1'x", 'A+=1', 'A[1]=2', 'A=(1)', '_A9=z', '9A=1', 'A=b=c'), weight: 3 },
      { arbitrary: fc.constantFrom('if', 'then', 'fi', 'for', 'in', 'do', 'done', 'export', 'declare', 'local', '{', '}', '!', '[[', ']]', 'time', 'case', 'esac', 'let', 'function'), weight: 1 },
      { arbitrary: fc.constantFrom('#c', 'a#b', '*.txt', '~/x', 'a{b,c}', '[a]', '?(a)', '@(x)', '%s', 'a:b', ',', '^'), weight: 2 },
      { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', '"', "'", '\\', '$', '{', '}', '(', ')', ' ', '|', '&', ';', '<', '>', '#', '=', '`', '\n', '\t', 'é'), maxLength: 6 }), weight: 1 },
    );
    const sep = fc.oneof(
      { arbitrary: fc.constantFrom(' ', '  ', '\t', ' && ', ' || ', '; ', ';', '\n', ' \n ', ' | ', '|', ' &&\n '), weight: 40 },
      { arbitrary: fc.constantFrom(' > ', ' >', ' >> ', ' 2>&1 ', ' 2>', ' 1>&2 ', ' < ', ' &> ', ' &>> ', ' >& ', ' 2> /dev/null ', ' 12> ', ' <& '), weight: 4 },
      { arbitrary: fc.constantFrom(' |& ', ' & ', ';;', ' \\\n', '\r\n', ' ( ', ' ) ', '&&', '||', ' << ', ' <<< ', ' <> ', ' >| ', '>', '<'), weight: 1 },
    );
    const script = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 8 }).map((parts) => parts.map(([w, s]) => w + s).join('').trimEnd());
    let simple = 0;
    fc.assert(
      fc.property(script, fc.nat(5000), fc.boolean(), (s, base, viaShell) => {
        if (parseSimpleShell(s, base, viaShell)) simple++;
        sameAsMvdan(s, base, viaShell);
      }),
      { seed: SEED, numRuns: 4000 },
    );
    // The generator must reach the simple parser often enough for the comparison to mean something.
    assert.ok(simple > 1000, `${simple} of 4000 fuzzed scripts took the simple path`);
  });
});
