// slipway release: flags → settings → release() → the digest and a summary table.

// Only what asks docker and git is imported up front: those questions leave first, and the rest
// (config, Dockerfile parser, release itself) loads while they are answered.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, UsageError } from '../../errors.js';
import { detectBuilder } from '../../docker/builder.js';
import { dockerClient } from '../../docker/commands.js';
import { childEnv, resolveCredentials } from '../../release/credentials.js';
import { localExecutor } from '../../exec/local.js';
import { traced, tracedSpan, tracedStarted } from '../../exec/trace.js';
import { takeEarlyGit } from '../../release/early-git.js';
import { parseReleaseArgs, passwordVars } from '../../release/release-args.js';
import { gitReleaseFacts } from '../../git.js';
import type { ReleaseResult } from '../../release/release.js';
import type { CliIO } from '../io.js';

export const RELEASE_HELP = `Usage: slipway release [options]

Build the image once from the current commit, tag it as the CI workflow does (docker/metadata-action's
scheme) and, with --push, push it.

Tags: sha-<7> always; latest on the default branch (or on a stable vX.Y.Z tag); on a vX.Y.Z git tag
also X.Y.Z, X.Y and X (a pre-release gets only its X.Y.Z-pre; v0.y.z gets no bare 0). A work tree with
uncommitted changes is refused; with --allow-dirty the only tag is sha-<7>-dirty.

Options:
  --image REF            REGISTRY/OWNER/NAME without a tag (default: release.image in .slipway.yaml,
                         else the image the production compose file runs, as slipway init writes it)
  --push                 push every tag (logs in first when credentials are set)
  --platform P           target platform, e.g. linux/arm64 (repeat for several: needs buildx and --push)
  --build-arg K=V        a build argument (repeatable; not for secrets)
  --target STAGE         the stage to build (default: as slipway check: the production compose
                         build.target, else the last stage)
  --file, -f PATH        the Dockerfile (default: CONTEXT/Dockerfile)
  --context DIR          the build context (default: .)
  --allow-dirty          build from uncommitted changes (tag sha-<7>-dirty only, never latest)
  --dry-run              print the commands instead of running them; secrets show as [REDACTED]
  --username U           registry user (default: $SLIPWAY_REGISTRY_USER)
  --password-env VAR     the variable holding the password (default: SLIPWAY_REGISTRY_PASSWORD)
  --audit                check the built image (as 'slipway check --image') before pushing; findings
                         at or above --audit-threshold stop the release: nothing is pushed, exit 1
  --audit-threshold L    error (default), warning, info or style
  --format text|json     the result as a table (default) or JSON
  --config PATH          settings file (default: .slipway.yaml)

The password reaches docker only through 'docker login --password-stdin'. The docker client is
$SLIPWAY_DOCKER if set, else docker on PATH.
Exit codes: 0 released, 1 the audit found problems (nothing pushed), 2 usage, config, git, build,
login or push error.
`;

export async function runRelease(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseReleaseArgs(argv);
  if (values.help) {
    io.stdout(RELEASE_HELP);
    return EXIT.clean;
  }
  if (positionals.length) throw new UsageError(`release takes no arguments (got '${positionals[0]}'); the image goes in --image`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format '${values.format}' (use text or json)`);
  const auditThreshold = values['audit-threshold'];
  if (!['error', 'warning', 'info', 'style'].includes(auditThreshold)) throw new UsageError(`unknown --audit-threshold '${auditThreshold}' (use error, warning, info or style)`);
  // Credentials first: a missing password variable is an error before anything runs.
  const credentials = resolveCredentials(io.env, values);
  // The build waits for git (its tags and labels) and docker's answer about its builder: ask both
  // now, while the config is read. Git is asked in the working directory, which is the build
  // context unless --context or the config say otherwise (then release asks again there).
  const docker = dockerClient(io.env);
  const local = traced(localExecutor({ env: childEnv(io.env, credentials?.passwordVar), cwd: io.cwd }), io);
  const builder = detectBuilder(local, docker, io.env);
  builder.catch(() => undefined); // release() awaits it and says what went wrong
  // The launcher (dist/slipway.js) may have asked git already, before this bundle loaded.
  const early = takeEarlyGit(io.cwd);
  const git = early ? tracedStarted('git facts', io, early) : tracedSpan('git facts', io, () => gitReleaseFacts(io.cwd, { hiddenEnv: passwordVars(values) }));
  git.catch(() => undefined); // likewise

  const [{ loadConfig }, { release, seconds }, { buildArgs, composeImage, configBase, resolveImage, resolvePath }, { dryRunExecutor }, { progress }] = await Promise.all([
    import('../../config/load.js'),
    import('../../release/release.js'),
    import('../../release/settings.js'),
    import('../../exec/dry-run.js'),
    import('../progress.js'),
  ]);
  const config = await loadConfig(io.cwd, values.config && resolve(io.cwd, values.config));
  const section = config.release ?? {};
  const base = configBase(config, io.cwd);
  const context = resolvePath(values.context, section.context, io.cwd, base, '.');
  const fromCompose = values.image || section.image ? null : composeImage(context);
  const image = resolveImage(values.image, config, fromCompose);
  if (fromCompose) io.stderr(`image from the production compose file: ${fromCompose} (set release.image or --image to choose another)\n`);
  const dockerfile = resolvePath(values.file, section.dockerfile, io.cwd, base, join(values.context ?? section.context ?? '.', 'Dockerfile'));
  if (!existsSync(context)) throw new UsageError(`the build context ${context} does not exist`);
  if (!existsSync(dockerfile)) throw new UsageError(`no Dockerfile at ${dockerfile} (pass --file)`);
  const platforms = values.platform.length ? values.platform.flatMap((p) => p.split(',')).filter(Boolean) : (section.platforms ?? []);

  const dryRun = values['dry-run'] ?? false;
  const exec = dryRun ? dryRunExecutor((line) => io.stdout(`${line}\n`)) : local;
  const say = (line: string) => io.stderr(`${line}\n`);

  // --audit: the image check of `slipway check --image`, its report on stderr (stdout is the release's).
  const audit = values.audit
    ? async (ref: string) => {
        say(`audit:   slipway check --image ${ref} --failure-threshold ${auditThreshold}`);
        const { runCheck } = await import('./check.js');
        const args = ['--image', ref, '--failure-threshold', auditThreshold, ...(values.config ? ['--config', values.config] : [])];
        const code = await runCheck(args, { ...io, stdout: io.stderr });
        if (code === EXIT.findings) throw new AuditFailed(`the audit found problems at or above '${auditThreshold}' in ${ref}: nothing was pushed`);
        if (code !== EXIT.clean) throw new UsageError(`the audit of ${ref} failed (exit ${code}): nothing was pushed`);
      }
    : undefined;

  let result: ReleaseResult;
  try {
    result = await release(
    {
      image,
      context,
      dockerfile,
      target: values.target ?? section.target ?? null,
      platforms,
      buildArgs: buildArgs(values['build-arg'], config),
      push: values.push ?? false,
      allowDirty: values['allow-dirty'] ?? false,
      dryRun,
      defaultBranch: values['default-branch'] ?? section['default-branch'] ?? null,
      credentials,
      docker,
    },
    { exec, query: local, info: say, progress: progress(io.stderr, io.isTTY), env: io.env, audit, builder, git: { dir: io.cwd, facts: git }, span: (label, work) => tracedSpan(label, io, work), plan: (line) => io.stdout(`# ${line}\n`) },
  );
  } catch (e) {
    if (!(e instanceof AuditFailed)) throw e;
    say(`slipway: ${e.message}`);
    return EXIT.findings;
  }
  if (dryRun) return EXIT.clean;
  io.stdout(values.format === 'json' ? `${JSON.stringify(jsonResult(result), null, 2)}\n` : summary(result, seconds));
  return EXIT.clean;
}

function jsonResult(r: ReleaseResult) {
  return { repository: r.repository, digest: r.digest, imageId: r.imageId, size: r.size, sizeCompressed: r.sizeCompressed, version: r.version, tags: r.pushed.length ? r.pushed : r.tags.map((tag) => ({ tag, ref: `${r.repository}:${tag}`, digest: null, ms: null })), labels: r.labels, builder: r.builder?.kind ?? null, buildMs: r.buildMs };
}

/** The digest line and the table: TAG, DIGEST, SIZE (COMPRESSED SIZE when the registry's), TIME. */
function summary(r: ReleaseResult, seconds: (ms: number) => string): string {
  const size = r.size !== null ? humanBytes(r.size) : '-';
  const rows = r.pushed.length
    ? r.pushed.map((p) => [p.tag, p.digest ?? '-', size, seconds(p.ms)])
    : r.tags.map((t) => [t, 'not pushed', size, '-']);
  const head = ['TAG', 'DIGEST', r.sizeCompressed ? 'COMPRESSED SIZE' : 'SIZE', 'TIME'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n';
  const first = r.digest ? `pushed ${r.repository}@${r.digest}\n` : `built ${r.imageId ?? ''} (not pushed: add --push)\n`;
  return `${first}\n${line(head)}${rows.map(line).join('')}`;
}

export function humanBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** The audit found problems at or above its threshold: exit 1, as check does for findings. */
class AuditFailed extends Error {}
