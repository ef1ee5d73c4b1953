/**
 * Reads an `access_log_format` the way Python's `%` operator with a mapping does: `%(key)` then optional flags,
 * width, precision and length modifier, then one conversion character. Works on the literal's source text so every
 * range points at the atom as written (the atoms have no characters that an escape could change).
 */
import type { OffsetRange } from '../../../core/text';

export type AtomToken =
  | { kind: 'atom'; key: string; range: OffsetRange; keyRange: OffsetRange }
  /** `%(h)` with no conversion character after it, or `%(h` never closed. */
  | { kind: 'unterminated'; key: string; range: OffsetRange; keyRange: OffsetRange; closed: boolean }
  /** `%h` (Apache style): Python wants `%(h)s` when formatting with a mapping. */
  | { kind: 'bare'; letter: string; range: OffsetRange };

const SPEC_TAIL = /^[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]/;

/** Tokens of the source text `source`, whose first character sits at offset `base` in the document. */
export function scanLogFormat(source: string, base: number, limit = 500): AtomToken[] {
  const tokens: AtomToken[] = [];
  let i = 0;
  while (i < source.length && tokens.length < limit) {
    if (source[i] !== '%') {
      i++;
      continue;
    }
    const next = source[i + 1];
    if (next === '%') {
      i += 2;
      continue;
    }
    if (next === '(') {
      const close = source.indexOf(')', i + 2);
      const stringEnd = endOfLiteralPart(source, i + 2);
      if (close < 0 || close > stringEnd) {
        tokens.push({
          kind: 'unterminated',
          key: source.slice(i + 2, stringEnd),
          range: { start: base + i, end: base + stringEnd },
          keyRange: { start: base + i + 2, end: base + stringEnd },
          closed: false,
        });
        i = stringEnd;
        continue;
      }
      const key = source.slice(i + 2, close);
      const keyRange = { start: base + i + 2, end: base + close };
      const tail = SPEC_TAIL.exec(source.slice(close + 1, close + 40));
      if (tail) {
        tokens.push({ kind: 'atom', key, range: { start: base + i, end: base + close + 1 + tail[0].length }, keyRange });
        i = close + 1 + tail[0].length;
      } else {
        tokens.push({ kind: 'unterminated', key, range: { start: base + i, end: base + close + 1 }, keyRange, closed: true });
        i = close + 1;
      }
      continue;
    }
    if (next !== undefined && /[A-Za-z]/.test(next)) {
      tokens.push({ kind: 'bare', letter: next, range: { start: base + i, end: base + i + 2 } });
      i += 2;
      continue;
    }
    i++;
  }
  return tokens;
}

/** Where the current quoted part ends (the next unescaped quote character), so a scan never runs into code. */
function endOfLiteralPart(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    if (source[j] === '\\') {
      j++;
      continue;
    }
    if (source[j] === '"' || source[j] === "'" || source[j] === '\n') return j;
  }
  return source.length;
}
