// What a check's findings take in V8's heap, from a heap snapshot written when the report began
// (bench/snapshot-at-report.cjs): issue 15 lets memory grow with "the findings themselves", so the bench
// prints this next to the growth of the peak RSS. Counted: the finding objects, everything only they keep
// alive (their messages with the strings those are cut from, their property arrays, fixes no one else
// holds), and the backing stores of the arrays that hold the findings. Not counted: what they share with
// the rest of the check (rule ids, aliases arrays, the file path strings the project holds too).

import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface FindingsHeap {
  findings: number;
  /** Bytes retained by the findings alone, plus the arrays' backing stores that hold them. */
  bytes: number;
}

export function findingsHeap(snapshotFile: string): FindingsHeap {
  const s = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
  const { meta } = s.snapshot;
  const F = meta.node_fields.length;
  const E = meta.edge_fields.length;
  const [iType, iName, iSize, iEdges] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
  const nodeType = meta.node_types[0];
  const edgeType = meta.edge_types[0];
  const n = s.nodes.length / F;
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0, e = 0; i < n; i++) {
    firstEdge[i] = e;
    e += s.nodes[i * F + iEdges]! * E;
  }
  firstEdge[n] = s.edges.length;
  // V8's string table holds every property name, the interned messages included, but weakly: not a holder.
  const weakHolder = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (nodeType[s.nodes[i * F + iType]!] === 'synthetic' && /string table|Internalized strings/i.test(s.strings[s.nodes[i * F + iName]!]!)) weakHolder[i] = 1;
  const strong = (e: number) => edgeType[s.edges[e + eType]!] !== 'weak';
  const target = (e: number) => s.edges[e + eTo]! / F;

  // A finding: an object with these own properties (its numbers are kept inside it, not as edges).
  const isFinding = new Uint8Array(n);
  let findings = 0;
  for (let i = 0; i < n; i++) {
    if (nodeType[s.nodes[i * F + iType]!] !== 'object') continue;
    const names = new Set<string>();
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += E) if (edgeType[s.edges[e + eType]!] === 'property') names.add(s.strings[s.edges[e + eName]!]!);
    if (names.has('rule') && names.has('severity') && names.has('message') && names.has('fixable') && names.has('aliases')) {
      isFinding[i] = 1;
      findings++;
    }
  }
  // Retained by the set: a node all of whose referrers are retained (or findings) is retained too.
  const inDegree = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (!weakHolder[i]) for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += E) if (strong(e)) inDegree[target(e)]++;
  const ownedIn = new Uint32Array(n);
  const owned = new Uint8Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) if (isFinding[i]) (owned[i] = 1), stack.push(i);
  let bytes = 0;
  while (stack.length) {
    const i = stack.pop()!;
    bytes += s.nodes[i * F + iSize]!;
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += E) {
      if (!strong(e)) continue;
      const to = target(e);
      if (owned[to]) continue;
      if (++ownedIn[to] === inDegree[to]) (owned[to] = 1), stack.push(to);
    }
  }
  // The arrays holding the findings: their element stores (an array of many findings is one of the check's lists).
  for (let i = 0; i < n; i++) {
    if (owned[i] || nodeType[s.nodes[i * F + iType]!] !== 'array' || s.strings[s.nodes[i * F + iName]!] !== '(object elements)') continue;
    let held = 0;
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += E) if (isFinding[target(e)]) held++;
    if (held > 100) bytes += s.nodes[i * F + iSize]!;
  }
  return { findings, bytes };
}

if (process.argv[1]?.endsWith('findings-heap.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/findings-heap.ts SNAPSHOT');
    process.exit(2);
  }
  const r = findingsHeap(file);
  console.log(`${r.findings} findings: ${(r.bytes / 1048576).toFixed(2)} MB, ${(r.bytes / r.findings).toFixed(0)} B each`);
}
