// A `check --cache` entry written while the report is printed: each piece of standard output goes to
// the entry's temporary file as it goes out, so the run never holds the report as one string (issue 15).
// The layout (entry-reader.ts reads it without holding the report either):
//
//   MAGIC (8) | HMAC (32) | standard output, its UTF-8 bytes | meta: JSON {slot, stamp, paths, exitCode, stderr} | meta's length (4, big-endian)
//
// The HMAC covers the magic and everything after the HMAC. It is computed along and written last, then
// the file is renamed into place: until then no reader can take it for an entry.

import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MAC_BYTES, MAGIC, MAX_ENTRY_BYTES, MAX_META_BYTES, type EntryMeta } from './store.js';

export class EntryWriter {
  /** null until the first bytes (the temporary file is made then), -1 once finished or given up. */
  private fd: number | null = null;
  private readonly tmp: string;
  private readonly hmac;
  private bytes = 0;
  private stderrText = '';
  /** A high surrogate that ended the last piece: written with the next one, so the bytes are those of the pieces joined. */
  private carry = '';

  constructor(
    private readonly file: string,
    key: Buffer,
  ) {
    this.tmp = join(dirname(file), `.${randomBytes(8).toString('hex')}.tmp`);
    this.hmac = createHmac('sha256', key).update(MAGIC);
  }

  /** A piece of standard output, in order. */
  stdout(piece: string): void {
    let text = this.carry + piece;
    this.carry = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.carry = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text) this.body(Buffer.from(text, 'utf8'));
  }

  /** Standard error is kept whole: a few lines. */
  stderr(piece: string): void {
    this.stderrText += piece;
  }

  /** Ends the entry with the rest of its fields and puts it in place; false when nothing was kept. */
  finish(rest: Omit<EntryMeta, 'stderr'>): boolean {
    if (this.carry) this.body(Buffer.from(this.carry, 'utf8'));
    this.carry = '';
    const { slot, stamp, paths, exitCode } = rest;
    const meta = Buffer.from(JSON.stringify({ slot, stamp, paths, exitCode, stderr: this.stderrText }), 'utf8');
    if (meta.length > MAX_META_BYTES) {
      this.discard();
      return false;
    }
    const length = Buffer.alloc(4);
    length.writeUInt32BE(meta.length);
    this.body(meta);
    this.body(length);
    if (this.fd === null || this.fd < 0) return false;
    try {
      writeSync(this.fd, this.hmac.digest(), 0, MAC_BYTES, MAGIC.length);
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.tmp, this.file);
      return true;
    } catch {
      this.discard();
      return false;
    }
  }

  /** Gives the entry up and removes its temporary file (a run that failed, a report cut short); idempotent. */
  discard(): void {
    if (this.fd === null || this.fd < 0) {
      this.fd = -1;
      return;
    }
    try {
      closeSync(this.fd);
      unlinkSync(this.tmp);
    } catch {
      // best effort: a temporary file is never read as an entry
    }
    this.fd = -1;
  }

  private body(buf: Buffer): void {
    if (this.fd === null) {
      try {
        this.fd = openSync(this.tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      } catch {
        this.fd = -1;
        return;
      }
      this.write(Buffer.concat([MAGIC, Buffer.alloc(MAC_BYTES)])); // the HMAC's place, filled last
    }
    if (this.fd < 0) return;
    this.hmac.update(buf);
    this.write(buf);
  }

  private write(buf: Buffer): void {
    if (this.fd === null || this.fd < 0) return;
    // A report larger than an entry may be is not cached (the reader would not read it).
    this.bytes += buf.length;
    if (this.bytes > MAX_ENTRY_BYTES) return this.discard();
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch {
      this.discard();
    }
  }
}
