import { dirname, join, resolve } from 'node:path';
import { composeOf, dotenvMap } from '../../parse/compose/index.js';
import { projectIndex } from '../../parse/compose/project.js';
import { get, isLMap, items, str } from '../../parse/compose/values.js';
import type { ProjectModel } from '../../project/model.js';
import type { ProjectRule } from '../types.js';
import { at } from './util.js';

/** Files documenting the variables beside a compose file. */
const EXAMPLES = ['.env', '.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults'];

/** Set in every login shell and CI runner that runs compose (unlike UID/GID, which bash does not export). */
const SHELL_ENVIRONMENT = new Set(['HOME', 'PWD', 'USER', 'LOGNAME', 'PATH', 'SHELL', 'LANG', 'TERM']);

/** A file's text: from the project, or (for env_file paths discovery does not find) from the disk facts. */
function readText(project: ProjectModel, abs: string, disk: boolean): string | null {
  const f = projectIndex(project).files.get(abs);
  if (f) return f.text;
  if (!disk) return null;
  const r = project.disk.envFiles[abs];
  return r?.ok ? r.text : null;
}

export const composeUndefinedVariable: ProjectRule = {
  meta: {
    id: 'compose-undefined-variable',
    target: 'compose',
    category: 'guide',
    severity: 'warning',
    aliases: [],
    title: 'A variable is used but defined nowhere',
    description:
      'docker compose replaces `${VAR}` with an empty string, with only a warning, when the variable is neither in the environment nor in `.env`: an image tag, a password or a port silently becomes empty. Define it in `.env` (and document it in `.env.example`), or give it a default: `${VAR:-value}`. `${VAR:?message}` makes compose refuse to start without it.',
    bad: 'services:\n  app:\n    image: ghcr.io/org/app:${TAG}\n',
    good: 'services:\n  app:\n    image: ghcr.io/org/app:${TAG:-latest}\n',
    fixable: false,
    differs:
      'A variable counts as defined when it is in the given environment, in `.env` or any other env file beside the compose file (`.env.example`, `.env.production` that an install script copies, `env-example-relational` that the README copies), in a service\'s `env_file:` (which compose does not use for interpolation, but which shows the variable is managed), or is one every shell sets (`HOME`, `PWD`, `USER`, `PATH`…). `${VAR:?message}` is not reported: it says on purpose that the environment must provide the variable (a deploy-time `DOMAIN`). One finding per variable and file, at its first use.',
  },
  check({ project, report }) {
    const model = composeOf(project);
    for (const p of model.projects) {
      const defined = new Set([...p.env.keys(), ...SHELL_ENVIRONMENT]);
      for (const name of EXAMPLES) {
        const text = readText(project, join(p.dir, name), false); // .env* files are always discovered
        if (text) for (const k of dotenvMap(text).keys()) defined.add(k);
      }
      // Any other env file beside the compose file documents its variables too: `.env.production` that an
      // install script copies to `.env` (coolify), `env-example-relational` that the README copies (nestjs-boilerplate).
      const beside = [
        ...project.files.filter((f) => f.kind === 'env' && dirname(f.absPath) === p.dir).map((f) => f.text),
        ...Object.entries(project.disk.envFiles).flatMap(([abs, r]) => (dirname(abs) === p.dir && r.ok ? [r.text] : [])),
      ];
      for (const text of beside) for (const k of dotenvMap(text).keys()) defined.add(k);
      for (const s of p.services) {
        const envFile = get(s.value, 'env_file');
        const paths = envFile && envFile.kind === 'seq' ? items(envFile) : envFile ? [envFile] : [];
        for (const e of paths) {
          const path = isLMap(e) ? str(get(e, 'path')) : str(e);
          if (!path) continue;
          const text = readText(project, resolve(p.dir, path), true);
          if (text) for (const k of dotenvMap(text).keys()) defined.add(k);
        }
      }
      const seen = new Set<string>();
      for (const cf of p.files) {
        for (const v of cf.vars) {
          if (v.defined || defined.has(v.name) || v.nested) continue;
          // `${VAR:?msg}` states that the environment provides it: not an oversight.
          if (v.form !== '') continue;
          const key = `${cf.file.absPath}\0${v.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          at(
            report,
            { file: cf.file, start: v.start, end: v.end },
            `Variable ${v.name} is not defined: compose will use an empty string. Add it to .env (and .env.example) beside the compose file, or give a default: \${${v.name}:-value}`,
          );
        }
      }
    }
  },
};
