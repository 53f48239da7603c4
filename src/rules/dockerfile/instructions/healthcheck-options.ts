import type { DockerfileRule } from '../../types.js';
import { firstLine } from '../helpers.js';

const DURATION_FLAGS = ['interval', 'timeout', 'start-period', 'start-interval'];
const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, as Docker uses it: nanoseconds, or null when invalid. */
export function parseDuration(text: string): number | null {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  // µ and μ as \u escapes: the bundle must stay ASCII (scripts/build.mjs says why).
  const m = /^([-+]?)((?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/.exec(text);
  if (!m) return null;
  let total = 0;
  for (const part of m[2]!.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_NS[part[2]!]!;
  return m[1] === '-' ? -total : total;
}

export const healthcheckOptions: DockerfileRule = {
  meta: {
    id: 'healthcheck-options',
    target: 'dockerfile',
    category: 'correctness',
    severity: 'error',
    aliases: [],
    title: 'HEALTHCHECK options must be valid durations and retry counts',
    description:
      'HEALTHCHECK durations need a unit (`--interval=30s`, not `--interval=30`) and must be at least 1ms; `--retries` is a whole number, and `--retries=0` means "the default, 3", not "no retries". A bad value fails the build, and only at build time.',
    bad: 'FROM nginx:1.27\nHEALTHCHECK --interval=30 --retries=0 CMD curl -f http://localhost/ || exit 1\n',
    good: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost/ || exit 1\n',
    fixable: false,
    differs: 'Not checked by hadolint, BuildKit\'s linter or trivy; Docker itself rejects these values at build time (except `--retries=0`, which it silently treats as 3).',
  },
  check({ df, report }) {
    for (const inst of df.instructions) {
      if (inst.keyword !== 'HEALTHCHECK') continue;
      const kind = inst.args[0]?.value.toUpperCase();
      if (kind !== 'CMD' && kind !== 'NONE') {
        report({ ...firstLine(df, inst), message: 'HEALTHCHECK needs CMD <command> (or NONE to disable the base image\'s check)' });
        continue;
      }
      if (kind === 'CMD' && inst.args.length < 2) {
        report({ ...firstLine(df, inst), message: 'HEALTHCHECK CMD without a command: give the command to run' });
      }
      for (const flag of inst.flags) {
        const where = { start: flag.start, end: flag.end };
        const value = flag.value ?? '';
        if (DURATION_FLAGS.includes(flag.name)) {
          const ns = parseDuration(value);
          if (ns === null) {
            const hint = /^\d+(\.\d+)?$/.test(value) ? ` (a unit is required: ${value}s)` : '';
            report({ ...where, message: `--${flag.name}=${value} is not a duration${hint}: write e.g. --${flag.name}=30s` });
          } else if (ns < 0 || (ns > 0 && ns < 1e6)) {
            report({ ...where, message: `--${flag.name}=${value} must be at least 1ms (or 0 for the default)` });
          }
        } else if (flag.name === 'retries') {
          if (!/^\d+$/.test(value)) report({ ...where, message: `--retries=${value} is not a whole number: write e.g. --retries=3` });
          else if (Number(value) === 0) report({ ...where, message: '--retries=0 does not disable retries, it means the default (3): write the number you want' });
        } else {
          report({ ...where, message: `Unknown HEALTHCHECK option --${flag.name}: use --interval, --timeout, --start-period, --start-interval or --retries` });
        }
      }
    }
  },
};
