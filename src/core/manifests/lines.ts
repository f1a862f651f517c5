import { LineCounter } from 'yaml';
import type { Position, Range } from './types';

/** Converts 0-based character offsets of one text into 1-based line/column ranges. */
export class LineIndex {
  private readonly counter = new LineCounter();

  constructor(private readonly text: string) {
    this.counter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.counter.addNewLine(i + 1);
    }
  }

  /** The 1-based position of an offset (clamped to the text). */
  position(offset: number): Position {
    const { line, col } = this.counter.linePos(this.clamp(offset));
    return { line, column: col };
  }

  /** The range between two offsets. */
  range(startOffset: number, endOffset: number): Range {
    const s = this.clamp(startOffset);
    const e = Math.max(s, this.clamp(endOffset));
    return { start: this.position(s), end: this.position(e), startOffset: s, endOffset: e };
  }

  /** The range from an offset to the end of its line (for document-level diagnostics). */
  lineRange(offset: number): Range {
    const s = this.clamp(offset);
    const nl = this.text.indexOf('\n', s);
    const e = nl === -1 ? this.text.length : nl;
    return this.range(s, e > s && this.text[e - 1] === '\r' ? e - 1 : e);
  }

  /**
   * The range between two offsets, cut at the end of the first line: an unclosed quote makes yaml's
   * error span the rest of the file, and the squiggle belongs where the problem starts.
   */
  firstLineRange(startOffset: number, endOffset: number): Range {
    const line = this.lineRange(startOffset);
    return this.range(startOffset, Math.min(endOffset, line.endOffset));
  }

  private clamp(offset: number): number {
    return Math.min(Math.max(0, offset), this.text.length);
  }
}
