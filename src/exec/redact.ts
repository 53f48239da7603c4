// Scrubs secrets out of text that came from somewhere else (a child's stderr, an HTTP error
// body) before slipway prints it: a program may echo what it was given.

import { type Arg, REDACTED, isSensitive } from './sensitive.js';

/** Replaces every occurrence of each secret's value in `text` with [REDACTED]. */
export function redactText(text: string, secrets: Iterable<Arg | undefined>): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  const values = [...secrets]
    .filter(isSensitive)
    .map((s) => s.reveal())
    .filter((v) => v.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const v of values) out = out.split(v).join(REDACTED);
  return out;
}
