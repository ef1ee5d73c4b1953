/**
 * The nginx tokenizer, following ngx_conf_read_token in src/core/ngx_conf_file.c: a `#` starts a comment only at
 * a token start; a word ends at whitespace, `;` or `{` (not at `}`); `${` stays inside a word; a backslash keeps
 * the next character; a quoted string must be followed by whitespace, `;`, `{` or `)`.
 */
import type { OffsetRange } from '../../core/text';

export type LexemeType = 'word' | 'string' | ';' | '{' | '}' | 'comment' | 'eof';

export interface Lexeme {
  type: LexemeType;
  start: number;
  end: number;
  /** For a string: the quote character; `unterminated` when the file ends inside it. */
  quote?: '"' | "'";
  unterminated?: boolean;
}

export interface LexError {
  message: string;
  range: OffsetRange;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export class NginxLexer {
  private pos = 0;
  /** Set after a closing quote: the next character must separate. */
  private needSpace = false;
  readonly errors: LexError[] = [];

  constructor(readonly text: string) {}

  get offset(): number {
    return this.pos;
  }

  /** The one lexeme object `next` fills: a big file has tens of thousands of tokens, so none is allocated. */
  private readonly current: Lexeme = { type: 'eof', start: 0, end: 0, quote: undefined, unterminated: undefined };

  private emit(type: LexemeType, start: number, end: number, quote?: '"' | "'", unterminated?: boolean): Lexeme {
    const lexeme = this.current;
    lexeme.type = type;
    lexeme.start = start;
    lexeme.end = end;
    lexeme.quote = quote;
    lexeme.unterminated = unterminated;
    return lexeme;
  }

  /** The next lexeme. The returned object is reused: it is valid until the following call. */
  next(): Lexeme {
    const text = this.text;
    if (this.needSpace) {
      this.needSpace = false;
      const code = text.charCodeAt(this.pos);
      if (this.pos < text.length && !isSpace(code) && code !== 59 && code !== 123 && code !== 41 /* ) */) {
        // nginx: unexpected "X" right after a closing quote; we report it and read on as if a space were there.
        this.errors.push({ message: `unexpected "${text[this.pos]}"`, range: { start: this.pos, end: this.pos + 1 } });
      }
    }
    while (this.pos < text.length && isSpace(text.charCodeAt(this.pos))) this.pos++;
    const start = this.pos;
    if (start >= text.length) return this.emit('eof', start, start);
    const ch = text[start];
    if (ch === ';' || ch === '{' || ch === '}') {
      this.pos++;
      return this.emit(ch, start, this.pos);
    }
    if (ch === '#') {
      let end = start;
      while (end < text.length && text.charCodeAt(end) !== 10) end++;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      this.pos = end;
      return this.emit('comment', start, end);
    }
    if (ch === '"' || ch === "'") return this.readString(ch);
    return this.readWord();
  }

  private readString(quote: '"' | "'"): Lexeme {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === quote) {
        this.pos = i + 1;
        this.needSpace = true;
        return this.emit('string', start, this.pos, quote);
      }
      i++;
    }
    this.pos = text.length;
    return this.emit('string', start, text.length, quote, true);
  }

  private readWord(): Lexeme {
    const text = this.text;
    const start = this.pos;
    let i = start;
    let variable = false;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 123 /* { */ && variable) {
        variable = false;
        i++;
        continue;
      }
      variable = false;
      if (code === 92 /* \ */) {
        i += 2;
        continue;
      }
      if (code === 36 /* $ */) {
        variable = true;
        i++;
        continue;
      }
      if (isSpace(code) || code === 59 || code === 123) break;
      i++;
    }
    this.pos = Math.min(i, text.length);
    return this.emit('word', start, this.pos);
  }

  /**
   * Skips a `*_by_lua_block` body: balanced braces, Lua strings ('', "", [[ ]]) and `--` comments. Returns the
   * offset of the closing `}` (or the end of the text) and leaves the lexer after it.
   */
  skipLuaBody(): { end: number; closed: boolean } {
    const text = this.text;
    let depth = 1;
    let i = this.pos;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '-' && text[i + 1] === '-') {
        const longOpen = /^\[=*\[/.exec(text.slice(i + 2, i + 2 + 64));
        if (longOpen) i = this.skipLongBracket(i + 2, longOpen[0].length - 2);
        else while (i < text.length && text[i] !== '\n') i++;
        continue;
      }
      if (ch === '[') {
        const longOpen = /^\[=*\[/.exec(text.slice(i, i + 64));
        if (longOpen) {
          i = this.skipLongBracket(i, longOpen[0].length - 2);
          continue;
        }
      }
      if (ch === '"' || ch === "'") {
        i++;
        while (i < text.length && text[i] !== ch && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        this.pos = i + 1;
        return { end: i, closed: true };
      }
      i++;
    }
    this.pos = text.length;
    return { end: text.length, closed: false };
  }

  private skipLongBracket(open: number, level: number): number {
    const closer = ']' + '='.repeat(level) + ']';
    const end = this.text.indexOf(closer, open + level + 2);
    return end < 0 ? this.text.length : end + closer.length;
  }
}

/** The value nginx stores for a token: quotes dropped, escapes resolved as ngx_conf_read_token does. */
export function tokenValue(raw: string, quoted: boolean): string {
  const body = quoted ? raw.slice(1, raw.length > 1 && raw.endsWith(raw[0]) ? -1 : undefined) : raw;
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      const next = body[i + 1];
      if (next === '"' || next === "'" || next === '\\') {
        out += next;
        i++;
        continue;
      }
      if (next === 't' || next === 'r' || next === 'n') {
        out += next === 't' ? '\t' : next === 'r' ? '\r' : '\n';
        i++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
