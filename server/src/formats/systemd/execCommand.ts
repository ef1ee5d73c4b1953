/**
 * `ExecStart=` and friends as systemd reads them (config_parse_exec): leading prefixes (`@ - : + ! !!`), then
 * words split at whitespace with double and single quotes and C escapes, `;` as a lone word separating commands,
 * `$VAR` (split at whitespace) and `${VAR}` (one word) replaced from the unit's environment unless `:` is given.
 * Offsets are file offsets, so findings about a flag land on the flag.
 */
import type { CommandWord } from '../../commandline/words';
import type { OffsetRange } from '../../core/text';
import type { UnitEntry } from './document';
import { valueOffsetAt } from './parser';

export type { CommandWord } from '../../commandline/words';

export interface ExecCommand {
  /** The prefix characters, e.g. "-" or "+@". */
  prefixes: string;
  prefixRange: OffsetRange;
  /** The program path as written (after unquoting); for `@`, argv[0] is the next word. */
  program: CommandWord | undefined;
  /** The arguments after the program (and after argv[0] with `@`), with variables expanded where known. */
  args: CommandWord[];
  /** All words after the program path as written (no expansion). */
  rawArgs: CommandWord[];
  /** The full command range. */
  range: OffsetRange;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };

const wordCache = new WeakMap<UnitEntry, CommandWord[]>();

/** Splits the value of an exec entry into words with file ranges (memoised per entry). Never throws. */
export function splitExecWords(entry: UnitEntry): CommandWord[] {
  let words = wordCache.get(entry);
  if (!words) wordCache.set(entry, (words = splitWords(entry)));
  return words;
}

function splitWords(entry: UnitEntry): CommandWord[] {
  const value = entry.value;
  const words: CommandWord[] = [];
  let i = 0;
  while (i < value.length && words.length < 10_000) {
    while (i < value.length && (value[i] === ' ' || value[i] === '\t')) i++;
    if (i >= value.length) break;
    const start = i;
    let text = '';
    let quoted = false;
    let quote: string | undefined;
    for (; i < value.length; i++) {
      const c = value[i];
      if (quote) {
        if (c === quote) quote = undefined;
        else if (c === '\\' && i + 1 < value.length) text += ESCAPES[value[++i]] ?? value[i];
        else text += c;
        continue;
      }
      if (c === ' ' || c === '\t') break;
      if (c === '"' || c === "'") {
        quote = c;
        quoted = true;
      } else if (c === '\\' && i + 1 < value.length) {
        const next = value[++i];
        // `\;` is a literal semicolon, never a command separator.
        if (next === ';') quoted = true;
        text += ESCAPES[next] ?? next;
      } else text += c;
    }
    words.push({ text, range: { start: valueOffsetAt(entry, start), end: valueOffsetAt(entry, i - 1) + 1 }, quoted });
  }
  return words;
}

/** The commands of an exec entry (usually one; `;` as a lone word separates several). */
export function parseExecEntry(entry: UnitEntry, environment: ReadonlyMap<string, string> = new Map()): ExecCommand[] {
  const words = splitExecWords(entry);
  const commands: ExecCommand[] = [];
  let current: CommandWord[] = [];
  const flush = () => {
    if (current.length > 0) commands.push(toCommand(current, environment));
    current = [];
  };
  for (const word of words) {
    if (word.text === ';' && !word.quoted) flush();
    else current.push(word);
  }
  flush();
  return commands;
}

function toCommand(words: CommandWord[], environment: ReadonlyMap<string, string>): ExecCommand {
  const first = words[0];
  let prefixLength = 0;
  while (prefixLength < first.text.length && '@-:+!'.includes(first.text[prefixLength]) && !first.quoted) prefixLength++;
  const prefixes = first.text.slice(0, prefixLength);
  const prefixRange = { start: first.range.start, end: first.range.start + prefixLength };
  const rest = [...words];
  let program: CommandWord | undefined;
  if (prefixLength < first.text.length)
    program = { text: first.text.slice(prefixLength), range: { start: first.range.start + prefixLength, end: first.range.end }, quoted: first.quoted };
  rest.shift();
  if (!program && rest.length > 0) program = rest.shift();
  // With `@` the word after the path is argv[0], not an argument.
  if (prefixes.includes('@')) rest.shift();
  const expand = !prefixes.includes(':');
  const args = expand ? rest.flatMap((w) => expandWord(w, environment)) : rest;
  const last = words[words.length - 1];
  return { prefixes, prefixRange, program, args, rawArgs: rest, range: { start: first.range.start, end: last.range.end } };
}

/** `$VAR` alone: split at whitespace; `${VAR}` anywhere: one word. Unknown variables are kept as written. */
function expandWord(word: CommandWord, environment: ReadonlyMap<string, string>): CommandWord[] {
  if (word.quoted && !word.text.includes('${')) return [word];
  const alone = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word.text);
  if (alone) {
    const value = environment.get(alone[1]);
    if (value === undefined) return [word];
    return value
      .split(/[ \t\n]+/)
      .filter((w) => w !== '')
      .map((text) => ({ text, range: word.range, quoted: false, expanded: true }));
  }
  if (!word.text.includes('${')) return [{ ...word, text: word.text.replace(/\$\$/g, '$') }];
  const text = word.text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (all, name: string) => environment.get(name) ?? all);
  return [text === word.text ? word : { ...word, text, expanded: true }];
}

/** A backslash sequence systemd's unescaping (cunescape_one in src/basic/escape.c) does not know. */
export interface UnknownEscape {
  /** The sequence as written, e.g. `\q` or `\x4`. */
  text: string;
  range: OffsetRange;
}

const isHex = (s: string) => /^[0-9a-fA-F]+$/.test(s);

/** unichar_is_valid: what `\U` may name. */
function validCodePoint(c: number): boolean {
  return c > 0 && c < 0x110000 && (c & 0xfffff800) !== 0xd800 && !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) !== 0xfffe;
}

/** How many characters the escape at value[i] (a backslash) spans when systemd accepts it, else 0. */
function knownEscapeLength(value: string, i: number): number {
  const c = value[i + 1];
  if (c === undefined) return 0;
  if ('abfnrtv\\"\'s'.includes(c)) return 2;
  const digits = (n: number) => value.slice(i + 2, i + 2 + n);
  if (c === 'x') return digits(2).length === 2 && isHex(digits(2)) && parseInt(digits(2), 16) !== 0 ? 4 : 0;
  if (c === 'u') return digits(4).length === 4 && isHex(digits(4)) && parseInt(digits(4), 16) !== 0 ? 6 : 0;
  if (c === 'U') return digits(8).length === 8 && isHex(digits(8)) && validCodePoint(parseInt(digits(8), 16)) ? 10 : 0;
  if (c >= '0' && c <= '7') {
    const octal = value.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(octal)) return 0;
    const n = parseInt(octal, 8);
    return n > 0 && n < 256 ? 4 : 0;
  }
  return 0;
}

/**
 * The escapes systemd does not know in a value it splits into words with C unescaping (extract_first_word with
 * EXTRACT_CUNESCAPE: `Exec*=`, `Environment=`), inside quotes and out. With `lone` (Exec lines) a word that is
 * exactly `\;` is the escaped command separator, not an escape. A backslash ending the value is left alone.
 */
export function unknownEscapes(entry: UnitEntry, lone = false): UnknownEscape[] {
  const value = entry.value;
  const found: UnknownEscape[] = [];
  for (let i = 0; i < value.length && found.length < 100; i++) {
    if (value[i] !== '\\') continue;
    if (i + 1 >= value.length) break;
    if (
      lone &&
      value[i + 1] === ';' &&
      (i === 0 || value[i - 1] === ' ' || value[i - 1] === '\t') &&
      (i + 2 === value.length || value[i + 2] === ' ' || value[i + 2] === '\t')
    ) {
      i++;
      continue;
    }
    const length = knownEscapeLength(value, i);
    if (length > 0) {
      i += length - 1;
      continue;
    }
    const text = value.slice(i, i + 2);
    found.push({ text, range: { start: valueOffsetAt(entry, i), end: valueOffsetAt(entry, i + 1) + 1 } });
    i++;
  }
  return found;
}
