/** Finds `%(key)s` atoms in the source text of an access_log_format literal, with their exact source ranges. */
import type { OffsetRange } from '../../core/text';

export interface AtomOccurrence {
  /** The key between the parentheses: `h`, `{x-forwarded-for}i`. */
  key: string;
  /** The whole atom as written, `%(h)s`. */
  written: string;
  range: OffsetRange;
  /** The range of the key alone. */
  keyRange: OffsetRange;
}

const ATOM = /%\(([^)\n]*)\)([a-zA-Z])?/g;

export function atomsIn(text: string, range: OffsetRange): AtomOccurrence[] {
  const out: AtomOccurrence[] = [];
  const source = text.slice(range.start, Math.min(range.end, range.start + 100_000));
  for (const match of source.matchAll(ATOM)) {
    const start = range.start + (match.index ?? 0);
    out.push({
      key: match[1],
      written: match[0],
      range: { start, end: start + match[0].length },
      keyRange: { start: start + 2, end: start + 2 + match[1].length },
    });
    if (out.length > 500) break;
  }
  return out;
}
