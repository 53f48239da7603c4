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
      // compound commands, substitutions, declarations, parameters and comments
      'echo $(date)', 'x="$(a | b)" c $(d) | e', '( cd /x && make )', '{ echo a; echo b; } > /etc/x.conf', '! a', '# only a comment', 'a # a comment\nb',
      'if true; then a; fi', 'if a; then b; elif c; then d; else e; fi', 'if ! command -v x; then apt-get update; fi',
      'for f in * $(ls); do rm "$f"; done', 'for f in a b\ndo c; done', 'while read -r l; do echo "$l"; done < list', 'until a; do b; done',
      'case "$(dpkg --print-architecture)" in amd64) a=x86_64 ;; arm64|aarch64) a=arm64;; *) echo >&2 "no $a"; exit 1 ;; esac',
      'case x in (a) ;; esac', 'case x in esac',
      'browsh & pid=$!; sleep 10; kill $pid', '    set -ex\n    apt-get install -y \\\n        git \\\n        clang\n    rustup target add x', 'a \\\n&& b', 'a &&\\\n b',
      'cat <<EOF\nx\nEOF', 'cat <<EOF >> "${HOME}/.bashrc"\nA=$B/c\nexport A\nEOF\necho done', 'cat <<-EOF > f\n\tx "$A"\n\tEOF',
      "cat <<'EOF' > f; b\n$(x) `y` \\\nEOF\nc", 'a <<A <<"B" && d\na\nA\nb\nB\n', '{ cat <<EOF\nx\nEOF\n} > f', 'cat <<EOF >> f\nA=/x/${V}/y\nB="\\${A}:\\${P:+:\\${P}}" $1\nEOF', 'x=$(cat <<EOF\nx\nEOF\n)', 'cat << EOF # c\nx\nEOF', 'a &\nb', '( a & )', '{ a & }', 'if a & then b & fi',
      'export A=1 B C= D=$x E=$(f)', 'local v="${1:-x}"', 'readonly R', 'echo ${A:-b} ${A%%-*} ${A#v} ${A/x/y} ${#A} "${A^^}" $1 $@ $? $$ $#',
    ]) {
      assert.ok(parseSimpleShell(s, 0, false), s);
      sameAsMvdan(s);
    }
  });

  it('leaves everything else to mvdan-sh', () => {
    for (const s of [
      'cat <<EOF\n$(id)\nEOF', 'cat <<EOF\n`id`\nEOF', 'cat <<EOF\nx \\\nEOF', 'cat <<EOF\n${;A}\nEOF', 'cat <<EOF\n${A:-"x"}\nEOF', 'cat <<EOF\nx', 'cat <<EOF', 'cat <<EOF;\nx\nEOF', 'cat <<\\EOF\nx\nEOF', 'cat <<E"O"F\nx\nEOF', 'cat <<EOF | sh\nx\nEOF', 'cat <<< x', 'a <> f', 'a >| f', 'a > >(tee)', 'a <(b)', 'a >', 'a > ;', 'a>f', '> f', 'echo `date`',
      'a & ;', '& a', 'a &;', 'a |& b', 'a;; b', 'echo "unclosed', "echo 'unclosed", 'a &&', '&& a', 'A+=1 b', 'A[0]=1', 'A=(1 2)', 'a\\\n b', 'a "b"\\\nc', 'a #c \\\n b', 'echo \\',
      '[[ -f x ]]', 'time make', 'x\r\ny', 'let i=1', 'declare -x A=1', '$ a', 'export "A=1"', 'echo $((1 + 1))', 'echo $()', '( )', '{ a }', 'f() { a; }', 'function f { a; }',
      'if a; then fi', 'if a; then b', 'for x in a do; do b; done', 'for ((i = 0; i < 3; i++)); do a; done', 'for x; do a; done', 'while a; do done',
      'case x in a) b;& esac', 'case x in a) b;;& esac', 'case x in @(a|b)) c;; esac', 'fi', 'done', 'a > $(b)',
      '( '.repeat(5000) + 'a' + ' )'.repeat(5000), '$('.repeat(5000) + 'a' + ')'.repeat(5000), 'echo ' + '${A:-'.repeat(5000) + '}'.repeat(5000), // deep nesting: not the parser's stack
      'echo ${!A}', 'echo ${A:1}', 'echo ${A[0]}', "echo ${A:-'x'}", 'echo ${A:-$(b)}', 'echo ${A@Q}', 'echo "${A:-"x"}"',
    ]) {
      assert.equal(parseSimpleShell(s, 0, false), null, s.slice(0, 80));
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
      { arbitrary: fc.constantFrom(' ', '  ', '\t', ' && ', ' || ', '; ', ';', '\n', ' \n ', ' | ', '|', ' &&\n ', ' & ', '&', ' \\\n '), weight: 40 },
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

  it('gives what mvdan-sh gives on fuzzed compound scripts (if, for, while, case, subshells, $(…), export), or steps aside', () => {
    const word = fc.oneof(
      { arbitrary: fc.constantFrom('a', 'apt-get', '-y', 'x=1', '"$A"', "'a b'", '$A', '${A:-x}', '${A%%-*}', '"${A#v}"', '${#A}', '${A/x/y}', '${1:-a}', '$1', '$@', '$?', '"$(b)"', '$(b c)', 'sh', '-c', 'é', '*', '[a]'), weight: 12 },
      { arbitrary: fc.constantFrom('!a', '}', '{', 'fi', 'in', 'do', 'a#b', '"x"#b', '${A}#', '$#', '\\#'), weight: 1 },
    );
    const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
    const sep = fc.constantFrom('; ', ';', '\n', ' && ', ' || ', ' | ', ';\n  ', ' &&\n ', ' # c\n', ' & ', ' &\n', '&', ' \\\n ', ' \\\n&& ');
    const name = fc.constantFrom('x', 'f', '_A9');
    const { list } = fc.letrec((untyped) => {
      const tie = (key: string) => untyped(key) as fc.Arbitrary<string>;
      return {
        list: fc.oneof({ depthSize: 'small' }, tie('stmt'), fc.tuple(tie('stmt'), sep, tie('list')).map(([a, s, b]) => `${a}${s}${b}`)),
        stmt: fc.oneof(
          { depthSize: 'small' },
          { arbitrary: words, weight: 6 },
          fc.tuple(tie('list'), tie('list')).map(([c, t]) => `if ${c}; then ${t}; fi`),
          fc.tuple(tie('list'), tie('list'), tie('list'), tie('list')).map(([c, t, d, e]) => `if ${c}\nthen ${t}\nelif ${d}; then :; else ${e}\nfi`),
          fc.tuple(name, words, tie('list')).map(([n, w, b]) => `for ${n} in ${w}; do ${b}; done`),
          fc.tuple(tie('list'), tie('list')).map(([c, b]) => `while ${c}; do ${b}; done`),
          fc.tuple(word, fc.array(fc.tuple(fc.constantFrom('a', '*', 'a|b', '(x)', 'amd64|x86_64', '"$A"'), fc.option(tie('list'))), { maxLength: 3 })).map(
            ([w, items]) => `case ${w} in ${items.map(([p, l]) => `${p}) ${l ?? ''};;`).join(' ')} esac`,
          ),
          tie('list').map((l) => `( ${l} )`),
          tie('list').map((l) => `{ ${l}; }`),
          fc.tuple(words, tie('list')).map(([w, l]) => `${w} "$(${l})"`),
          fc.tuple(name, tie('list')).map(([n, l]) => `export ${n}=$(${l}) B`),
          fc.tuple(name, tie('list')).map(([n, l]) => `local v="\${A:-x}" ${n} w=; ${l}`),
          tie('stmt').map((s) => `! ${s}`),
          tie('stmt').map((s) => `${s} > /dev/null 2>&1`),
          // Here-documents, their bodies after the next newline (in a group, so that any separator can follow).
          fc.tuple(fc.constantFrom('<<EOF', '<< EOF', '<<-EOF', "<<'EOF'", '<<"EOF"', '<<EOF >f', '<<EOF | sh', '<<EOF && b'), fc.array(fc.constantFrom('x', '$A', '${A:-b}', '\tx', 'EOF ', '\tEOF', '"q"', "'q'", '$(b)', '`b`', 'a\\', '#c', ''), { maxLength: 3 }), fc.constantFrom('EOF', '\tEOF', 'EOF '), fc.option(tie('list'))).map(
            ([op, body, close, rest]) => `{ cat ${op}${rest ? `; ${rest}` : ''}\n${[...body, close].join('\n')}\n}`,
          ),
        ),
      };
    });
    // Noise: one token dropped in somewhere, to reach the edges where the simple parser must step aside.
    const noise = fc.option(fc.tuple(fc.nat(), fc.constantFrom(';', ')', '(', '}', '{ ', ' fi', 'then ', ' do', ';;', '`', '$(', '${', '"', "'", '#', '\n', '&', '|', ' esac', 'in ', '!')), { freq: 3 });
    const script = fc.tuple(list, noise).map(([s, n]) => (n ? s.slice(0, n[0] % (s.length + 1)) + n[1] + s.slice(n[0] % (s.length + 1)) : s));
    let simple = 0;
    let valid = 0;
    fc.assert(
      fc.property(script, fc.nat(5000), fc.boolean(), (s, base, viaShell) => {
        if (parseSimpleShell(s, base, viaShell)) simple++;
        if (!parseShellWithMvdan(s, base, viaShell).error) valid++;
        sameAsMvdan(s, base, viaShell);
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // About half the scripts are not valid shell (they test stepping aside); of the valid ones most must take the simple path.
    assert.ok(valid > 1000 && simple > valid * 0.75, `${simple} of ${valid} valid fuzzed compound scripts (of 3000) took the simple path`);
  });
});
