// The variables visible at each instruction (what `scopeBefore` answers), derived once per stage. The
// old answer walked every instruction of the FROM chain before the one asked about and copied the result
// into a Map, for every question: 8,000 ENV/COPY pairs asked 8,000 such walks (minutes). A stage now keeps,
// per name, its assignments in order, and a question is a binary search by instruction index.
//
// The answers are those of the walk, exactly (test/unit/parse/scope-index.test.ts compares them):
// - a stage sees the ENV of its FROM chain as the walk saw it: ancestors' ENV values substituted with the
//   ancestors' ENV only (their ARGs are not in scope there), then its own ARG and ENV in order;
// - `ARG NAME` without a default takes the global ARG's value;
// - the names come in the order the walk's Map held them (first assignment first);
// - when a value could not be derived (a string past V8's length limit), every question whose walk would
//   have met it throws that error, as the walk did.

import type { Dockerfile, Instruction, Stage } from './model.js';
import { PersistentMap } from './persistent-map.js';
import { globalArgValues, substitute, type ScopeView } from './variables.js';
import { work } from './work.js';
import { firstNotBefore } from '../../util/first-not-before.js';

type Value = string | null;

/**
 * What a stage's descendants inherit: its chain's ENV as the walk saw it. One persistent map per stage
 * with ENV (persistent-map.ts: a stage costs its own pairs, not a copy of its ancestors'), and the names
 * in the order they were first set, kept per layer.
 */
class EnvLayer {
  private constructor(
    private readonly values: PersistentMap<Value>,
    /** Names this layer added that no layer above had, in order. */
    private readonly added: string[],
    /** The nearest layer above that added names (the others have none to list). */
    private readonly namesAbove: EnvLayer | null,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): Value | undefined {
    return this.values.get(name);
  }

  *keys(): IterableIterator<string> {
    const layers: EnvLayer[] = [];
    for (let l: EnvLayer | null = this.added.length ? this : this.namesAbove; l; l = l.namesAbove) layers.push(l);
    for (let i = layers.length - 1; i >= 0; i--) yield* layers[i]!.added;
  }

  /** `parent` with `own` on top (`added`: the names of `own` that `parent` did not have, in order). */
  static on(parent: EnvLayer | null, own: Map<string, Value>, added: string[]): EnvLayer {
    const values = (parent ? parent.values : PersistentMap.empty<Value>()).with(own);
    const namesAbove = parent ? (parent.added.length ? parent : parent.namesAbove) : null;
    return new EnvLayer(values, added, namesAbove);
  }
}

/** One assignment of a stage: at instruction `index`, `name` became `value`. */
interface Assignment {
  index: number;
  value: Value;
}

/** A stage's own timeline, on top of what it inherits. */
interface StageScope {
  inherited: EnvLayer | null;
  /** Per name, the stage's assignments in order of index. */
  byName: Map<string, Assignment[]>;
  /** Names the stage added that it did not inherit, with the index of their first assignment, in order. */
  added: { name: string; index: number }[];
  /** The first instruction whose values could not be derived (and why), or null. */
  broken: { index: number; error: unknown } | null;
  /** What the stage's descendants inherit. */
  envEnd: EnvLayer | null;
  /** The walk met an error in the inherited chain itself: every question about the stage throws it. */
  inheritedError?: unknown;
  /** The walk through this stage for a descendant met an error (descendants throw it). */
  envError?: unknown;
}

const byStage = new WeakMap<Stage, StageScope>();
const globalsOf = new WeakMap<Dockerfile, ReturnType<typeof globalArgValues> | { error: unknown }>();

/**
 * The variables visible to `inst` inside its stage (a view, valid while the Dockerfile is), or null when
 * the stage's FROM chain is not one the index answers for: one that does not only go to earlier stages.
 */
export function stageScopeAt(df: Dockerfile, stage: Stage, inst: Instruction): ScopeView | null {
  const s = stageScope(df, stage);
  if (!s) return null;
  globals(df); // the walk derived the global ARGs first, and threw if they could not be
  if (s.inheritedError !== undefined) throw s.inheritedError;
  if (s.broken && s.broken.index < inst.index) throw s.broken.error;
  return new StageScopeView(s, inst.index);
}

class StageScopeView implements ScopeView {
  constructor(
    private readonly s: StageScope,
    private readonly before: number,
  ) {}

  private own(name: string): Assignment | undefined {
    work.steps++;
    const list = this.s.byName.get(name);
    if (!list) return undefined;
    // The last assignment before the instruction.
    const before = this.before;
    const k = firstNotBefore(list, (v) => v.index < before);
    return k > 0 ? list[k - 1] : undefined;
  }

  get(name: string): Value | undefined {
    const a = this.own(name);
    return a ? a.value : this.s.inherited?.get(name);
  }

  has(name: string): boolean {
    return this.own(name) !== undefined || (this.s.inherited?.has(name) ?? false);
  }

  *keys(): IterableIterator<string> {
    if (this.s.inherited) yield* this.s.inherited.keys();
    for (const a of this.s.added) {
      if (a.index >= this.before) break;
      yield a.name;
    }
  }
}

function stageScope(df: Dockerfile, stage: Stage): StageScope | null {
  const known = byStage.get(stage);
  if (known) return known;
  // Parents first, without recursion (a chain may be thousands of stages long). A stage is kept only
  // once its whole chain is known to go to earlier stages (so the walk up ends).
  const todo: Stage[] = [];
  for (let s: Stage | null = stage; s && !byStage.has(s); s = s.image.stage) {
    if (s.image.stage && s.image.stage.index >= s.index) return null;
    todo.push(s);
  }
  for (let i = todo.length - 1; i >= 0; i--) byStage.set(todo[i]!, deriveStageScope(df, todo[i]!));
  return byStage.get(stage)!;
}

/**
 * The ARG and ENV assignments of `instructions` in order, each value substituted with what is visible at
 * that point (the inherited layer below); `ARG NAME` without a default takes `argDefault(NAME)`.
 */
function ownTimeline(s: StageScope, instructions: readonly Instruction[], argDefault: (name: string) => Value): void {
  const { inherited } = s;
  const current = new Map<string, Value>();
  const lookup = { get: (name: string) => (current.has(name) ? current.get(name) : inherited?.get(name)) };
  for (const inst of instructions) {
    work.steps++;
    if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
    try {
      for (const p of inst.properties) {
        let value: Value;
        if (inst.keyword === 'ARG' && p.value === null) value = argDefault(p.name);
        else value = p.value === null ? null : substitute(p.value, lookup).value;
        current.set(p.name, value);
        let list = s.byName.get(p.name);
        if (!list) {
          s.byName.set(p.name, (list = []));
          if (!inherited?.has(p.name)) s.added.push({ name: p.name, index: inst.index });
        }
        // Two pairs of one instruction: the later one is what follows it.
        if (list.length && list.at(-1)!.index === inst.index) list.at(-1)!.value = value;
        else list.push({ index: inst.index, value });
      }
    } catch (error) {
      s.broken = { index: inst.index, error };
      return;
    }
  }
}

const preFrom = new WeakMap<Dockerfile, StageScope | null>();

/**
 * The variables visible to an instruction before the first FROM (global ARGs, and the ENV of a snippet
 * without FROM), or null when the index cannot answer: when a global ARG follows such an ENV, the walk
 * substitutes that ENV with ARGs declared after it, which depends on the instruction asked about.
 */
export function preFromScopeAt(df: Dockerfile, inst: Instruction): ScopeView | null {
  let s = preFrom.get(df);
  if (s === undefined) preFrom.set(df, (s = derivePreFrom(df)));
  if (!s) return null;
  if (s.broken && s.broken.index < inst.index) throw s.broken.error;
  return new StageScopeView(s, inst.index);
}

function derivePreFrom(df: Dockerfile): StageScope | null {
  const before = df.instructions.filter((i) => i.stage === null);
  const firstEnv = before.find((i) => i.keyword === 'ENV');
  if (firstEnv && df.globalArgs.some((g) => g.index > firstEnv.index)) return null;
  const s: StageScope = { inherited: null, byName: new Map(), added: [], broken: null, envEnd: null };
  // All the global ARGs come before the first ENV here: in index order, the walk's order (ARGs, then ENV).
  ownTimeline(s, before, () => null);
  return s;
}

function globals(df: Dockerfile): ReturnType<typeof globalArgValues> {
  let g = globalsOf.get(df);
  if (!g) {
    try {
      g = globalArgValues(df);
    } catch (error) {
      g = { error };
    }
    globalsOf.set(df, g);
  }
  if (!(g instanceof Map)) throw g.error;
  return g;
}

function deriveStageScope(df: Dockerfile, stage: Stage): StageScope {
  const parent = stage.image.stage ? byStage.get(stage.image.stage)! : null;
  const inherited = parent ? parent.envEnd : null;
  const s: StageScope = { inherited, byName: new Map(), added: [], broken: null, envEnd: inherited };
  if (parent && (parent.inheritedError !== undefined || parent.envError !== undefined)) {
    s.inheritedError = parent.inheritedError ?? parent.envError;
  }
  const globalValue = (name: string): Value => {
    try {
      return globals(df).get(name) ?? null;
    } catch {
      return null; // the question throws this first (stageScopeAt)
    }
  };
  ownTimeline(s, stage.instructions, globalValue);
  // What descendants inherit: the walk went through this stage setting ENV only (ARG values were still
  // derived, and could throw, but not kept).
  const own = new Map<string, Value>();
  const added: string[] = [];
  const envLookup = { get: (name: string) => (own.has(name) ? own.get(name) : inherited?.get(name)) };
  try {
    for (const inst of stage.instructions) {
      work.steps++;
      if (inst.keyword === 'ARG') {
        for (const p of inst.properties) if (p.value !== null) substitute(p.value, envLookup);
      } else if (inst.keyword === 'ENV') {
        for (const p of inst.properties) {
          if (!own.has(p.name) && !inherited?.has(p.name)) added.push(p.name);
          own.set(p.name, p.value === null ? null : substitute(p.value, envLookup).value);
        }
      }
    }
    if (own.size) s.envEnd = EnvLayer.on(inherited, own, added);
  } catch (error) {
    s.envError = error;
  }
  return s;
}
