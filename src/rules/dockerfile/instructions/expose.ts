// EXPOSE words: `80`, `8000-8010/tcp`, and the forms EXPOSE should not use (`127.0.0.1:80:80`, `8080:80`).

import type { Dockerfile, Instruction, Token } from '../../../parse/dockerfile/model.js';
import { resolve, unquote } from './util.js';

export interface ExposeWord {
  token: Token;
  /** After quote removal and variable substitution. */
  value: string;
  /** `ip:` and/or `host:` prefix, as written ('' when none). */
  mapping: string;
  /** The container port or range: `80`, `8000-8010`. */
  port: string;
  /** The protocol as written, or null. */
  proto: string | null;
  /** Offset in the file of the protocol (only when the word has no quotes or variables). */
  protoStart: number | null;
  /** Offset of the container port (only when literal). */
  portStart: number | null;
}

/** The EXPOSE words whose value is known; variables that cannot be resolved are skipped. */
export function exposeWords(df: Dockerfile, inst: Instruction): ExposeWord[] {
  const out: ExposeWord[] = [];
  for (const token of inst.args) {
    const value = resolve(df, inst, unquote(token.value));
    if (value === null || value === '') continue;
    const literal = value === token.value;
    const slash = value.lastIndexOf('/');
    const proto = slash >= 0 ? value.slice(slash + 1) : null;
    const spec = slash >= 0 ? value.slice(0, slash) : value;
    const colon = spec.lastIndexOf(':');
    const mapping = colon >= 0 ? spec.slice(0, colon + 1) : '';
    const port = spec.slice(colon + 1);
    out.push({
      token,
      value,
      mapping,
      port,
      proto,
      protoStart: literal && slash >= 0 ? token.start + slash + 1 : null,
      portStart: literal ? token.start + mapping.length : null,
    });
  }
  return out;
}

/** `80` → [80, 80]; `8000-8010` → [8000, 8010]; anything else → null. */
export function portRange(port: string): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!m) return null;
  const lo = Number(m[1]);
  return [lo, m[2] === undefined ? lo : Number(m[2])];
}
