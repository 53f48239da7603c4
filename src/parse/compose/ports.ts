// Compose `ports:` entries, short (`[ip:][published:]target[/proto]`, ranges, [IPv6]) and long syntax.

import { isIP } from 'node:net';
import type { LValue, Loc } from './model.js';
import { get, isLMap, isLScalar, raw, str } from './values.js';

export interface PortSpec {
  hostIp: string | null;
  /** Host port or range as written after interpolation; null when not published to a fixed port. */
  published: string | null;
  /** Container port or range. */
  target: string;
  protocol: string;
  /** The entry uses a variable (its published side or IP may be set by the environment). */
  variable: boolean;
  loc: Loc;
}

export function parsePort(v: LValue): PortSpec | null {
  if (isLMap(v)) {
    const target = str(get(v, 'target'));
    if (!target) return null;
    const text = JSON.stringify([raw(get(v, 'published')), raw(get(v, 'host_ip'))]);
    return {
      hostIp: str(get(v, 'host_ip')) || null,
      published: str(get(v, 'published')) || null,
      target,
      protocol: (str(get(v, 'protocol')) || 'tcp').toLowerCase(),
      variable: text.includes('$'),
      loc: v.loc,
    };
  }
  if (!isLScalar(v) || v.resolved === null || typeof v.resolved === 'object') return null;
  const s = String(v.resolved).trim();
  if (!s) return null;
  const [spec, proto] = s.split('/') as [string, string | undefined];
  let hostIp: string | null = null;
  let rest = spec;
  const v6 = /^\[([^\]]*)\]:(.*)$/.exec(spec);
  if (v6) {
    hostIp = v6[1]!;
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (!v6 && parts.length >= 3) hostIp = parts.shift()!;
  else if (!v6 && parts.length === 2 && isIP(parts[0]!)) {
    hostIp = parts.shift()!;
  }
  const target = parts.pop() ?? '';
  const published = parts.length ? parts[0]! : null;
  return {
    hostIp: hostIp || null,
    published: published || null,
    target,
    protocol: (proto || 'tcp').toLowerCase(),
    variable: String(v.value).includes('$'),
    loc: v.loc,
  };
}

/** A port or range `8000-8002` as numbers (empty when not numeric or too large a range). */
export function expandPorts(range: string | null): number[] {
  if (!range) return [];
  const m = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  if (!m) return [];
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a || b - a > 65535) return [];
  const out: number[] = [];
  for (let p = a; p <= b; p++) out.push(p);
  return out;
}

/** Bound to loopback only (or another specific interface that is not "all"). */
export function isAllInterfaces(hostIp: string | null): boolean {
  return hostIp === null || hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '[::]';
}
