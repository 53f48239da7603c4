// Defensive accessors over located values: any key may hold any type in a user's file.

import type { LEntry, LMap, LScalar, LSeq, LValue } from './model.js';

export const isLMap = (v: LValue | null | undefined): v is LMap => v?.kind === 'map';
export const isLSeq = (v: LValue | null | undefined): v is LSeq => v?.kind === 'seq';
export const isLScalar = (v: LValue | null | undefined): v is LScalar => v?.kind === 'scalar';

export function entry(m: LValue | null | undefined, key: string): LEntry | undefined {
  return isLMap(m) ? m.entries.get(key) : undefined;
}

export function get(m: LValue | null | undefined, ...path: string[]): LValue | undefined {
  let v: LValue | undefined = m ?? undefined;
  for (const k of path) v = entry(v, k)?.value;
  return v;
}

/** A scalar's interpolated value as a string ('' for null), or undefined for maps and sequences. */
export function str(v: LValue | null | undefined): string | undefined {
  if (!isLScalar(v)) return undefined;
  return v.resolved === null || v.resolved === undefined ? '' : String(v.resolved);
}

/** A scalar's value as written (before interpolation). */
export function raw(v: LValue | null | undefined): string | undefined {
  if (!isLScalar(v)) return undefined;
  return v.value === null || v.value === undefined ? '' : String(v.value);
}

export function items(v: LValue | null | undefined): LValue[] {
  return isLSeq(v) ? v.items : [];
}

/** Truthy as compose reads booleans (true, "true", "yes"...). */
export function isTrue(v: LValue | null | undefined): boolean {
  if (!isLScalar(v)) return false;
  const r = v.resolved;
  return r === true || (typeof r === 'string' && /^(true|yes|on|1)$/i.test(r.trim()));
}

/**
 * `environment`, `labels`, `build.args`... as a mapping whatever form was written: a list of
 * `KEY=VALUE` strings becomes entries keyed KEY (a bare `KEY` has a null value).
 */
export function asMap(v: LValue | null | undefined): LMap | null {
  if (isLMap(v)) return v;
  if (!isLSeq(v)) return null;
  const m: LMap = { kind: 'map', entries: new Map(), loc: v.loc };
  for (const item of v.items) {
    if (!isLScalar(item) || item.value === null || typeof item.value === 'object') continue;
    const written = String(item.value);
    const resolved = item.resolved === null ? '' : String(item.resolved);
    const eq = written.indexOf('=');
    const key = (eq < 0 ? written : written.slice(0, eq)).trim();
    if (!key) continue;
    const req = resolved.indexOf('=');
    const src = item.loc.file.text.slice(item.loc.start, item.loc.end);
    const q = item.quote ? 1 : 0;
    const srcEq = src.indexOf('=');
    const keyLoc = srcEq < 0 ? item.loc : { ...item.loc, start: item.loc.start + q, end: item.loc.start + srcEq };
    const valueLoc = srcEq < 0 ? item.loc : { ...item.loc, start: item.loc.start + srcEq + 1, end: Math.max(item.loc.start + srcEq + 1, item.loc.end - q) };
    const value: LScalar =
      eq < 0
        ? { kind: 'scalar', value: null, resolved: null, quote: '', loc: { ...item.loc, start: item.loc.end } }
        : {
            kind: 'scalar',
            value: written.slice(eq + 1),
            resolved: req < 0 ? '' : resolved.slice(req + 1),
            quote: item.quote,
            loc: valueLoc,
          };
    m.entries.set(key, { key, keyLoc, value });
  }
  return m;
}

/** `depends_on` as a mapping (a list of names becomes name → {}). */
export function dependsOnMap(v: LValue | null | undefined): LMap | null {
  if (isLMap(v)) return v;
  if (!isLSeq(v)) return null;
  const m: LMap = { kind: 'map', entries: new Map(), loc: v.loc };
  for (const item of v.items) {
    const name = str(item);
    if (!name) continue;
    m.entries.set(name, { key: name, keyLoc: item.loc, value: { kind: 'map', entries: new Map(), loc: item.loc } });
  }
  return m;
}

/** Deep plain form (interpolated), for comparisons. */
export function plain(v: LValue | null | undefined): unknown {
  if (!v) return null;
  if (v.kind === 'scalar') return v.resolved;
  if (v.kind === 'seq') return v.items.map(plain);
  const o: Record<string, unknown> = {};
  for (const [k, e] of v.entries) o[k] = plain(e.value);
  return o;
}
