import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCheckstyle } from '../../../src/report/checkstyle.js';
import { input } from './fixture.js';

test('checkstyle: exact XML, grouped by file, escaped', () => {
  assert.equal(
    formatCheckstyle(input()),
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<checkstyle version="4.3">',
      '  <file name="Dockerfile">',
      '    <error line="1" column="1" severity="error" message="Pin the base image: &quot;node:latest&quot; moves" source="pin-base-image"/>',
      '    <error line="12" column="3" severity="warning" message="Use exec form: 100% of &lt;signals&gt;, &amp; more,&#10;see: docs" source="cmd-exec-form"/>',
      '  </file>',
      '  <file name="/repo/api/Dockerfile">',
      '    <error line="2" column="1" severity="info" message="Label keys should be lower-case" source="label-style"/>',
      '  </file>',
      '  <file name="worker/Dockerfile">',
      '    <error line="0" column="0" severity="error" message="Unterminated heredoc &apos;EOF&apos;" source="parse-error"/>',
      '  </file>',
      '</checkstyle>',
      '',
    ].join('\n'),
  );
});

test('checkstyle: characters XML 1.0 forbids are replaced', () => {
  const base = input().result.findings[0]!;
  const out = formatCheckstyle(input({ result: { findings: [{ ...base, message: 'a\u0000b\u001Bc' }], errors: [] } }));
  assert.match(out, /message="a\uFFFDb\uFFFDc"/);
});

test('checkstyle: empty result is an empty document', () => {
  assert.equal(
    formatCheckstyle(input({ result: { findings: [], errors: [] } })),
    '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n</checkstyle>\n',
  );
});
