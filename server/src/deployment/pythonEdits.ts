/**
 * Text edits on Python files (gunicorn configs, app modules) that keep them compiling: a statement removed leaves
 * `pass` where a block would be empty; lines added to a function body take its indentation and go after a
 * docstring; a new top-level `def` gets PEP 8's two blank lines. Offsets are the model's, so callers first make
 * sure the text they edit is the text the model was read from.
 */
import type { OffsetRange } from '../core/text';
import type { FunctionDef } from '../formats/gunicorn/model';
import { lineAround } from '../formats/gunicorn/rules/facts';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Lines of a block at `indent`; empty strings stay empty lines (no trailing spaces). */
function indented(lines: readonly string[], indent: string, newline: string): string {
  return lines.map((line) => (line === '' ? '' : indent + line)).join(newline);
}

/** A whole `def` with these body lines, ending with a line break. */
export function functionText(name: string, params: readonly string[], body: readonly string[], newline = '\n'): string {
  return `def ${name}(${params.join(', ')}):${newline}${indented(body, '    ', newline)}${newline}`;
}

/** Appends a top-level `def` at the end of the file, after exactly two blank lines. */
export function appendFunction(text: string, definition: string): TextEdit {
  const newline = newlineOf(text);
  if (text.trim() === '') return { range: { start: 0, end: text.length }, newText: definition };
  const trailingBreaks = (/(\r?\n)*$/.exec(text)?.[0].match(/\n/g) ?? []).length;
  return { range: { start: text.length, end: text.length }, newText: newline.repeat(Math.max(0, 3 - trailingBreaks)) + definition };
}

/**
 * Lines placed first in a function's body (after its docstring): what the hook does before anything else. A body
 * written on the `def` line (`def f(a, b): pass`) is moved to lines of its own.
 */
export function prependToBody(text: string, definition: FunctionDef, lines: readonly string[]): TextEdit {
  const newline = newlineOf(text);
  const start = definition.bodyRange.start;
  if (!text.slice(definition.paramsRange.end, start).includes('\n')) {
    const indent = `${lineAround(text, definition.nameRange.start).indent}    `;
    let gap = start;
    while (gap > 0 && (text[gap - 1] === ' ' || text[gap - 1] === '\t')) gap--;
    return { range: { start: gap, end: start }, newText: newline + indented(lines, indent, newline) + newline + indent };
  }
  const indent = definition.bodyIndent;
  const docstringEnd = endOfDocstring(text, start);
  if (docstringEnd !== undefined) {
    const end = lineAround(text, docstringEnd).end;
    return { range: { start: end, end }, newText: newline + indented(lines, indent, newline) };
  }
  // The body's first line already carries the indentation: write the first line bare, and re-indent what follows.
  const [first, ...rest] = lines;
  return { range: { start, end: start }, newText: [first, ...rest.map((line) => (line === '' ? '' : indent + line))].join(newline) + newline + indent };
}

/** The offset just past a docstring starting at `start`, or undefined when the body does not start with a string. */
function endOfDocstring(text: string, start: number): number | undefined {
  const match = /^[rRuU]?("""|'''|"|')/.exec(text.slice(start, start + 5));
  if (!match) return undefined;
  const quote = match[1];
  const close = text.indexOf(quote, start + match[0].length);
  if (close < 0) return undefined;
  const after = close + quote.length;
  // `"""doc""" + x` is an expression, not a docstring; anything but a line end or comment after it: not ours.
  return /^[ \t]*(#.*)?(\r?\n|$)/.test(text.slice(after)) ? after : undefined;
}

/**
 * Deletes the line holding a statement when the statement is the whole line; writes `pass` instead when it is the
 * only statement of its block (an empty block does not compile). Undefined when the statement shares its line.
 */
export function removeStatementLine(text: string, range: OffsetRange): TextEdit | undefined {
  const line = lineAround(text, range.start);
  const statement = text.slice(range.start, range.end);
  if (statement.includes('\n') ? false : text.slice(line.start, line.end).replace(/#.*$/, '').trim() !== statement.trim()) return undefined;
  const lastLine = lineAround(text, Math.max(range.start, range.end - 1));
  const before = previousCodeLine(text, line.start);
  const after = nextCodeLine(text, lastLine.end);
  const opensBlock = before !== undefined && /:\s*(#.*)?$/.test(before);
  const blockContinues = after !== undefined && after.length >= line.indent.length;
  if (opensBlock && !blockContinues) return { range: { start: line.start + line.indent.length, end: lastLine.end }, newText: 'pass' };
  const end = text.startsWith('\r\n', lastLine.end) ? lastLine.end + 2 : text[lastLine.end] === '\n' ? lastLine.end + 1 : lastLine.end;
  return { range: { start: line.start, end }, newText: '' };
}

function previousCodeLine(text: string, lineStart: number): string | undefined {
  const lines = text.slice(0, lineStart).split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const trimmed = lines[i].trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return lines[i];
  }
  return undefined;
}

/** The indentation of the next line with code after `lineEnd`. */
function nextCodeLine(text: string, lineEnd: number): string | undefined {
  for (const line of text.slice(lineEnd).split(/\r?\n/).slice(1)) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return /^[ \t]*/.exec(line)?.[0] ?? '';
  }
  return undefined;
}
