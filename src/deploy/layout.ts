// Where things live in the app's folder on a server. The guide's server holds only the compose
// file(s), .env (mode 600) and data/; slipway adds the generated override that pins the release's
// tag, and its own .slipway/ folder (lock, history, registry login), mode 700.

import { posix } from 'node:path';

export interface RemoteLayout {
  dir: string;
  /** The shipped compose files, by their own names, in the order given to compose (-f). */
  composeFiles: string[];
  /** Generated: pins each app service's image to the release tag. A plain `docker compose up -d` on the server picks it up too. */
  override: string;
  env: string;
  data: string;
  state: string;
  lock: string;
  history: string;
  /** DOCKER_CONFIG for this app: the registry login is this app's, not the whole server's. */
  dockerConfig: string;
}

/** Compose loads `<name>.override.<ext>` next to `docker-compose.yml` / `compose.yaml` by itself. */
export function overrideNameFor(first: string): string {
  const m = /^(.*?)(\.ya?ml)$/.exec(first);
  return m ? `${m[1]}.override${m[2]}` : 'docker-compose.override.yml';
}

export function remoteLayout(dir: string, composeNames: string[]): RemoteLayout {
  const at = (name: string) => posix.join(dir, name);
  const state = at('.slipway');
  return {
    dir,
    composeFiles: composeNames.map(at),
    override: at(overrideNameFor(composeNames[0] ?? 'docker-compose.yml')),
    env: at('.env'),
    data: at('data'),
    state,
    lock: posix.join(state, 'lock'),
    history: posix.join(state, 'history.jsonl'),
    dockerConfig: posix.join(state, 'docker'),
  };
}
