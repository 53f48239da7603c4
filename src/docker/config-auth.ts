// Credentials docker itself saved (`docker login`, `slipway login`) in $DOCKER_CONFIG/config.json,
// so `slipway tags` works after a login without the password in the environment again. Only the
// plain `auth` entry is read; credential helpers (credsStore) are left alone.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { sensitive } from '../exec/sensitive.js';
import type { RegistryCredentials } from './registry.js';
import { DOCKER_HUB } from './ref.js';

export function dockerConfigCredentials(registry: string, env: NodeJS.ProcessEnv = process.env): RegistryCredentials | null {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  let config: { auths?: Record<string, { auth?: string }> };
  try {
    config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  } catch {
    return null;
  }
  const keys = registry === DOCKER_HUB ? ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io'] : [registry, `https://${registry}`, `http://${registry}`];
  for (const k of keys) {
    const auth = config.auths?.[k]?.auth;
    if (!auth) continue;
    const text = Buffer.from(auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: sensitive(text.slice(colon + 1)) };
  }
  return null;
}
