/**
 * Text positions. Everything inside the server works in UTF-16 offsets (what JavaScript strings and LSP
 * positions count); offsets become line/character only at the edge, through a LineIndex.
 */

/** A half-open range of UTF-16 offsets into one document. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface LineCharacter {
  line: number;
  character: number;
}

/** Maps offsets to zero-based line/character pairs and back, for one immutable text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // Most texts have no carriage return: the native search jumps from line to line instead of reading every
    // character (a cold run's character loop over a 6,000-line config cost ~6 ms in V8's interpreter).
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: LineCharacter): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The identifier-like word around an offset (letters, digits, `_`, `-`, `.`), or undefined. */
export function wordAt(text: string, offset: number, extra = ''): OffsetRange | undefined {
  const isWord = (ch: string | undefined) => ch !== undefined && (/[A-Za-z0-9_]/.test(ch) || extra.includes(ch));
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  return start === end ? undefined : { start, end };
}

export function contains(range: OffsetRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

/**
 * Orders strings by UTF-16 code unit, as Array.prototype.sort does by default. Deliberately not localeCompare:
 * its first call loads ICU collation data (~25 ms of a CLI run), and output order must not depend on the locale.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
