// A workflow file's YAML → located values (../yaml/located.ts, the same shapes as the compose view's, so its
// defensive accessors apply), with no interpolation: `${{ }}` expressions stay as written.
// Anchors and aliases are resolved (GitHub accepts them since 2023). Never throws.

import type { SourceFile } from '../../project/model.js';
import { toLocated, type LocatedYaml } from '../yaml/located.js';
import type { LScalar } from './model.js';

export type ParsedWorkflowYaml = LocatedYaml;

/** Beyond this many values, aliases are no longer expanded. */
const MAX_VALUES = 100_000;

export function parseWorkflowYaml(file: SourceFile): ParsedWorkflowYaml {
  // No merge keys: a `<<` key stays an ordinary key.
  return toLocated(file, { merge: false, maxValues: MAX_VALUES, what: 'the workflow' });
}

/**
 * Maps offsets in a string scalar's value to offsets in the file: exact for plain one-line,
 * quoted lines without escapes, and `|` blocks; a line that cannot be aligned maps to its scalar's start.
 */
export function valueOffsets(scalar: LScalar): (offset: number) => number {
  const text = scalar.loc.file.text;
  const value = typeof scalar.value === 'string' ? scalar.value : String(scalar.value ?? '');
  const source = text.slice(scalar.loc.start, scalar.loc.end);
  let cursor = 0;
  if (source.startsWith('|') || source.startsWith('>')) cursor = source.indexOf('\n') + 1 || source.length;
  else if (scalar.quote) cursor = 1;
  const lineStarts: number[] = []; // file offset of each value line's first character, or -1
  let vpos = 0;
  for (const line of value.split('\n')) {
    const nl = source.indexOf('\n', cursor);
    const srcLine = source.slice(cursor, nl < 0 ? source.length : nl);
    const at = line === '' ? 0 : srcLine.indexOf(line);
    lineStarts.push(at < 0 ? -1 : scalar.loc.start + cursor + at);
    vpos += line.length + 1;
    cursor = nl < 0 ? source.length : nl + 1;
  }
  const valueLineStarts: number[] = [];
  vpos = 0;
  for (const line of value.split('\n')) {
    valueLineStarts.push(vpos);
    vpos += line.length + 1;
  }
  return (offset) => {
    let i = valueLineStarts.length - 1;
    while (i > 0 && valueLineStarts[i]! > offset) i--;
    const base = lineStarts[i] ?? -1;
    if (base < 0) return scalar.loc.start;
    return Math.min(base + (offset - valueLineStarts[i]!), scalar.loc.end);
  };
}
