// A streamed check is done with a Dockerfile once its own rules and its contexts' rules ran: nothing reads
// its text or line index after that (the project rules and the checklist read the kept outline; `--cache`
// stamps paths: inputs.ts inputPaths), so the check lets them go (issue 15: ~1.7 kB per Dockerfile held to
// the end). The fields are overwritten, not turned into accessors: an accessor in place of a data property
// put every released file in dictionary mode (+0.4 kB each, measured). Reading positions after the
// release throws, and so do the readers that would need the text (a model parsed again, projectInputs).

import { LineIndex } from '../parse/text.js';
import type { SourceFile } from './model.js';

class ReleasedLines extends LineIndex {
  constructor() {
    super('');
  }
  override get starts(): readonly number[] {
    throw new Error('a released text was read (its line index)');
  }
}

/** The line index of every released file: one object, so being released costs a file nothing. */
const RELEASED_LINES: LineIndex = new ReleasedLines();

/** Drops the file's text and line index. */
export function releaseText(file: SourceFile): void {
  file.text = '';
  file.lines = RELEASED_LINES;
}

export function isReleased(file: SourceFile): boolean {
  return file.lines === RELEASED_LINES;
}

/** Throws when the file's text was released: for readers that would answer wrongly from an empty text. */
export function assertText(file: SourceFile): void {
  if (isReleased(file)) throw new Error(`${file.path}: its text was read after the check released it`);
}
