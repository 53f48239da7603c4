// The slipway command: picks the sub-command, runs it, and maps every outcome to an exit code.
// This is the only place that calls process.exit.

import { ConfigError, EXIT, OperationError, UsageError } from '../errors.js';
import { RuleCrash } from '../engine/rule-crash.js';
import { VERSION } from '../version.js';
import { SERVER_COMMANDS } from './commands/server-commands.js';
import type { CliIO } from './io.js';

const HELP = `slipway ${VERSION} — check, scaffold and ship Docker setups

Usage: slipway <command> [options]

Commands:
  check [PATH...]   check the Docker setup: Dockerfiles, compose files, build context, workflows, .env
  context [DIR]     list what a build would send to Docker, with sizes (like du)
  init [DIR]        write the guide's Docker setup for a Python, Node.js or Go project
  release           build once, tag (latest, sha-<7>, X.Y.Z, X.Y, X) and push (--push)
  login [REGISTRY]  log docker in with SLIPWAY_REGISTRY_USER/SLIPWAY_REGISTRY_PASSWORD (via stdin)
  tags [IMAGE]      list an image's tags in its registry, newest first, with digests
  lsp [--stdio]     Language Server Protocol server for editors: findings and fixes as you type
  setup             prepare servers over SSH: folder, compose file, .env (600), registry login
  deploy            run a release on servers over SSH, health-gated, rolled back if unhealthy
  rollback [TAG]    go back to the previous (or a named) release
  releases, status, logs, exec, prune, df    look after the servers

Run 'slipway <command> --help' for a command's options.
`;

const PLANNED = new Set<string>([]);

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return command === undefined ? EXIT.error : EXIT.clean;
      case '-v':
      case '--version':
        io.stdout(`${VERSION}\n`);
        return EXIT.clean;
      case 'check': {
        // Loaded when asked for, like the other commands: --version, release and deploy then skip the
        // checker's modules and its rule table.
        const { runCheck } = await import('./commands/check.js');
        return await runCheck(rest, io);
      }
      case 'context': {
        const { runContext } = await import('./commands/context.js');
        return await runContext(rest, io);
      }
      case 'init': {
        const { runInit } = await import('./commands/init.js');
        return await runInit(rest, io);
      }
      case 'release': {
        const { runRelease } = await import('./commands/release.js');
        return await runRelease(rest, io);
      }
      case 'login': {
        const { runLogin } = await import('./commands/login.js');
        return await runLogin(rest, io);
      }
      case 'tags': {
        const { runTags } = await import('./commands/tags.js');
        return await runTags(rest, io);
      }
      case 'lsp': {
        const { runLsp } = await import('../lsp/server.js');
        return await runLsp(rest, io);
      }
      default:
        if (command in SERVER_COMMANDS) return await (await SERVER_COMMANDS[command]!())(rest, io);
        if (PLANNED.has(command)) throw new UsageError(`'slipway ${command}' is planned but not built yet`);
        throw new UsageError(`unknown command '${command}'\n\n${HELP}`);
    }
  } catch (e) {
    return reportError(e, io);
  }
}

function reportError(e: unknown, io: CliIO): number {
  if (e instanceof ConfigError) io.stderr(`slipway: config error: ${e.describe()}\n`);
  else if (e instanceof UsageError || e instanceof OperationError) io.stderr(`slipway: ${e.message}\n`);
  else if ((e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) io.stderr(`slipway: ${(e as Error).message}\n`);
  else if (e instanceof RuleCrash) io.stderr(`slipway: ${e.message}\nThis is a bug in slipway; please report it with the file.\n`);
  else io.stderr(`slipway: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  return EXIT.error;
}
