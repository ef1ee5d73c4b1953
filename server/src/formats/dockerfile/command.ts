/**
 * The two forms of `CMD`/`ENTRYPOINT` (and `RUN`): exec form, a JSON array of strings run as they are; shell form,
 * a line Docker hands to `/bin/sh -c`. Both become command words with exact offsets: a JSON string's range is the
 * text inside its quotes; a shell-form line is split as the shell splits it after Docker has joined its
 * continuation lines. Where joining would move characters (a continuation inside a word or a JSON string), the
 * words are marked inexact and no site is made from them.
 */
import type { OffsetRange } from '../../core/text';
import { splitShellWords, type CommandWord } from '../../commandline/words';

export interface CommandForm {
  form: 'exec' | 'shell';
  words: CommandWord[];
  /** Offsets of every word are exact (no continuation inside a word or string). */
  exact: boolean;
  /** Shell form: the line with continuations and embedded comment lines blanked out (same length as the source). */
  line?: string;
  /** Where the arguments are. */
  range: OffsetRange;
}

/** Reads an instruction's arguments; undefined for an empty one or a heredoc (`CMD <<EOF`). */
export function commandForm(args: string, start: number, escape = '\\'): CommandForm | undefined {
  const trimmed = args.trim();
  if (trimmed === '' || trimmed.startsWith('<<')) return undefined;
  const range = { start, end: start + args.length };
  if (trimmed.startsWith('[')) {
    const json = jsonStrings(args, start, escape);
    if (json) return { form: 'exec', words: json.words, exact: json.exact, range };
  }
  const { line, exact } = joinContinuations(args, escape);
  return { form: 'shell', words: splitShellWords(line, start), exact, line, range };
}

/**
 * Blanks continuation escapes and the comment lines Docker drops inside an instruction, keeping every offset.
 * `exact` is false when a continuation joins two halves of a word (Docker glues them; we would split them).
 */
export function joinContinuations(args: string, escape = '\\'): { line: string; exact: boolean } {
  const chars = args.split('');
  let exact = true;
  const continuation = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*(\\r?\\n)`, 'g');
  for (const match of args.matchAll(continuation)) {
    const at = match.index ?? 0;
    const end = at + match[0].length;
    const before = at > 0 ? args[at - 1] : ' ';
    const after = end < args.length ? args[end] : ' ';
    if (!/\s/.test(before) && !/\s/.test(after)) exact = false;
    for (let i = at; i < end; i++) chars[i] = ' ';
    // Comment lines right after a continuation are removed by Docker.
    let next = end;
    for (;;) {
      const lineEnd = args.indexOf('\n', next);
      const lineText = args.slice(next, lineEnd < 0 ? args.length : lineEnd);
      if (!/^[ \t]*#/.test(lineText) && !/^[ \t]*$/.test(lineText)) break;
      if (/^[ \t]*$/.test(lineText) && lineEnd < 0) break;
      for (let i = next; i < (lineEnd < 0 ? args.length : lineEnd + 1); i++) chars[i] = ' ';
      if (lineEnd < 0) break;
      next = lineEnd + 1;
    }
  }
  return { line: chars.join(''), exact };
}

/** A JSON array of strings with each string's offsets; undefined when the text is not one (Docker: shell form). */
function jsonStrings(args: string, start: number, escape: string): { words: CommandWord[]; exact: boolean } | undefined {
  const { line, exact: joinedExact } = joinContinuations(args, escape);
  let exact = joinedExact;
  let i = line.indexOf('[') + 1;
  const words: CommandWord[] = [];
  const skip = () => {
    while (i < line.length && /\s/.test(line[i])) i++;
  };
  skip();
  if (line[i] === ']') {
    i++;
    skip();
    return i === line.length ? { words, exact } : undefined;
  }
  for (;;) {
    skip();
    if (line[i] !== '"') return undefined;
    const open = i;
    i++;
    let raw = '';
    while (i < line.length && line[i] !== '"') {
      if (line[i] === '\\') {
        raw += line.slice(i, i + 2);
        i += 2;
      } else if (line[i] === '\n' || line[i] === '\r') return undefined;
      else raw += line[i++];
    }
    if (i >= line.length) return undefined;
    let text: string;
    try {
      text = JSON.parse(`"${raw}"`) as string;
    } catch {
      return undefined;
    }
    if (line.slice(open + 1, i) !== args.slice(open + 1, i)) exact = false;
    words.push({ text, range: { start: start + open + 1, end: start + i }, quoted: raw.length !== text.length });
    i++;
    skip();
    if (line[i] === ',') {
      i++;
      continue;
    }
    if (line[i] !== ']') return undefined;
    i++;
    skip();
    return i === line.length ? { words, exact } : undefined;
  }
}
