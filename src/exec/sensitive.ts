// A secret that travels through commands without ever being printed (after Kamal's
// utils/sensitive.rb): every way of turning it into text — String(), template literals,
// JSON.stringify, util.inspect, console.log — gives [REDACTED]. Only reveal() gives the value,
// and only executors call it, at the last moment, to feed a child's stdin or environment.

import { inspect } from 'node:util';

export const REDACTED = '[REDACTED]';

export class Sensitive {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The secret itself. Call it only where it leaves for a child's stdin or environment. */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** One word of a command: plain text, or a secret. */
export type Arg = string | Sensitive;
/** A program and its arguments, never a shell string. */
export type Argv = readonly Arg[];

export function sensitive(value: string): Sensitive {
  return new Sensitive(value);
}

export function isSensitive(a: unknown): a is Sensitive {
  return a instanceof Sensitive;
}

/** The real text of an argument (for executors only). */
export function revealArg(a: Arg): string {
  return typeof a === 'string' ? a : a.reveal();
}

/** The printable text of an argument: a secret becomes [REDACTED]. */
export function displayArg(a: Arg): string {
  return typeof a === 'string' ? a : REDACTED;
}
