// `slipway check [PATH...]`: find, check, fix and report; returns the exit code.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { createTwoFilesPatch } from 'diff';
import type { Config, Threshold } from '../../config/config.js';
import { loadConfig } from '../../config/load.js';
import { checkDockerfileText, fixDockerfileText, type DockerfileCheckOptions } from '../../engine/check-dockerfile.js';
import { activeRules } from '../../engine/effective-rules.js';
import { EXIT, UsageError } from '../../errors.js';
import { discover } from '../../project/discover.js';
import { loadProjectFacts } from '../../project/load-facts.js';
import { FORMAT_NAMES, formatters, type FormatName } from '../../report/index.js';
import { ruleInfos } from '../../report/rule-info.js';
import { RULES } from '../../rules/index.js';
import { SEVERITIES, severityRank, type CheckResult, type Severity } from '../../types.js';
import { VERSION } from '../../version.js';
import type { CliIO } from '../io.js';

export const CHECK_HELP = `Usage: slipway check [options] [PATH...]

Checks Dockerfiles (files or folders, searched recursively; default: .).
'-' reads standard input.

Options:
  -f, --format FORMAT           text, json, sarif, checkstyle, gitlab, github (default: text)
  -o, --output FILE             write the report to FILE
  -t, --failure-threshold LEVEL error, warning, info, style or none (default: info)
      --fix                     rewrite files with the available fixes
      --fix-dry-run             print the fixes as a unified diff; change nothing
      --stdin-filename NAME     the name to report for standard input
  -c, --config FILE             config file (default: .slipway.yaml, else .hadolint.yaml)
      --ignore RULE             turn a rule off (repeatable; id or alias such as DL3008)
      --trusted-registry REG    allow only these registries in FROM (repeatable)
      --no-color                no colour in text output (NO_COLOR is honoured too)
  -h, --help                    show this help

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 usage, config or internal error.
`;

export async function runCheck(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      'failure-threshold': { type: 'string', short: 't' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      config: { type: 'string', short: 'c' },
      ignore: { type: 'string', multiple: true, default: [] },
      'trusted-registry': { type: 'string', multiple: true, default: [] },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.clean;
  }
  const format = values.format as FormatName;
  if (!FORMAT_NAMES.includes(format)) throw new UsageError(`unknown --format '${values.format}' (use ${FORMAT_NAMES.join(', ')})`);
  const threshold = values['failure-threshold'];
  if (threshold !== undefined && ![...SEVERITIES, 'none'].includes(threshold)) {
    throw new UsageError(`unknown --failure-threshold '${threshold}' (use ${[...SEVERITIES, 'none'].join(', ')})`);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');

  const config = await loadConfig(io.cwd, values.config && resolve(io.cwd, values.config));
  const overrides: Config['rules'] = { ...config.rules };
  for (const id of values.ignore) overrides[id] = 'off';
  const options: Omit<DockerfileCheckOptions, 'project'> = {
    rules: activeRules(RULES, overrides),
    settings: {
      ...config.settings,
      trustedRegistries: values['trusted-registry'].length ? values['trusted-registry'] : config.settings.trustedRegistries,
    },
  };

  const result: CheckResult = { findings: [], errors: [] };
  const diffs: string[] = [];
  const paths = positionals.length ? positionals : ['.'];
  for (const path of paths.filter((p) => p === '-')) {
    if (values.fix) throw new UsageError('--fix cannot rewrite standard input; use --fix-dry-run');
    const name = values['stdin-filename'] ?? '-';
    const text = await io.readStdin();
    const project = loadProjectFacts(resolve(io.cwd, dirname(name)));
    checkOne(text, name, { ...options, project }, result, diffs, Boolean(values['fix-dry-run']), null);
    void path;
  }
  const given = paths.filter((p) => p !== '-');
  const found = discover(given.map((p) => resolve(io.cwd, p)), config.ignore);
  const display = (abs: string) => shownPath(io.cwd, given, abs);
  for (const u of found.unreadable) result.errors.push({ file: display(u.path), line: 1, column: 1, message: u.message });
  const factsByDir = new Map<string, ReturnType<typeof loadProjectFacts>>();
  for (const file of found.files) {
    const shown = display(file.path);
    let text: string;
    try {
      text = readFileSync(file.path, 'utf8');
    } catch (e) {
      result.errors.push({ file: shown, line: 1, column: 1, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (text.includes('\u0000')) {
      result.errors.push({ file: shown, line: 1, column: 1, message: 'binary file, not a Dockerfile' });
      continue;
    }
    const dir = dirname(file.path);
    if (!factsByDir.has(dir)) factsByDir.set(dir, loadProjectFacts(dir));
    const write = values.fix ? (fixed: string) => writeFileSync(file.path, fixed) : null;
    checkOne(text, shown, { ...options, project: factsByDir.get(dir)! }, result, diffs, Boolean(values['fix-dry-run']), write);
  }

  const color = format === 'text' && !values.output && io.isTTY && !values['no-color'] && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  const report = formatters[format]({ result: publicResult(result), rules: ruleInfos(RULES), version: VERSION, color, cwd: io.cwd });
  if (values['fix-dry-run']) io.stdout(diffs.join(''));
  if (values.output) writeFileSync(resolve(io.cwd, values.output), report);
  else if (!values['fix-dry-run'] || format !== 'text') io.stdout(report);

  return exitCode(result, (threshold as Threshold | undefined) ?? config.failureThreshold);
}

/** Checks one text; with a fix requested, fixes it, reports what remains, and writes or diffs it. */
function checkOne(
  text: string,
  file: string,
  options: DockerfileCheckOptions,
  result: CheckResult,
  diffs: string[],
  dryRun: boolean,
  write: ((fixed: string) => void) | null,
): void {
  let current = text;
  if (write || dryRun) {
    current = fixDockerfileText(text, file, options);
    if (current !== text) {
      if (write) write(current);
      else diffs.push(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, current));
    }
  }
  // A dry run reports what is there now; --fix reports what is left.
  const checked = checkDockerfileText(write ? current : text, file, options);
  result.findings.push(...checked.findings);
  result.errors.push(...checked.errors);
}

/** A path as the user would write it: under the argument it was found from, as that argument was given. */
function shownPath(cwd: string, given: string[], abs: string): string {
  for (const arg of given) {
    const rel = relative(resolve(cwd, arg), abs);
    if (rel === '') return arg;
    if (!rel.startsWith('..') && !isAbsolute(rel)) return normalize(join(arg, rel)).split(sep).join('/');
  }
  return abs;
}

function publicResult(result: CheckResult): CheckResult {
  return { findings: result.findings.map(({ fix: _fix, ...f }) => f), errors: result.errors };
}

export function exitCode(result: CheckResult, threshold: Threshold): number {
  if (threshold === 'none') return EXIT.clean;
  const limit = severityRank(threshold as Severity);
  const failing = result.errors.length > 0 || result.findings.some((f) => severityRank(f.severity) <= limit);
  return failing ? EXIT.findings : EXIT.clean;
}
