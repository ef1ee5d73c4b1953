/**
 * Where a name is used in a config file, by text: the model has assignments and calls but no list of reads, and a
 * name read anywhere (a helper, an import, `workers = WORKERS * 2`) is a variable, not a misspelt setting.
 */
import type { OffsetRange } from '../../../core/text';

/** Ranges of `name` as a whole identifier, outside `#` comments. Strings count: f-strings read names too. */
export function identifierOccurrences(text: string, name: string, limit = 1000): OffsetRange[] {
  const found: OffsetRange[] = [];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return found;
  const pattern = new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`, 'g');
  for (const match of text.matchAll(pattern)) {
    if (found.length >= limit) break;
    const start = match.index ?? 0;
    if (insideComment(text, start)) continue;
    found.push({ start, end: start + name.length });
  }
  return found;
}

/** A rough test: a `#` earlier on the line that is not inside a quote. */
function insideComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quote: string | undefined;
  for (let i = lineStart; i < offset; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return true;
  }
  return false;
}
