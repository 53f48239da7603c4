// The typed Dockerfile document that every Dockerfile rule reads.
// Offsets are UTF-16 offsets into `Dockerfile.text`; LineIndex turns them into line/column.

import type { LineIndex } from '../text.js';
import type { ShellScript } from './shell.js';

/** A word of the instruction, with its place in the file. */
export interface Token {
  value: string;
  start: number;
  end: number;
}

/** `--name=value` before the arguments (`--mount=type=cache,target=/x`). */
export interface Flag {
  name: string;
  value: string | null;
  start: number;
  end: number;
  /** Offset of the value's first character (after `=`), or null without a value. */
  valueStart: number | null;
  /** `key=value` pairs of a comma-separated value (`--mount`), lower-cased keys. */
  options: Map<string, string>;
}

/** A `name=value` of ARG, ENV or LABEL. */
export interface Property {
  name: string;
  /** Value with quotes removed; null for `ARG NAME` without default. */
  value: string | null;
  start: number;
  end: number;
  /** `ENV NAME value`: the legacy form without `=`. */
  legacy: boolean;
}

export interface Heredoc {
  name: string;
  content: string;
  /** Offset of the first character of the body. */
  contentStart: number;
  /** The closing delimiter line exists (an unclosed heredoc swallows the rest of the file). */
  terminated: boolean;
}

export interface Instruction {
  /** Position in `Dockerfile.instructions`. */
  index: number;
  /** Upper-cased keyword: `RUN`, `FROM`, or whatever unknown word was written. */
  keyword: string;
  /** The keyword as written, for casing rules. */
  keywordText: string;
  start: number;
  /** End of the instruction, heredoc bodies included. */
  end: number;
  keywordEnd: number;
  /** 1-based line of the keyword. */
  line: number;
  flags: Flag[];
  /** Arguments after the flags, split as Docker splits words (quotes kept). */
  args: Token[];
  /** Raw argument text after the flags (continuations and inline comments intact). */
  argsText: string;
  argsStart: number;
  /** The arguments as a JSON array of strings (exec form), or null (shell form). */
  json: string[] | null;
  heredocs: Heredoc[];
  /** ARG, ENV and LABEL: their `name=value` pairs. */
  properties: Property[];
  /** The stage it belongs to; null for ARGs before the first FROM. */
  stage: Stage | null;
  /** For ONBUILD: the instruction it triggers. */
  trigger: Instruction | null;
  /** For RUN (and shell-form CMD/ENTRYPOINT/HEALTHCHECK CMD): the parsed shell, on first use. */
  readonly shell: ShellScript | null;
}

/** A base image reference of a FROM, after ARG substitution. */
export interface ImageRef {
  /** As written: `${BASE}`, `python:3.11-slim`. */
  raw: string;
  /** After substituting known ARG values. */
  resolved: string;
  /** Variables that could not be resolved (then name/tag are best effort). */
  unresolved: string[];
  registry: string | null;
  /** Repository path without registry: `library/python` is reported as `python`. */
  name: string;
  tag: string | null;
  digest: string | null;
  isScratch: boolean;
  /** When FROM names an earlier stage. */
  stage: Stage | null;
}

export interface Stage {
  index: number;
  /** The `AS name` as written, or null. */
  name: string | null;
  from: Instruction;
  image: ImageRef;
  /** FROM, then every instruction of the stage in order. */
  instructions: Instruction[];
  /** The stage the image ships: the last one (a later issue adds `--target`). */
  shipped: boolean;
  /** Stages this one depends on through FROM or COPY --from / RUN --mount=from. */
  dependsOn: Set<Stage>;
}

export interface Comment {
  text: string;
  /** 1-based line. */
  line: number;
  start: number;
  end: number;
}

export interface Directive {
  name: string;
  value: string;
  line: number;
}

export interface Dockerfile {
  path: string;
  text: string;
  lines: LineIndex;
  escapeChar: string;
  directives: Directive[];
  comments: Comment[];
  instructions: Instruction[];
  /** ARG instructions before the first FROM. */
  globalArgs: Instruction[];
  stages: Stage[];
  /** The stage that becomes the image (null when there is no FROM). */
  shipped: Stage | null;
}
