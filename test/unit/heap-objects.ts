// What the memory tests read of a heap snapshot: how many live objects have a given set of own properties
// (a read stamp, a context listing …), so that a test can show a check no longer holds one kind of object
// when its report begins, and that the count is not zero when the holder is put back.

import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Counts, in a snapshot of the heap taken now (V8 collects first), the objects that have all of each set's properties. */
export function countObjects(shapes: Record<string, readonly string[]>): Record<string, number> {
  const file = join(tmpdir(), `slipway-heap-${process.pid}-${Date.now()}.heapsnapshot`);
  writeHeapSnapshot(file);
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    const { meta } = s.snapshot;
    const F = meta.node_fields.length;
    const E = meta.edge_fields.length;
    const [iType, iEdges] = ['type', 'edge_count'].map((f) => meta.node_fields.indexOf(f)) as [number, number];
    const [eType, eName] = ['type', 'name_or_index'].map((f) => meta.edge_fields.indexOf(f)) as [number, number];
    const object = meta.node_types[0].indexOf('object');
    const property = meta.edge_types[0].indexOf('property');
    const counts: Record<string, number> = Object.fromEntries(Object.keys(shapes).map((k) => [k, 0]));
    for (let i = 0, e = 0; i < s.nodes.length; i += F) {
      const edges = s.nodes[i + iEdges]! * E;
      if (s.nodes[i + iType] === object) {
        const names = new Set<string>();
        for (let x = e; x < e + edges; x += E) if (s.edges[x + eType] === property) names.add(s.strings[s.edges[x + eName]!]!);
        for (const [k, props] of Object.entries(shapes)) if (props.every((p) => names.has(p))) counts[k]!++;
      }
      e += edges;
    }
    return counts;
  } finally {
    rmSync(file, { force: true });
  }
}
