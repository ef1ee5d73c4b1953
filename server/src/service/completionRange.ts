/** The text a completion replaces by default: the identifier-like run before the cursor. */
import type { OffsetRange } from '../core/text';

const WORD_CHAR = /[A-Za-z0-9_\-.]/;

export function completionReplaceRange(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  return { start, end: offset };
}
