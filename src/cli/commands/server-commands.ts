// The commands that work on servers over SSH, loaded only when used.

import type { CliIO } from '../io.js';

type Command = (argv: string[], io: CliIO) => Promise<number>;

export const SERVER_COMMANDS: Record<string, () => Promise<Command>> = {
  setup: async () => (await import('./setup.js')).runSetup,
  deploy: async () => (await import('./deploy.js')).runDeploy,
  rollback: async () => (await import('./rollback.js')).runRollback,
  releases: async () => (await import('./releases.js')).runReleases,
  status: async () => (await import('./status.js')).runStatus,
  logs: async () => (await import('./logs.js')).runLogs,
  exec: async () => (await import('./exec.js')).runExec,
  prune: async () => (await import('./prune.js')).runPrune,
  df: async () => (await import('./df.js')).runDf,
};
