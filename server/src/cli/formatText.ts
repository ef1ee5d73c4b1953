/** `file:line:col: severity id message`, the offending source line and carets under it, grouped by file. */
import { counts, type Report } from './report';

export interface TextStyle {
  color: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/** The widest slice of a source line shown under a finding; longer lines are cut around the finding. */
export const MAX_FRAME_WIDTH = 120;

/**
 * Control characters (a file's own ESC sequences, CR, NUL), C1 controls and bidirectional overrides written as
 * visible escapes: a file must not be able to drive the reader's terminal or hide text in the report.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * The code frame of one finding: the source line (tabs as spaces, controls escaped, cut to MAX_FRAME_WIDTH around
 * the finding) and the carets under it, their columns counted in the text as shown.
 */
export function codeFrame(source: string, column: number, width: number): { line: string; caretStart: number; caretWidth: number } {
  const show = (text: string) => escapeControl(text.replace(/\t/g, ' '));
  const startIndex = Math.max(0, Math.min(column - 1, source.length));
  // Cut the raw line first (some context before the finding, then as much as fits), then escape what is shown.
  const from = source.length <= MAX_FRAME_WIDTH ? 0 : Math.max(0, Math.min(startIndex - 20, source.length - MAX_FRAME_WIDTH));
  const to = Math.min(source.length, from + MAX_FRAME_WIDTH);
  const markEnd = Math.max(startIndex, Math.min(to, startIndex + Math.max(1, width)));
  const head = from > 0 ? '…' : '';
  const before = head + show(source.slice(from, startIndex));
  const marked = show(source.slice(startIndex, markEnd));
  const line = before + marked + show(source.slice(markEnd, to)) + (to < source.length ? '…' : '');
  // Escapes widen what precedes the column: the carets are placed on the text as shown.
  return { line, caretStart: before.length, caretWidth: Math.max(1, marked.length) };
}

export function formatText(report: Report, style: TextStyle): string {
  const paint = (color: keyof typeof COLORS, text: string) => (style.color ? COLORS[color] + text + COLORS.reset : text);
  const out: string[] = [];
  let currentFile: string | undefined;
  let lines: string[] | undefined;
  for (const d of report.diagnostics) {
    const file = escapeControl(d.file);
    if (d.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('bold', file));
      currentFile = d.file;
      lines = report.sources.get(d.file)?.split(/\r\n|\r|\n/);
    }
    out.push(`${file}:${d.line}:${d.column}: ${paint(d.severity, d.severity)} ${paint('dim', d.rule)} ${escapeControl(d.message)}`);
    const source = lines?.[d.line - 1];
    if (source !== undefined && source.trim() !== '') {
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, source.length - d.column + 1);
      const frame = codeFrame(source, d.column, width);
      out.push(`    ${frame.line}`);
      out.push(`    ${' '.repeat(frame.caretStart)}${paint(d.severity, '^'.repeat(frame.caretWidth))}`);
    }
    for (const related of d.related) {
      out.push(`    ${paint('dim', `${escapeControl(related.file)}:${related.line}:${related.column}: ${escapeControl(related.message)}`)}`);
    }
  }
  const c = counts(report.diagnostics);
  const total = report.diagnostics.length;
  if (total > 0) out.push('');
  const fixed = report.fixed > 0 ? `, ${report.fixed} fixed` : '';
  out.push(
    total === 0
      ? `No problems found in ${report.files} ${plural(report.files, 'file')}${fixed}.`
      : `${total} ${plural(total, 'problem')} (${c.error} ${plural(c.error, 'error')}, ${c.warning} ${plural(c.warning, 'warning')}, ${c.info} info) in ${report.files} ${plural(report.files, 'file')}${fixed}.`,
  );
  return out.join('\n') + '\n';
}

function plural(count: number, word: string): string {
  return count === 1 ? word : word + 's';
}
