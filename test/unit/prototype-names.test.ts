// Words of a checked file that are names every object inherits (`constructor`, `toString`,
// `__proto__`): a rule that looks one up in a table written as an object literal found a function and
// crashed the whole check (exit 2, "internal error in rule base-image-slim") on `FROM constructor`.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfileText } from '../../src/engine/check-dockerfile.js';
import { activeRules, type RuleLevel } from '../../src/engine/effective-rules.js';
import { NO_FACTS } from '../../src/project/facts.js';
import { RULES } from '../../src/rules/index.js';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const DOCKERFILE_RULES = RULES.filter((r) => r.meta.target === 'dockerfile');
const everyRule = activeRules(DOCKERFILE_RULES, Object.fromEntries(DOCKERFILE_RULES.map((r) => [r.meta.id, r.meta.severity as RuleLevel])));
const settings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

/** Each name as a base image, a program, a sub-command, a package, a label type, a command. */
function texts(name: string): string[] {
  return [
    `FROM ${name}\nCMD ["${name}"]\n`,
    `FROM ${name}:1 AS build\nRUN ${name} install x && ${name} -o y z && apt ${name} && apt-get install -y gcc && ${name} remove gcc\nFROM build\nENTRYPOINT ["${name}", "--help"]\n`,
    `FROM python:3.12\nRUN pip install flask && ${name} install\nCMD ${name} run\n`,
    `FROM alpine:3.20\nRUN apk add --no-cache ${name} && ${name} ${name}\nUSER 1000\nENTRYPOINT ["tini", "--", "${name}"]\nCMD ["${name}", "worker"]\n`,
  ];
}

describe('names every object has, as words of a Dockerfile', () => {
  for (const name of NAMES) {
    it(`${name}: every Dockerfile rule runs to the end`, () => {
      for (const text of texts(name)) {
        const r = checkDockerfileText(text, 'Dockerfile', { rules: everyRule, settings: { ...settings, labelSchema: { [name]: name } }, project: NO_FACTS });
        assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
        assert.ok(r.findings.length > 0); // the rules ran and judged the file
      }
    });
  }
});
