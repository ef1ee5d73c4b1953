/**
 * `EnvironmentFile=` files as systemd reads them (parse_env_file): `KEY=VALUE` lines, `#`/`;` comment lines,
 * values in single quotes (kept as is), double quotes (backslash escapes `"`, `\`, `` ` ``, `$`; a backslash-newline
 * continues), or bare (a backslash escapes the next character, a backslash-newline continues, trailing blanks go).
 * Each value character keeps its file offset, so a finding about one flag of GUNICORN_CMD_ARGS lands on that flag
 * whatever the quoting. Never throws.
 */
import type { OffsetRange } from '../../core/text';

export interface EnvironmentFileAssignment {
  name: string;
  nameRange: OffsetRange;
  value: string;
  /** The file offset of each character of `value` (same length). */
  valueOffsets: number[];
  /** From the first to the last character of the value as written (quotes included); empty after `=` when empty. */
  valueRange: OffsetRange;
}

type State = 'pre-key' | 'key' | 'comment' | 'comment-escape' | 'pre-value' | 'value' | 'value-escape' | 'single' | 'double' | 'double-escape';

const DOUBLE_QUOTE_ESCAPABLE = '"\\`$';
const MAX_ASSIGNMENTS = 10_000;

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

function isNewline(c: string): boolean {
  return c === '\n' || c === '\r';
}

/** Every valid assignment, in file order (a later one of the same name wins, as in systemd). */
export function parseEnvironmentFile(text: string): EnvironmentFileAssignment[] {
  const assignments: EnvironmentFileAssignment[] = [];
  let state = 'pre-key' as State;
  let name = '';
  let nameStart = 0;
  let nameEnd = 0;
  let value = '';
  let offsets: number[] = [];
  let valueStart = -1;
  let valueEnd = -1;
  /** Where trailing blanks of a bare value begin (they are dropped), or -1. */
  let trailingBlanks = -1;

  const startKey = (at: number, c: string) => {
    state = 'key';
    name = c;
    nameStart = at;
    nameEnd = at + 1;
    value = '';
    offsets = [];
    valueStart = -1;
    valueEnd = -1;
    trailingBlanks = -1;
  };
  const push = (at: number, c: string) => {
    value += c;
    offsets.push(at);
  };
  const touch = (at: number) => {
    if (valueStart < 0) valueStart = at;
    valueEnd = at + 1;
  };
  const finish = () => {
    if (trailingBlanks >= 0) {
      value = value.slice(0, trailingBlanks);
      offsets = offsets.slice(0, trailingBlanks);
    }
    const trimmed = name.replace(/[ \t]+$/, '');
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed) && assignments.length < MAX_ASSIGNMENTS) {
      const end = offsets.length > 0 ? Math.max(valueEnd, offsets[offsets.length - 1] + 1) : valueEnd;
      assignments.push({
        name: trimmed,
        nameRange: { start: nameStart, end: nameStart + trimmed.length },
        value,
        valueOffsets: offsets,
        valueRange: valueStart < 0 ? { start: nameEnd + 1, end: nameEnd + 1 } : { start: valueStart, end: end },
      });
    }
    state = 'pre-key';
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (state) {
      case 'pre-key':
        if (c === '#' || c === ';') state = 'comment';
        else if (!isBlank(c) && !isNewline(c)) startKey(i, c);
        break;
      case 'comment':
        if (c === '\\') state = 'comment-escape';
        else if (isNewline(c)) state = 'pre-key';
        break;
      case 'comment-escape':
        state = 'comment';
        break;
      case 'key':
        if (isNewline(c))
          state = 'pre-key'; // no `=`: systemd ignores the line
        else if (c === '=') {
          nameEnd = i;
          state = 'pre-value';
        } else name += c;
        break;
      case 'pre-value':
        if (isNewline(c)) finish();
        else if (c === "'") {
          touch(i);
          state = 'single';
        } else if (c === '"') {
          touch(i);
          state = 'double';
        } else if (c === '\\') {
          touch(i);
          state = 'value-escape';
        } else if (!isBlank(c)) {
          touch(i);
          push(i, c);
          state = 'value';
        }
        break;
      case 'value':
        if (isNewline(c)) finish();
        else if (c === '\\') {
          trailingBlanks = -1;
          touch(i);
          state = 'value-escape';
        } else {
          if (!isBlank(c)) {
            trailingBlanks = -1;
            touch(i);
          } else if (trailingBlanks < 0) trailingBlanks = value.length;
          push(i, c);
        }
        break;
      case 'value-escape':
        state = 'value';
        // An escaped newline joins the next line; `\r\n` counts as one.
        if (c === '\r' && text[i + 1] === '\n') i++;
        else if (!isNewline(c)) {
          touch(i);
          push(i, c);
        }
        break;
      case 'single':
        touch(i);
        if (c === "'") state = 'pre-value';
        else push(i, c);
        break;
      case 'double':
        touch(i);
        if (c === '"') state = 'pre-value';
        else if (c === '\\') state = 'double-escape';
        else push(i, c);
        break;
      case 'double-escape':
        state = 'double';
        touch(i);
        if (DOUBLE_QUOTE_ESCAPABLE.includes(c)) push(i, c);
        else if (c === '\r' && text[i + 1] === '\n') i++;
        else if (!isNewline(c)) {
          push(i - 1, '\\');
          push(i, c);
        }
        break;
    }
  }
  // The last line needs no newline; an open quote runs to the end of the file, as in systemd.
  if (state === 'pre-value' || state === 'value' || state === 'value-escape' || state === 'single' || state === 'double' || state === 'double-escape') finish();
  return assignments;
}
