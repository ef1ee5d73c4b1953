/**
 * The one word type every host hands to the command-line reader, and POSIX-ish shell splitting for command lines
 * found in Procfiles, shell scripts, Dockerfiles, compose files and GUNICORN_CMD_ARGS (gunicorn reads that variable
 * with Python's shlex.split). systemd splits its own way (formats/systemd/execCommand.ts) into the same type.
 * Splitting: whitespace separates words; single quotes keep everything; double quotes keep everything but
 * `\"`, `\\`, `\$`, `` \` `` and backslash-newline; an unquoted backslash escapes the next character. Each word keeps
 * the range of its raw source text. Never throws: an unterminated quote runs to the end of the text.
 */
import type { OffsetRange } from '../core/text';

export interface CommandWord {
  /** The word after quote removal and escapes. */
  text: string;
  /** The raw word in the source, quotes included. */
  range: OffsetRange;
  /** Whether any part of the word was quoted or escaped. */
  quoted: boolean;
  /** The host filled a variable in (systemd's `$VAR`): the text is the environment's, the source shows the name. */
  expanded?: boolean;
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

/** The executable's base name (`/srv/app/.venv/bin/gunicorn` -> gunicorn). */
export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}

/** The rest of a word from character `from` on (`--workers=4` -> `4`); its start is exact when the word has no quotes before `from`. */
export function subWord(word: CommandWord, from: number): CommandWord {
  const part: CommandWord = {
    text: word.text.slice(from),
    range: { start: Math.min(word.range.start + from, word.range.end), end: word.range.end },
    quoted: word.quoted,
  };
  if (word.expanded) part.expanded = true;
  return part;
}

/**
 * `$NAME`, `${NAME}`, `$(command)` or a backquoted command: text a shell or systemd replaces before gunicorn sees
 * it, so neither ours to judge nor to rewrite.
 */
/** A word whose value the environment gives, written as a variable or already filled in by the host: never judged. */
export function fromEnvironment(word: CommandWord): boolean {
  return word.expanded === true || mentionsVariable(word.text);
}

export function mentionsVariable(text: string): boolean {
  return /\$(?:[A-Za-z_{(]|\d)|`/.test(text);
}

/** Quotes a word for a POSIX shell only when it needs it (fixes write words back into command lines). */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
