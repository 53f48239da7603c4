import type { DockerfileRule } from '../../types.js';
import { globalArgValues, PREDEFINED_ARGS, substitute, type Scope } from '../../../parse/dockerfile/variables.js';
import { isValidReference, stageNamed, varRefs } from './util.js';

export const invalidDefaultArgInFrom: DockerfileRule = {
  meta: {
    id: 'invalid-default-arg-in-from',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'warning',
    aliases: ['InvalidDefaultArgInFrom'],
    title: 'Global ARG defaults must make a valid base image name',
    description:
      'With no `--build-arg`, the FROM is built from the ARG defaults: `ARG TAG` without a default turns `FROM alpine:${TAG}` into `alpine:`, which Docker rejects. Give the ARG a default that makes a valid image reference.',
    bad: 'ARG TAG\nFROM alpine:${TAG}\n',
    good: 'ARG TAG=3.20\nFROM alpine:${TAG}\n',
    fixable: false,
    differs:
      "Variables that are not declared at all are left to undefined-arg-in-from (BuildKit reports both), and predefined platform ARGs are not guessed.",
  },
  check({ df, report }) {
    const globals = globalArgValues(df);
    const declared = new Set(df.globalArgs.flatMap((i) => i.properties.map((p) => p.name)));
    // Declared without a value: empty when no --build-arg is given.
    const empty: Scope = new Map([...declared].filter((n) => globals.get(n) == null).map((n) => [n, '']));
    for (const stage of df.stages) {
      const token = stage.from.args[0];
      if (!token || !token.value.includes('$')) continue;
      const refs = varRefs(token.value, 0, df.escapeChar);
      if (!refs.length || refs.some((r) => !declared.has(r.name) || PREDEFINED_ARGS.has(r.name))) continue;
      const first = substitute(token.value, globals);
      const value = first.unresolved.length ? substitute(first.value, empty).value : first.value;
      if (value.includes('$')) continue;
      if (value.toLowerCase() === 'scratch' || stageNamed(df, value, stage.index)) continue;
      if (isValidReference(value)) continue;
      const names = [...new Set(refs.map((r) => r.name))];
      report({
        start: token.start,
        end: token.end,
        message: `With the default of ARG ${names.join(', ARG ')}, FROM ${token.value} becomes '${value}', which is ${value ? 'not a valid image name' : 'empty'}: give the ARG a default`,
      });
    }
  },
};
