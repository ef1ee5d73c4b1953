/**
 * Procfile lines as Heroku's and foreman's readers take them: `type: command`, where the type is letters, digits,
 * `_` and `-`; `#` starts a comment line; blank lines are skipped; anything else is ignored by the platforms, so it
 * is kept as an error for the outline's sake, never thrown. Offsets are UTF-16 string offsets.
 */
import type { ProcfileDocument, ProcessLine } from './document';

const PROCESS_LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;
const MAX_LINES = 10_000;

export function parseProcfile(text: string, path: string): ProcfileDocument {
  const document: ProcfileDocument = { text, path, processes: [], comments: [], errors: [] };
  let start = 0;
  for (let line = 0; start <= text.length && line < MAX_LINES; line++) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const end = lineEnd > start && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    readLine(document, text.slice(start, end), start, line);
    if (newline < 0) break;
    start = newline + 1;
  }
  return document;
}

function readLine(document: ProcfileDocument, lineText: string, lineStart: number, line: number): void {
  const leading = lineText.length - lineText.trimStart().length;
  const trimmed = lineText.trim();
  const range = { start: lineStart, end: lineStart + lineText.length };
  if (trimmed === '') return;
  if (trimmed.startsWith('#')) {
    document.comments.push({ start: lineStart + leading, end: range.end });
    return;
  }
  const match = PROCESS_LINE.exec(lineText.slice(leading));
  if (!match || match[2] === '') {
    document.errors.push({ range, message: 'Not a `type: command` line; the platform skips it.' });
    return;
  }
  const nameStart = lineStart + leading;
  // The command starts after the colon and the blanks that follow it.
  const afterColon = lineText.indexOf(':', leading) + 1;
  const commandStart = lineStart + afterColon + (lineText.slice(afterColon).length - lineText.slice(afterColon).trimStart().length);
  const process: ProcessLine = {
    name: match[1],
    nameRange: { start: nameStart, end: nameStart + match[1].length },
    command: match[2],
    commandRange: { start: commandStart, end: commandStart + match[2].length },
    range,
    line,
  };
  document.processes.push(process);
}
