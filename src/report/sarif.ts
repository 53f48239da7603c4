// SARIF 2.1.0, in the shape GitHub code scanning accepts (github/codeql-action/upload-sarif).
//
// File errors (unreadable or unparsable files) become results of a synthetic `parse-error` rule
// rather than toolExecutionNotifications: code scanning shows results as alerts but ignores
// notifications, and a Dockerfile that could not be checked should not pass silently.

import type { Finding, Severity } from '../types.js';
import { jsonArrayPieces, jsonAt } from './json-array.js';
import type { ReportInput, RuleInfo } from './types.js';
import { PARSE_ERROR, relPath } from './util.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/slipway';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };
// GitHub ranks security alerts by this CVSS-like score (>=7 high, >=4 medium, else low).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', info: '2.0', style: '2.0' };

const PARSE_ERROR_RULE: RuleInfo = {
  id: PARSE_ERROR,
  aliases: [],
  severity: 'error',
  title: 'File could not be read or parsed',
  description: 'slipway could not read or parse this file, so no rule was checked against it.',
  helpUri: INFORMATION_URI,
  fixable: false,
};

/** ShellCheck findings (`SC2086`) link to ShellCheck's page for the code. */
function shellcheckHelp(rule: string): Partial<RuleInfo> {
  return /^SC\d{4}$/.test(rule) ? { title: `ShellCheck ${rule}`, helpUri: `https://www.shellcheck.net/wiki/${rule}` } : {};
}

function descriptor(r: RuleInfo) {
  const security = r.category === 'security';
  const tags = [...(r.category ? [r.category] : []), ...(r.fixable ? ['fixable'] : [])];
  const aliases = r.aliases.length ? `\n\nAlso known as: ${r.aliases.join(', ')}.` : '';
  return {
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: {
      text: `${r.description}${aliases}\n\n${r.helpUri}`,
      markdown: `**${r.title}**\n\n${r.description}${aliases}\n\n[Documentation](${r.helpUri})`,
    },
    helpUri: r.helpUri,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags, ...(security ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}) },
  };
}

/** Percent-encodes each path segment so the uri is a valid URI reference. */
const uri = (file: string, cwd: string) => relPath(file, cwd).split('/').map(encodeURIComponent).join('/');

export function formatSarif(input: ReportInput): string {
  return [...sarifReportPieces(input)].join('');
}

/**
 * The log in pieces, one result each (the results are nearly all of it): joined, byte for byte what
 * JSON.stringify(log, null, 2) gives for `{ $schema, version, runs: [{ tool, results }] }`.
 */
export function* sarifReportPieces({ result, rules, version, cwd }: ReportInput): Generator<string> {
  const all = [...rules];
  const index = new Map(all.map((r, i) => [r.id, i]));
  // A finding of a rule missing from `rules` still gets a descriptor, so ruleIndex is always valid.
  const ruleIndex = (id: string, fallback: () => RuleInfo): number => {
    if (!index.has(id)) index.set(id, all.push(fallback()) - 1);
    return index.get(id)!;
  };
  const fallback = (f: Finding) => () => ({ ...PARSE_ERROR_RULE, id: f.rule, severity: f.severity, title: f.rule, description: f.message, aliases: f.aliases, ...shellcheckHelp(f.rule) });
  // The descriptors come before the results: every rule a result names is known first, in the same order.
  for (const f of result.findings) ruleIndex(f.rule, fallback(f));
  if (result.errors.length) ruleIndex(PARSE_ERROR, () => PARSE_ERROR_RULE);

  const location = (file: string, region: Record<string, number>) => [
    { physicalLocation: { artifactLocation: { uri: uri(file, cwd), uriBaseId: '%SRCROOT%' }, region } },
  ];
  function* results() {
    for (const f of result.findings) {
      yield {
        ruleId: f.rule,
        ruleIndex: index.get(f.rule)!,
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn }),
        ...(f.image ? { properties: { image: f.image } } : {}),
      };
    }
    for (const e of result.errors) {
      yield {
        ruleId: PARSE_ERROR,
        ruleIndex: index.get(PARSE_ERROR)!,
        level: 'error',
        message: { text: e.message },
        // SARIF positions are 1-based; an error may not know where it happened.
        locations: location(e.file, { startLine: Math.max(1, e.line), startColumn: Math.max(1, e.column) }),
      };
    }
  }

  // The rule descriptors (~300 kB with their help texts) are pieces too.
  const driver = jsonAt({ name: 'slipway', version, informationUri: INFORMATION_URI }, 4).replace(/\n +\}$/, '');
  yield `{\n  "$schema": ${JSON.stringify(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": {\n        "driver": ${driver},\n          "rules": `;
  yield* jsonArrayPieces(all, descriptor, 5);
  yield '\n        }\n      },\n      "results": ';
  yield* jsonArrayPieces(results(), (r) => r, 3);
  yield '\n    }\n  ]\n}\n';
}
