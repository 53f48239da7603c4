// Env files (`.env`, `.env.production`, `.env.example`) as the env rules see them: the entries and
// problems of the one .env parser (src/parse/dotenv.ts), whether the file is a template, and what
// only the disk knows (permissions, git tracking), from the project's disk facts.

import { basename } from 'node:path';
import { parseDotenv, type DotenvEntry, type DotenvProblem } from '../../parse/dotenv.js';
import { memoized } from '../../project/memo.js';
import type { ProjectModel, SourceFile } from '../../project/model.js';

export type EnvProblem = DotenvProblem;

export interface EnvFile {
  file: SourceFile;
  entries: DotenvEntry[];
  problems: EnvProblem[];
  /** `.env.example` and the like: committed on purpose, no secrets. */
  template: boolean;
}

const TEMPLATE = /\.(example|sample|template|dist|defaults|tmpl|tpl)$/i;

export function isTemplateEnv(path: string): boolean {
  return TEMPLATE.test(basename(path));
}

export function parseEnvFile(file: SourceFile): EnvFile {
  const { entries, problems } = parseDotenv(file.text, file.lines);
  return {
    file,
    entries,
    problems,
    template: isTemplateEnv(file.path),
  };
}

export interface EnvView extends EnvFile {
  /** Permission bits of the file on disk (null: not on disk or on Windows). */
  mode: number | null;
  /** Tracked by git: true/false, null when unknown (no git, not a repository). */
  tracked: boolean | null;
}

/** Every env file of the project, parsed, with its mode and git status from the disk facts. */
export const envFilesOf = memoized((project: ProjectModel): EnvView[] =>
  project.files
    .filter((f) => f.kind === 'env')
    .map((file) => ({ ...parseEnvFile(file), mode: project.disk.modes[file.absPath] ?? null, tracked: project.disk.gitTracked[file.absPath] ?? null })),
);
