// A `check --cache` entry written while the report is printed: each piece of standard output goes to
// the entry's temporary file as it goes out, so the run never holds the report as one string (issue 15).
// The file is the one store.ts's readEntry reads (magic, HMAC, JSON body); only the body's key order
// differs (stdout first, because it comes first). The HMAC is computed along and written last, then the
// file is renamed into place: until then no reader can take it for an entry.

import { createHmac, randomBytes } from 'node:crypto';
import { closeSync, constants, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MAC_BYTES, MAGIC, MAX_ENTRY_BYTES, type CacheEntry } from './store.js';

export class EntryWriter {
  /** null until the first piece (the temporary file is made then), -1 once finished or given up. */
  private fd: number | null = null;
  private readonly tmp: string;
  private readonly hmac;
  private bytes = 0;
  private stderrText = '';

  constructor(
    private readonly file: string,
    key: Buffer,
  ) {
    this.tmp = join(dirname(file), `.${randomBytes(8).toString('hex')}.tmp`);
    this.hmac = createHmac('sha256', key).update(MAGIC);
  }

  /** A piece of standard output, in order. */
  stdout(piece: string): void {
    // JSON.stringify escapes a piece as it would escape it inside the whole (a surrogate pair cut in two
    // is escaped as two halves, which JSON.parse joins again).
    if (piece) this.body(JSON.stringify(piece).slice(1, -1));
  }

  /** Standard error is kept whole: a few lines. */
  stderr(piece: string): void {
    this.stderrText += piece;
  }

  /** Ends the entry with the rest of its fields and puts it in place; false when nothing was kept. */
  finish(rest: Omit<CacheEntry, 'stdout' | 'stderr'>): boolean {
    const { slot, stamp, paths, exitCode } = rest;
    this.body(`","stderr":${JSON.stringify(this.stderrText)},"slot":${JSON.stringify(slot)},"stamp":${JSON.stringify(stamp)},"paths":${JSON.stringify(paths)},"exitCode":${JSON.stringify(exitCode)}}`);
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

  private body(text: string): void {
    if (this.fd === null) {
      try {
        this.fd = openSync(this.tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
      } catch {
        this.fd = -1;
        return;
      }
      this.write(Buffer.concat([MAGIC, Buffer.alloc(MAC_BYTES)])); // the HMAC's place, filled last
      this.body('{"stdout":"');
    }
    if (this.fd < 0) return;
    const buf = Buffer.from(text, 'utf8');
    this.hmac.update(buf);
    this.write(buf);
  }

  private write(buf: Buffer): void {
    if (this.fd === null || this.fd < 0) return;
    // A report larger than an entry may be is not cached (readEntry would not read it).
    this.bytes += buf.length;
    if (this.bytes > MAX_ENTRY_BYTES) return this.discard();
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(this.fd!, buf, off, buf.length - off);
    } catch {
      this.discard();
    }
  }
}
