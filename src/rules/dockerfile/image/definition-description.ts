import type { DockerfileRule } from '../../types.js';
import type { Comment } from '../../../parse/dockerfile/model.js';
import { stageNameToken } from './util.js';

const PRAGMA = /^\s*(hadolint|slipway|trivy|checkov|check\s*=|syntax\s*=|escape\s*=|tflint|nosemgrep)/i;

export const definitionDescription: DockerfileRule = {
  meta: {
    id: 'definition-description',
    target: 'dockerfile',
    category: 'style',
    severity: 'info',
    aliases: ['InvalidDefinitionDescription'],
    title: "A comment right above FROM … AS name or ARG NAME should start with that name",
    description:
      '`docker build --call=outline` and `--call=targets` show the comment directly above a stage or ARG as its description when it begins with the name (`# VERSION the release to build`). Start such comments with the name, or separate other comments with an empty line.',
    bad: '# the compiler\nFROM golang:1.22 AS build\n',
    good: '# build compiles the server\nFROM golang:1.22 AS build\n',
    fixable: false,
    off: true,
    differs: "Experimental in BuildKit, so off by default here too. Pragma comments (`# hadolint ignore=…`, `# slipway …`, `# check=…`) are not descriptions and are not reported.",
  },
  check({ df, report }) {
    const byLine = new Map<number, Comment>(df.comments.map((c) => [c.line, c]));
    const directiveLines = new Set(df.directives.map((d) => d.line));
    for (const inst of df.instructions) {
      let names: string[] = [];
      if (inst.keyword === 'ARG') names = inst.properties.map((p) => p.name);
      else if (inst.keyword === 'FROM' && inst.stage && stageNameToken(inst.stage) && inst.stage.name) names = [inst.stage.name];
      if (!names.length) continue;
      const line = df.lines.positionAt(inst.start).line;
      // The block of comment lines directly above, up to an empty `#` line.
      let top: Comment | null = null;
      for (let l = line - 1; l >= 1; l--) {
        const c = byLine.get(l);
        if (!c || directiveLines.has(l) || c.text.trim() === '') break;
        if (PRAGMA.test(c.text)) {
          if (l === line - 1) top = null;
          break;
        }
        top = c;
      }
      if (!top) continue;
      const word = top.text.trim().split(/\s+/)[0] ?? '';
      if (names.includes(word)) continue;
      const example = names.length === 1 ? names[0]! : '<arg_key>';
      report({
        start: top.start,
        end: top.end,
        message: `Comment for ${inst.keyword} should follow the format: '# ${example} <description>' (or add an empty line between them)`,
      });
    }
  },
};
