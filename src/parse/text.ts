// Offsets <-> 1-based line/column for one text.

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[] = [0];
  /** The text starts with a byte-order mark: not a column of line 1 (editors do not show it), though offsets count it. */
  private readonly bom: boolean;
  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 0-based line and character (LSP style) to an offset. */
  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line]! + character, this.text.length);
  }
  /** Offset to a 1-based line and column. */
  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const skip = lo === 0 && this.bom ? 1 : 0;
    return { line: lo + 1, column: Math.max(offset - this.starts[lo]! - skip, 0) + 1 };
  }
  /** The text of a 0-based line, without its newline. */
  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const next = this.starts[line + 1];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(line === 0 && this.bom ? 1 : start, end).replace(/\r$/, '');
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
