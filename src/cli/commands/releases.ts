// `slipway releases`: each server's release history, newest first, the current one marked.

import { parseHistory, readHistory } from '../../deploy/commands/history.js';
import { currentRelease } from '../../deploy/plan/releases.js';
import { EXIT, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { loadDeployConfig, onServers, parseServerArgs, SERVER_HELP } from './remote.js';

export const RELEASES_HELP = `Usage: slipway releases [options]

Lists each server's release history (time, action, tag, result, who, digest), newest first;
the current release is marked with *. 'slipway rollback TAG' goes back to any of them.

  -n, --limit N   show the last N entries (default 20)
      --json      print JSON: [{ server, current, history: [...] }]

${SERVER_HELP}`;

export async function runReleases(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseServerArgs(argv, { json: { type: 'boolean' }, limit: { type: 'string', short: 'n' } } as const);
  if (values.help) return io.stdout(RELEASES_HELP), EXIT.clean;
  if (positionals.length) throw new UsageError(`'slipway releases' takes no arguments`);
  const limit = Number(values.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit wants a whole number, not '${values.limit}'`);
  const cfg = await loadDeployConfig(values, io);
  const out: { server: string; current: string | null; history: unknown[] }[] = [];
  const { code } = await onServers(cfg, io, { summary: false }, async ({ app }) => {
    const history = parseHistory((await app.run(readHistory(app.layout.history))).stdout);
    const current = currentRelease(history);
    out.push({ server: app.exec.name.replace(/^ssh /, ''), current: current?.tag ?? null, history });
    if (!values.json) {
      const rows = [['', 'TIME', 'ACTION', 'TAG', 'RESULT', 'BY', 'DIGEST']];
      for (const e of history.slice(-limit).reverse()) {
        rows.push([e === current ? '*' : '', e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), e.action, e.tag, e.result, e.by, e.digest?.slice(0, 19) ?? '']);
      }
      const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
      const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
      io.stdout(`${cfg.servers.length > 1 ? `${app.exec.name.replace(/^ssh /, '')}:\n` : ''}${history.length ? table : '(no releases yet)'}\n`);
    }
    return `${history.length} entries`;
  });
  if (values.json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return code;
}
