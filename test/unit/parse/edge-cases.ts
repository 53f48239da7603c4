// Dockerfiles written to catch a parse layer that answers differently from dockerfile-ast's own:
// heredocs, continuations with comments, the escape directive, CRLF, BOM, odd JSON, empty
// instructions, stage references. The differential tests of src/parse/dockerfile run over each.

/** Each case as written, with CRLF line ends, with a byte-order mark, and with lone CRs. */
export function variants(text: string): [string, string][] {
  return [
    ['LF', text],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['BOM', '\ufeff' + text],
    ['BOM+CRLF', '\ufeff' + text.replace(/\n/g, '\r\n')],
    ['lone CR', text.replace(/\n/g, '\r')],
  ];
}

export const EDGE_CASES: string[] = [
  // heredocs: one, several, quoted and tabbed markers, unterminated, with flags, on COPY, in ONBUILD
  'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\nRUN echo done\n',
  'FROM debian:12\nRUN <<EOF bash -ex\nset -e\necho $A\nEOF\n',
  'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt <<-"EOT" sh\n\techo a\n\tEOT\n',
  "FROM debian:12\nRUN <<'ONE' <<TWO cat > /x\none\nONE\ntwo\nTWO\nCMD [\"x\"]\n",
  'FROM alpine\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n',
  'FROM alpine\nCOPY --chmod=755 <<a.sh <<b.sh /usr/local/bin/\necho a\na.sh\necho b\nb.sh\n',
  'FROM alpine\nRUN <<EOF\nnever closed\nUSER root\n',
  'FROM alpine\nRUN cat <<EOF\n',
  'FROM alpine\nRUN python3 <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n',
  'FROM alpine\nONBUILD RUN <<EOF\necho x\nEOF\n',
  'FROM alpine\nRUN echo a \\\n  <<EOF\nbody\nEOF\n',
  'FROM alpine\nRUN <<EOF\n\nEOF\n',
  // continuations with comments and empty lines
  'FROM debian:12\nRUN apt-get update \\\n    # install curl\n    && apt-get install -y curl \\\n\n    && rm -rf /var/lib/apt/lists/*\n',
  'FROM debian:12\nRUN a \\\n  # one\n  # two \\\n\n  && b\n',
  'FROM debian:12\nRUN set -e; \\\n#no indent\n  c --x \\\n  # trailing\n  d\n',
  'FROM debian:12\nRUN a \\ \n  b \\\t\n  c\\\n',
  'FROM debian:12\nENV A=1 \\\n    # comment\n    B=2\n',
  'FROM debian:12\nLABEL a="x \\\n y" \\\n  b=c\n',
  'FROM debian:12\nCOPY --from=build \\\n  --chown=1:1 \\\n  /a /b\n',
  'FROM \\\n  debian:12 \\\n  AS base\nRUN \\\n\n',
  'FROM debian:12\nRUN echo "a\\\\" b\\ c \\$d\n',
  'FRO\\\nM debian:12\nRU\\\nN true\n',
  // the escape directive
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a `\n  # note\n  && b\nCOPY C:\\a\\b D:\\c\nENV P="C:\\x" Q=`"y`"\n',
  '# escape=\\\n# syntax=docker/dockerfile:1\n#check=skip=all\nFROM alpine\n',
  '#  Syntax = docker/dockerfile:1.7\n# escape=`\n\nFROM alpine\nRUN echo `\n  hi\n',
  '# escape=x\nFROM alpine\n',
  // exec form and odd JSON
  'FROM alpine\nCMD ["a", "b c", "d\\"e", "\\u00e9"]\nENTRYPOINT [ "sh" , "-c" , "echo $A" ]\n',
  "FROM alpine\nCMD ['single', 'quotes']\nENTRYPOINT [\"a\" \"b\"]\nSHELL [\"powershell\",\"-Command\"]\n",
  'FROM alpine\nCMD []\nENTRYPOINT [ ]\nCMD [\nCMD ["a",\n  "b"]\nCMD [1, 2]\nCMD ["x"] trailing\n',
  'FROM alpine\nHEALTHCHECK --interval=5s --timeout=3s CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD curl -f http://x || exit 1\n',
  'FROM alpine\nRUN ["sh", \\\n  # c\n  "-c", "true"]\n',
  // empty and odd instructions
  'FROM\nRUN\nCMD\nENV\nARG\nLABEL\nCOPY\nUSER\nWORKDIR\nEXPOSE\nONBUILD\nHEALTHCHECK\nSTOPSIGNAL\nVOLUME\nSHELL\nMAINTAINER\nBOGUS --flag=x y\n',
  'ARG\nARG A\nARG B=\nARG C=1 D="two words"\nFROM ${BASE:-alpine}:${TAG}\nARG A\n',
  'FROM alpine AS\nFROM alpine as Build\nFROM build AS final\nFROM 0\nCOPY --from=1 /a /b\nCOPY --from=Build /a /b\nRUN --mount=type=bind,from=build,source=/x,target=/y true\nRUN --mount=from=0 true\n',
  // stage references: a stage named like an index, duplicate and mixed-case names, forward and own references
  'FROM a AS 1\nFROM b AS x\nFROM c\nCOPY --from=1 / /\nCOPY --from=01 / /\nCOPY --from=X / /\nFROM x AS X\nFROM X\nRUN --mount=from=3 true\nCOPY --from=9 / /\nCOPY --from=final / /\nFROM c AS final\nCOPY --from=FINAL / /\nFROM 1\nFROM 2 AS 0\nCOPY --from=0 / /\n',
  'ARG B=x\nFROM ${B} AS y\nFROM $B AS z\nFROM ${NOPE} AS w\nFROM w\nCOPY --from=${B} / /\n',
  'FROM alpine\nENV A B C\nENV D=\nENV E="" F=\'\' G=a\\ b\nLABEL "quoted key"="v" k=\'$x\'\nARG "X"=1\n',
  'FROM alpine\nRUN --network=none --security=insecure --mount=type=secret,id=npmrc,target=/root/.npmrc,required npm ci\nADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tar.gz /z\nCOPY --link --parents a/ b/\n',
  'FROM alpine\nRUN -- --not-a-flag\nRUN --=x y\nRUN --flag= y\nCOPY -- a b\nWORKDIR --x\n',
  'FROM alpine\nONBUILD\nONBUILD ONBUILD RUN x\nONBUILD COPY --from=0 . .\nONBUILD ENV A=1 B=2\nONBUILD ARG X\n',
  'from alpine\nrun echo lower\nCmd ["x"]\nexpose 80/tcp 443\n',
  '\n\n   \n# only comments\n\t# indented comment\nFROM alpine # not a comment\nRUN echo # not a comment either\n  # dangling\n',
  'FROM alpine\nRUN echo "unterminated\nRUN echo \'also\nENV A="x\n',
  'FROM alpine\nRUN echo é ü 中文 😀 \\\n  && echo ok\nLABEL emoji="😀"\n',
  'FROM alpine\r\nRUN a \\\r\n  b\r\r\nRUN c\r\r\n',
  'FROM alpine\nRUN echo a\\',
  'FROM alpine\nRUN echo a \\',
  'FROM alpine\nRUN <<EOF',
  '',
  '\ufeff',
  '# just a comment',
];
