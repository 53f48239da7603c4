// A persistent string-keyed map (a hash trie): `with` returns a new map sharing all but the changed
// path with the old one, which stays as it was. What a chain of stages inherits is one such map per
// stage with ENV: each stage costs its own pairs times the trie's depth, never a copy of its ancestors'
// names (a Map per stage would copy them all: n² names for a chain of n stages).

import { work } from './work.js';

const BITS = 4;
const WIDTH = 1 << BITS;

type Slot = TrieNode | Bucket | undefined;

interface TrieNode {
  kind: 'node';
  slots: Slot[];
}

interface Bucket {
  kind: 'bucket';
  hash: number;
  entries: [string, unknown][];
}

export class PersistentMap<V> {
  private constructor(private readonly root: TrieNode) {}

  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>({ kind: 'node', slots: new Array<Slot>(WIDTH) });
  }

  /** The value for `key`, or undefined when absent (a stored undefined is not told apart: store null). */
  get(key: string): V | undefined {
    const hash = hashOf(key);
    let slot: Slot = this.root;
    for (let level = 0; slot && slot.kind === 'node'; level++) {
      work.steps++;
      slot = slot.slots[(hash >>> (level * BITS)) & (WIDTH - 1)];
    }
    if (!slot || slot.hash !== hash) return undefined;
    for (const [k, v] of slot.entries) if (k === key) return v as V;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** This map with every pair of `pairs` set (later pairs win); this map is unchanged. */
  with(pairs: Iterable<[string, V]>): PersistentMap<V> {
    // Nodes made for this call are changed in place; shared ones are copied first.
    const fresh = new Set<TrieNode | Bucket>();
    const copy = <T extends TrieNode | Bucket>(n: T): T => {
      if (fresh.has(n)) return n;
      const c = (n.kind === 'node' ? { kind: 'node', slots: n.slots.slice() } : { kind: 'bucket', hash: n.hash, entries: n.entries.slice() }) as T;
      fresh.add(c);
      return c;
    };
    const root = copy(this.root);
    for (const [key, value] of pairs) {
      const hash = hashOf(key);
      let node = root;
      for (let level = 0; ; level++) {
        work.steps++;
        const i = (hash >>> (level * BITS)) & (WIDTH - 1);
        const slot = node.slots[i];
        if (slot === undefined) {
          const b: Bucket = { kind: 'bucket', hash, entries: [[key, value]] };
          fresh.add(b);
          node.slots[i] = b;
          break;
        }
        if (slot.kind === 'node') {
          node = node.slots[i] = copy(slot);
          continue;
        }
        if (slot.hash === hash) {
          const b = (node.slots[i] = copy(slot));
          const at = b.entries.findIndex(([k]) => k === key);
          if (at >= 0) b.entries[at] = [key, value];
          else b.entries.push([key, value]);
          break;
        }
        // Two hashes share this slot: push the bucket one level down and go on (32 bits tell them apart).
        const down: TrieNode = { kind: 'node', slots: new Array<Slot>(WIDTH) };
        fresh.add(down);
        down.slots[(slot.hash >>> ((level + 1) * BITS)) & (WIDTH - 1)] = slot;
        node = node.slots[i] = down;
      }
    }
    return new PersistentMap<V>(root);
  }
}

/** FNV-1a over UTF-16 units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
