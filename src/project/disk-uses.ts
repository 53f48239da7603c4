// Which Dockerfile reads each per-Dockerfile disk fact last, so that a streamed check can drop the fact once
// that Dockerfile is done (its rules ran, its contexts were judged). The disk facts are loaded for every
// Dockerfile before the rules (load-disk.ts) and were kept to the end: each Dockerfile's stat, .dockerignore
// candidates, Python manifests, context listing, .gitignore files … ~1.3 kB per Dockerfile (issue 15).
//
// load-disk.ts notes each use as it loads or finds a fact for a Dockerfile; a fact the project rules read
// after the Dockerfiles (the paths compose stats) is pinned and never dropped. A fact dropped and then needed
// by a later Dockerfile's load is read again (a later window of the check; on an unchanged disk, the same).
// Only what load-disk.ts notes is ever dropped, and nothing reads a fact outside the loads that note it and
// the turns of the Dockerfiles noted: the readers are the Dockerfile's own contexts and facts.
// A check with --cache does not drop facts: it stamps all of them at the end (inputs.ts).

import { releaseListing, type ContextListing, type DiskFacts } from './disk-facts.js';
import type { SourceFile } from './model.js';

/** The disk facts keyed by path that a Dockerfile's turn reads and nothing after it. */
export type DroppedFacts = 'paths' | 'python' | 'dockerignores' | 'gitignores' | 'addKinds' | 'heads';

const PINNED = Infinity;

/** Disk facts some of which a check dropped: inputs.ts refuses to stamp them. */
const partial = new WeakSet<DiskFacts>();

export function isPartial(disk: DiskFacts): boolean {
  return partial.has(disk);
}

export class DiskUses {
  readonly #disk: DiskFacts;
  /** Each Dockerfile's turn, forgotten once it is released. */
  readonly #turn = new Map<SourceFile, number>();
  /** Fact → the last turn that reads it (PINNED: the project rules read it). */
  readonly #last: Record<DroppedFacts, Map<string, number>> = { paths: new Map(), python: new Map(), dockerignores: new Map(), gitignores: new Map(), addKinds: new Map(), heads: new Map() };
  readonly #lastListing = new Map<ContextListing, number>();
  /** Turn → what it may be the last reader of (an entry is stale when a later turn read the fact since). */
  readonly #due = new Map<number, (readonly [DroppedFacts, string] | ContextListing)[]>();

  constructor(disk: DiskFacts, dockerfiles: readonly SourceFile[]) {
    this.#disk = disk;
    dockerfiles.forEach((file, i) => this.#turn.set(file, i));
  }

  /** `file` reads the fact `key` of `facts` (a file not in the check, or released, changes nothing). */
  use(facts: DroppedFacts, key: string, file: SourceFile): void {
    const turn = this.#turn.get(file);
    if (turn === undefined) return;
    const last = this.#last[facts];
    const was = last.get(key);
    if (was !== undefined && was >= turn) return;
    last.set(key, turn);
    this.#dueAt(turn).push([facts, key]);
  }

  /** Something other than one Dockerfile's turn reads the fact: it is kept to the end. */
  pin(facts: DroppedFacts, key: string): void {
    this.#last[facts].set(key, PINNED);
  }

  /** `file`'s contexts are listed with `listing`. */
  useListing(listing: ContextListing, file: SourceFile): void {
    const turn = this.#turn.get(file);
    if (turn === undefined) return;
    const was = this.#lastListing.get(listing);
    if (was !== undefined && was >= turn) return;
    this.#lastListing.set(listing, turn);
    this.#dueAt(turn).push(listing);
  }

  /** `file`'s turn is over: the facts no later turn reads are dropped. */
  release(file: SourceFile): void {
    const turn = this.#turn.get(file);
    if (turn === undefined) return;
    this.#turn.delete(file);
    const due = this.#due.get(turn);
    this.#due.delete(turn);
    if (!due) return;
    partial.add(this.#disk);
    for (const d of due) {
      if (Array.isArray(d)) {
        const [facts, key] = d as readonly [DroppedFacts, string];
        if (this.#last[facts].get(key) !== turn) continue;
        this.#last[facts].delete(key);
        delete (this.#disk[facts] as Record<string, unknown>)[key];
      } else {
        const listing = d as ContextListing;
        if (this.#lastListing.get(listing) !== turn) continue;
        this.#lastListing.delete(listing);
        releaseListing(this.#disk, listing);
      }
    }
  }

  #dueAt(turn: number): (readonly [DroppedFacts, string] | ContextListing)[] {
    let due = this.#due.get(turn);
    if (!due) this.#due.set(turn, (due = []));
    return due;
  }
}
