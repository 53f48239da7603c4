// slipway tags [IMAGE]: the tags in the registry, newest first, with digests — read through the
// Registry HTTP API v2 itself, not docker (no pull, no daemon needed).

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../../config/config.js';
import { loadConfig } from '../../config/load.js';
import { dockerConfigCredentials } from '../../docker/config-auth.js';
import { apiPath, registryOf, repositoryOf } from '../../docker/ref.js';
import { RegistryClient, type TagInfo } from '../../docker/registry.js';
import { EXIT, UsageError } from '../../errors.js';
import { resolveCredentials } from '../../release/credentials.js';
import { resolveImage } from '../../release/settings.js';
import type { CliIO } from '../io.js';
import { humanBytes } from './release.js';

export const TAGS_HELP = `Usage: slipway tags [IMAGE] [options]

List the tags of an image repository in its registry, newest first, with digest, creation time
and compressed size. IMAGE is REGISTRY/OWNER/NAME (default: release.image in .slipway.yaml).
Credentials: SLIPWAY_REGISTRY_USER/SLIPWAY_REGISTRY_PASSWORD (or --username/--password-env),
else what 'slipway login'/'docker login' saved, else none (public images).

Options:
  --format text|json    a table (default) or JSON
  --username U          registry user
  --password-env VAR    the variable that holds the password
  --config PATH         settings file (default: .slipway.yaml)
`;

export async function runTags(argv: string[], io: CliIO, fetchImpl?: typeof fetch): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      format: { type: 'string', default: 'text' },
      username: { type: 'string', short: 'u' },
      'password-env': { type: 'string' },
      password: { type: 'string', short: 'p' },
      config: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(TAGS_HELP);
    return EXIT.clean;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format '${values.format}' (use text or json)`);
  if (positionals.length > 1) throw new UsageError(`tags takes one image, got ${positionals.length}`);
  const credentials = resolveCredentials(io.env, values);
  const config = positionals[0] ? null : await loadConfig(io.cwd, values.config && resolve(io.cwd, values.config));
  const image = resolveImage(positionals[0], config ?? DEFAULT_CONFIG);
  const registry = registryOf(image);
  const client = new RegistryClient({ registry, credentials: credentials ?? dockerConfigCredentials(registry, io.env) ?? undefined, fetch: fetchImpl });
  const repo = apiPath(image);
  const names = await client.tags(repo);
  const infos = await mapLimited(names, 8, (t) => client.tagInfo(repo, t));
  infos.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.tag.localeCompare(b.tag, 'en', { numeric: true }));
  if (values.format === 'json') {
    io.stdout(`${JSON.stringify({ repository: repositoryOf(image), tags: infos }, null, 2)}\n`);
    return EXIT.clean;
  }
  if (!infos.length) {
    io.stdout(`${repositoryOf(image)} has no tags.\n`);
    return EXIT.clean;
  }
  io.stdout(table(infos));
  return EXIT.clean;
}

function table(infos: TagInfo[]): string {
  const head = ['TAG', 'DIGEST', 'CREATED', 'SIZE'];
  const rows = infos.map((i) => [i.tag, i.digest, i.created ? i.created.replace(/\.\d+/, '').replace('T', ' ') : '-', i.size !== null ? humanBytes(i.size) : '-']);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((x, c) => (c === cells.length - 1 ? x : x.padEnd(widths[c]!))).join('  ') + '\n';
  return line(head) + rows.map(line).join('');
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
