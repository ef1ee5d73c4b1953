/**
 * POSIX-ish shell word splitting for command lines found in unit files, Dockerfiles, compose files and
 * GUNICORN_CMD_ARGS: whitespace separates words; single quotes keep everything; double quotes keep everything but
 * `\"`, `\\`, `\$`, `` \` `` and backslash-newline; an unquoted backslash escapes the next character. Each word keeps
 * the range of its raw source text. Never throws: an unterminated quote runs to the end of the text.
 */
import type { OffsetRange } from '../../core/text';

export interface CommandWord {
  /** The word after quote removal and escapes. */
  text: string;
  /** The raw word in the source, quotes included. */
  range: OffsetRange;
  /** Whether any part of the word was quoted or escaped. */
  quoted: boolean;
}

const DOUBLE_QUOTE_ESCAPABLE = new Set(['"', '\\', '$', '`', '\n']);

export function splitShellWords(text: string, baseOffset = 0): CommandWord[] {
  const words: CommandWord[] = [];
  let i = 0;
  const length = text.length;
  while (i < length) {
    while (i < length && isSpace(text[i])) i++;
    if (i >= length) break;
    const start = i;
    let value = '';
    let quoted = false;
    while (i < length && !isSpace(text[i])) {
      const ch = text[i];
      if (ch === "'") {
        quoted = true;
        const close = text.indexOf("'", i + 1);
        const end = close < 0 ? length : close;
        value += text.slice(i + 1, end);
        i = close < 0 ? length : close + 1;
      } else if (ch === '"') {
        quoted = true;
        i++;
        while (i < length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < length && DOUBLE_QUOTE_ESCAPABLE.has(text[i + 1])) {
            if (text[i + 1] !== '\n') value += text[i + 1];
            i += 2;
          } else value += text[i++];
        }
        i++; // the closing quote (or past the end)
      } else if (ch === '\\') {
        quoted = true;
        if (i + 1 < length && text[i + 1] !== '\n') value += text[i + 1];
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    const end = Math.min(i, length);
    words.push({ text: value, range: { start: baseOffset + start, end: baseOffset + end }, quoted });
  }
  return words;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}
