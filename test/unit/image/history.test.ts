// History entries: keyword, build args (values masked when shown), and the Dockerfile mapping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapHistory } from '../../../src/image/dockerfile-map.js';
import { buildArgs, historyKeyword, shownHistory } from '../../../src/image/history.js';
import type { HistoryEntry } from '../../../src/image/model.js';
import { parseDockerfile } from '../../../src/parse/dockerfile/parse.js';

test('keyword of BuildKit and legacy-builder entries', () => {
  assert.equal(historyKeyword('RUN |1 TOKEN=x /bin/sh -c make # buildkit'), 'RUN');
  assert.equal(historyKeyword('/bin/sh -c #(nop)  ENV A=b'), 'ENV');
  assert.equal(historyKeyword('|2 A=1 B=2 /bin/sh -c make'), 'RUN');
  assert.equal(historyKeyword('/bin/sh -c apt-get update'), 'RUN');
  assert.equal(historyKeyword('COPY . /app # buildkit'), 'COPY');
  assert.equal(historyKeyword('HEALTHCHECK &{["CMD" "true"] "1s" "3s" "0s" \'\\x03\'}'), 'HEALTHCHECK');
});

test('build args: names, empty values, values with spaces', () => {
  const text = 'RUN |3 A=1 TOKEN=two words EMPTY= /bin/sh -c make # buildkit';
  const args = buildArgs(text);
  assert.deepEqual(args.map((a) => [a.name, a.empty, text.slice(a.start, a.end)]), [['A', false, '1'], ['TOKEN', false, 'two words'], ['EMPTY', true, '']]);
  assert.deepEqual(buildArgs('|1 DEPLOY_KEY=abc /bin/sh -c true').map((a) => a.name), ['DEPLOY_KEY']);
  assert.deepEqual(buildArgs('RUN /bin/sh -c true'), []);
});

test('shown history never holds build-arg values or recognisable secrets', () => {
  assert.equal(shownHistory('RUN |1 DEPLOY_TOKEN=s3cr3tvalue /bin/sh -c make # buildkit'), 'RUN |1 DEPLOY_TOKEN=*** /bin/sh -c make');
  const gh = 'ghp_' + 'Zq3mY8vKx2LbN4pRt6WsJ1uHc9DfGa7EoQiT';
  assert.ok(!shownHistory(`RUN /bin/sh -c git clone https://${gh}@github.com/a/b`).includes(gh));
  assert.equal(shownHistory('RUN /bin/sh -c ' + 'x'.repeat(300)).length, 100);
});

const entries = (...createdBy: string[]): HistoryEntry[] => createdBy.map((c, index) => ({ index, createdBy: c, emptyLayer: false }));

test('mapping: the shipped FROM chain aligned with the end of the history; the base image is left out', () => {
  const df = parseDockerfile('FROM busybox AS base\nWORKDIR /app\nFROM base\nARG TOKEN\nCOPY a /app/a\nRUN make\nUSER 1000\n', 'Dockerfile');
  const history = entries('COPY busybox /bin/busybox # buildkit', 'CMD ["sh"]', 'WORKDIR /app', 'ARG TOKEN', 'COPY a /app/a # buildkit', 'RUN |1 TOKEN=x /bin/sh -c make # buildkit', 'USER 1000');
  const map = mapHistory(history, df);
  assert.deepEqual([...map].map(([h, i]) => [h, i.line]), [[6, 7], [5, 6], [4, 5], [3, 4], [2, 2]]);
});

test('mapping stops where the image and the Dockerfile disagree (another Dockerfile)', () => {
  const df = parseDockerfile('FROM busybox\nCOPY a /x\nRUN make\n', 'Dockerfile');
  assert.deepEqual([...mapHistory(entries('COPY b /elsewhere # buildkit', 'RUN /bin/sh -c make # buildkit'), df).keys()], [1]);
  assert.equal(mapHistory(entries('USER 1'), df).size, 0);
});

test('shown ENV, LABEL and ARG entries keep the names only', () => {
  assert.equal(shownHistory('ENV DB_PASSWORD=hunter2 MODE=prod'), 'ENV DB_PASSWORD=*** MODE=***');
  assert.equal(shownHistory('/bin/sh -c #(nop)  LABEL token=abc'), 'LABEL token=***');
  assert.equal(shownHistory('ARG DEPLOY_TOKEN'), 'ARG DEPLOY_TOKEN');
});
