/**
 * smol-toml gives values without positions, so requirement names are found again in the raw text: inside the
 * table that declares them, after the previous find, so repeated names map to successive declarations.
 */
import type { OffsetRange } from '../../core/text';
import { escapeRegExp } from '../../core/paths';

/** The offset where a table's body starts (`[project]`, `[tool.poetry.dependencies]`), or undefined. */
export function tableStart(text: string, dottedName: string): number | undefined {
  const parts = dottedName.split('.').map((part) => `(?:${escapeRegExp(part)}|"${escapeRegExp(part)}"|'${escapeRegExp(part)}')`);
  const header = new RegExp(`^[ \\t]*\\[[ \\t]*${parts.join('[ \\t]*\\.[ \\t]*')}[ \\t]*\\][^\\n]*`, 'm');
  const match = header.exec(text);
  return match ? match.index + match[0].length : undefined;
}

/** Finds successive quoted strings or keys in a text, moving forward. */
export class Locator {
  constructor(
    private readonly text: string,
    private cursor: number,
  ) {}

  /** The range of `name` inside the next quoted string whose content equals `raw`. */
  nameInString(raw: string, name: string): OffsetRange | undefined {
    for (const quote of ['"', "'"]) {
      const at = this.text.indexOf(quote + raw + quote, this.cursor);
      if (at >= 0) {
        const nameAt = this.text.indexOf(name, at + 1);
        const start = nameAt >= 0 && nameAt <= at + raw.length ? nameAt : at + 1;
        this.cursor = at + raw.length + 2;
        return { start, end: start + name.length };
      }
    }
    return undefined;
  }

  /** The range of a key (`gunicorn = ...`, `"gunicorn" = ...`, also `gunicorn.version = ...`) at a line start. */
  key(name: string): OffsetRange | undefined {
    const pattern = new RegExp(`^[ \\t]*(["']?)(${escapeRegExp(name)})\\1[ \\t]*[=.]`, 'gm');
    pattern.lastIndex = this.cursor;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    const start = match.index + match[0].indexOf(match[2], match[1].length);
    this.cursor = start + name.length;
    return { start, end: start + name.length };
  }
}
