// What the project-level readers (compose rules, the checklist, the build-context rules) need of a
// Dockerfile once its own rules ran: its stages, their bases, EXPOSE and the lines the checklist cites.
// A check keeps this instead of the model, so memory does not grow with every parsed file.

import type { Dockerfile, ImageRef, Instruction, Stage } from './model.js';

/** The last of these instructions in a stage, by line: what the checklist cites as evidence. */
export type CitedKeyword = 'USER' | 'HEALTHCHECK' | 'CMD' | 'ENTRYPOINT';
const CITED: readonly CitedKeyword[] = ['USER', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT'];

export interface OutlineStage {
  /** The `AS name` as written, or null. */
  name: string | null;
  /** Line of its FROM. */
  fromLine: number;
  /** The base as the model resolved it; `stage` is the earlier stage it is FROM, as an outline stage. */
  image: Omit<ImageRef, 'stage'> & { stage: OutlineStage | null };
  /** It has an EXPOSE (one without arguments too). */
  exposesAny: boolean;
  /** Every argument of its EXPOSE instructions, in order. */
  exposes: string[];
  /** Line of the last USER, HEALTHCHECK, CMD and ENTRYPOINT of the stage. */
  last: Partial<Record<CitedKeyword, number>>;
}

export interface DockerfileOutline {
  path: string;
  stages: OutlineStage[];
  /** The stage that becomes the image (after `--target` or compose's target was applied). */
  shipped: OutlineStage | null;
  /** Where its first instruction starts (null: none). */
  firstStart: number | null;
  /** Any CMD or ENTRYPOINT, in any stage. */
  runsSomething: boolean;
}

const memo = new WeakMap<Dockerfile, DockerfileOutline>();

/** The outline of a model as it is now (the shipped stage may be re-selected: then it is taken again). */
export function outlineOf(df: Dockerfile): DockerfileOutline {
  const known = memo.get(df);
  if (known && known.shipped === (df.shipped ? known.stages[df.shipped.index]! : null)) return known;
  const outline = take(df);
  memo.set(df, outline);
  return outline;
}

function take(df: Dockerfile): DockerfileOutline {
  const byStage = new Map<Stage, OutlineStage>();
  const stages = df.stages.map((s): OutlineStage => {
    const o: OutlineStage = { name: s.name, fromLine: s.from.line, image: imageOf(s.image), exposesAny: s.instructions.some((i) => i.keyword === 'EXPOSE'), exposes: exposesOf(s.instructions), last: lastLines(s.instructions) };
    byStage.set(s, o);
    return o;
  });
  // FROM an earlier stage: linked once every stage exists (a cycle cannot form: only earlier stages are named).
  df.stages.forEach((s, i) => (stages[i]!.image.stage = s.image.stage ? (byStage.get(s.image.stage) ?? null) : null));
  return {
    path: df.path,
    stages,
    shipped: df.shipped ? byStage.get(df.shipped)! : null,
    firstStart: df.instructions[0]?.start ?? null,
    runsSomething: df.instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'),
  };
}

/**
 * The base without its link to the model's stage, written out field by field: an object rest (`{ stage, ...image }`)
 * gave every kept image a hidden class of its own (~0.35 kB each, held for the whole check: issue 15).
 */
function imageOf(i: ImageRef): OutlineStage['image'] {
  return { raw: i.raw, resolved: i.resolved, unresolved: i.unresolved, registry: i.registry, name: i.name, tag: i.tag, digest: i.digest, isScratch: i.isScratch, stage: null };
}

function exposesOf(instructions: readonly Instruction[]): string[] {
  return instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.map((a) => a.value));
}

function lastLines(instructions: readonly Instruction[]): Partial<Record<CitedKeyword, number>> {
  const last: Partial<Record<CitedKeyword, number>> = {};
  for (const i of instructions) if ((CITED as readonly string[]).includes(i.keyword)) last[i.keyword as CitedKeyword] = i.line;
  return last;
}

/** The stage named `name`, compared case-insensitively as BuildKit does. */
export function outlineStageNamed(outline: DockerfileOutline, name: string): OutlineStage | undefined {
  const lower = name.toLowerCase();
  return outline.stages.find((s) => s.name?.toLowerCase() === lower);
}

/** The stage and the earlier stages it is built FROM, nearest first (cycles cut). */
export function outlineFromChain(stage: OutlineStage): OutlineStage[] {
  const chain: OutlineStage[] = [];
  for (let s: OutlineStage | null = stage; s && !chain.includes(s); s = s.image.stage) chain.push(s);
  return chain;
}
