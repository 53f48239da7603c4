// Runs something (a deploy) while a second process sends a bounded, steady HTTP load, and says
// how many requests failed. The load starts first, `during` a moment later; it must end before
// the load does (`covered`). With `tailMs` the load stops that long after `during` ended (the
// count is then a bound), so a slow machine does not outlast a fixed count.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../env.js';
import type { LoadResult } from './steady-load.js';

export type { LoadResult } from './steady-load.js';

export interface LoadOptions {
  /** Requests in all (default 1000). */
  count?: number;
  /** Requests a second (default 50). */
  rate?: number;
  /** Milliseconds of load before `during` starts (default 1000). */
  leadMs?: number;
  /** Stop the load this many milliseconds after `during` ended (count is then only the bound); default: send all `count`. */
  tailMs?: number;
}

export interface UnderLoad<T> {
  load: LoadResult;
  value: T;
  /** `during` ended while requests were still being sent (the load covered all of it). */
  covered: boolean;
  /** How long `during` took, seconds. */
  seconds: number;
}

const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export async function underLoad<T>(url: string, during: () => Promise<T>, opts: LoadOptions = {}): Promise<UnderLoad<T>> {
  const count = opts.count ?? 1000;
  const rate = opts.rate ?? 50;
  const child = spawn(process.execPath, ['--import', tsxLoader, join(repoRoot, 'test', 'e2e', 'load', 'steady-load.ts'), url, String(count), String(rate)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let startedAt = 0;
  const started = new Promise<void>((resolve) =>
    child.stderr.on('data', (c) => {
      stderr += c;
      if (!startedAt && stderr.startsWith('started\n')) resolve(void (startedAt = Date.now()));
    }),
  );
  child.stdout.on('data', (c) => (stdout += c));
  const done = new Promise<LoadResult>((resolve, reject) =>
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`steady-load exited ${code}: ${stderr.replace(/^started\n/, '')}`);
        resolve(JSON.parse(stdout) as LoadResult);
      } catch (e) {
        reject(e);
      }
    }),
  );
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  await Promise.race([started, done]);
  const loadEnds = startedAt + (count * 1000) / rate;
  await new Promise((r) => setTimeout(r, opts.leadMs ?? 1000));
  const t = Date.now();
  const value = await during();
  const seconds = (Date.now() - t) / 1000;
  const covered = !finished && Date.now() < loadEnds;
  if (opts.tailMs !== undefined) {
    await new Promise((r) => setTimeout(r, opts.tailMs));
    child.stdin.end('stop\n');
  } else {
    child.stdin.end();
  }
  return { load: await done, value, covered, seconds };
}
