// The one .env parser (src/parse/dotenv.ts): values as compose reads them, positions, and the lines
// compose and docker run --env-file read differently as problems.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotenvMap, parseDotenv } from '../../src/parse/dotenv.js';

const entries = (text: string) => parseDotenv(text).entries.map((e) => [e.name, e.value, e.hasValue, e.line]);
const problems = (text: string) => parseDotenv(text).problems.map((p) => `${text.slice(p.start, p.end)}|${p.message}`);

describe('parseDotenv', () => {
  it('values: quotes, escapes in double quotes only, multi-line, comments', () => {
    const text = 'A="a\\tb\\"c"\nB=\'x\\ny\'\nC="line1\nline2"\nD=v # note\nE=#x\nF=\n';
    assert.deepEqual(entries(text), [
      ['A', 'a\tb"c', true, 1],
      ['B', 'x\\ny', true, 2],
      ['C', 'line1\nline2', true, 3],
      ['D', 'v', true, 5],
      // compose reads '' (a comment), docker run --env-file keeps '#x': a value is written.
      ['E', '', true, 6],
      ['F', '', false, 7],
    ]);
  });

  it('positions of names, after export and indentation', () => {
    const text = '  export TOKEN=abc\n';
    const [e] = parseDotenv(text).entries;
    assert.equal(text.slice(e!.nameStart, e!.nameEnd), 'TOKEN');
  });

  it("compose's YAML style is an entry, and a problem for docker run --env-file", () => {
    assert.deepEqual(entries('KEY: value\nURL: a=b\n'), [
      ['KEY', 'value', true, 1],
      ['URL', 'a=b', true, 2],
    ]);
    assert.deepEqual(problems('KEY: value\n'), ["KEY: value|this line is not KEY=value: no '=' (comment it out with '#')"]);
    assert.deepEqual([...dotenvMap('KEY: value\nKEY:value\n')], [['KEY', 'value']], "'KEY:value' (no space) is not YAML style");
  });

  it('problems: bare name, no name, space before and after =, invalid name, unterminated quote', () => {
    assert.deepEqual(problems('BARE\n=1\nA =1\nB= 1\n1X=2\nC="open\n'), [
      "BARE|a bare name with no '=': write NAME= for an empty value (compose and docker run --env-file read a bare name differently)",
      "=|'=' with no variable name before it",
      " |space before '=' after A: docker run --env-file rejects it; write A=...",
      " |space after '=' in B: docker compose drops it, docker run --env-file keeps it in the value; remove it",
      "1X|'1X' is not a valid variable name (letters, digits and _, not starting with a digit)",
      '"|unterminated double quote in the value of C',
    ]);
    const fix = parseDotenv('A =1\n').problems[0]!.fix!;
    assert.deepEqual(fix, { start: 1, end: 2, text: '' });
  });

  it('dotenvMap: names compose takes, the later one wins', () => {
    assert.deepEqual([...dotenvMap('A=1\n1X=2\nA=3\nexport B.c-d=4\n')], [
      ['A', '3'],
      ['B.c-d', '4'],
    ]);
  });
});
