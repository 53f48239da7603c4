// File bytes ⇄ text without loss. Valid UTF-8 decodes as usual; every byte that is not part of a valid
// UTF-8 sequence becomes the lone surrogate U+DC00+byte (Python's "surrogateescape"), which no valid
// UTF-8 can produce, so encoding gives back the same bytes. Rules and fixes work on one string with
// one set of offsets, and a fix leaves Latin-1 text, BOMs and odd line ends outside its edit as they were.

import { isUtf8 } from 'node:buffer';

export function decodeBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const parts: string[] = [];
  let run = 0; // start of the current valid run
  const flush = (end: number) => {
    if (end > run) parts.push(Buffer.from(bytes.buffer, bytes.byteOffset + run, end - run).toString('utf8'));
  };
  for (let i = 0; i < bytes.length; ) {
    const n = validLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    parts.push(String.fromCharCode(0xdc00 + bytes[i]!));
    run = ++i;
  }
  flush(bytes.length);
  return parts.join('');
}

/** Length of the valid UTF-8 sequence starting at `i`, 0 when the byte there does not start one. */
function validLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c >= 0xe1 && c <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** The inverse of decodeBytes. */
export function encodeText(text: string): Buffer {
  if (!/[\ud800-\udfff]/.test(text)) return Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++; // a pair: an ordinary character
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      if (i > run) out.push(Buffer.from(text.slice(run, i), 'utf8'));
      out.push(Buffer.of(c - 0xdc00));
      run = i + 1;
    }
  }
  if (run < text.length) out.push(Buffer.from(text.slice(run), 'utf8'));
  return Buffer.concat(out);
}

/** Text for people: escaped bytes shown as U+FFFD (never as the lone surrogates they are inside). */
export function displayText(text: string): string {
  return text.replace(/[\udc80-\udcff]/g, '\ufffd');
}
