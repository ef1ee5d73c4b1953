/** The nginx syntax tree: directives with their argument tokens, blocks and comments, all in UTF-16 offsets. */
import type { OffsetRange } from '../../core/text';

export interface NginxToken {
  /** The source text, quotes included. */
  raw: string;
  /** The value nginx sees: quotes removed, `\"` `\'` `\\` `\t` `\r` `\n` unescaped. */
  value: string;
  range: OffsetRange;
  quote?: '"' | "'";
}

export interface NginxBlock {
  /** Offset of `{`. */
  open: number;
  /** Offset just after `}`; undefined when the block is never closed. */
  close?: number;
  children: NginxDirective[];
  /** For `*_by_lua_block`: the body kept as raw text, never parsed as nginx. */
  raw?: { range: OffsetRange; text: string };
}

export interface NginxDirective {
  name: string;
  nameToken: NginxToken;
  args: NginxToken[];
  /** How the statement ended: `;`, `{`, or missing (a syntax error was reported). */
  terminator?: ';' | '{';
  /** From the name's start to the terminator (or the block's `}`). */
  range: OffsetRange;
  /** Offset just after `;` / `{` or after the last token when missing. */
  terminatorEnd: number;
  block?: NginxBlock;
  parent?: NginxDirective;
  /**
   * Position in document order (depth-first, as walkDirectives yields), from 0, numbered by the parser. Tables
   * about one document (contexts, table entries) are arrays indexed by it rather than maps keyed by objects:
   * only ever index a table with directives of the document it was built for.
   */
  index: number;
}

export interface NginxComment {
  range: OffsetRange;
  text: string;
}

export type SyntaxErrorKind =
  | 'missing-semicolon'
  | 'unexpected-close'
  | 'unexpected-char'
  | 'eof-expecting-semicolon'
  | 'eof-expecting-close'
  | 'unterminated-string';

export interface NginxSyntaxError {
  kind: SyntaxErrorKind;
  message: string;
  range: OffsetRange;
  /** What a fix inserts and where (missing `;` or `}`). */
  insert?: { offset: number; text: string };
  /** Places that explain the error (the blocks an unexpected end of file leaves open). */
  related?: { range: OffsetRange; message: string }[];
}

export interface NginxDocument {
  path: string;
  text: string;
  directives: NginxDirective[];
  comments: NginxComment[];
  errors: NginxSyntaxError[];
}
