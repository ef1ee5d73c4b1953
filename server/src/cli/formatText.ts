/** `file:line:col: severity id message`, the offending source line and carets under it, grouped by file. */
import { counts, type Report } from './report';

export interface TextStyle {
  color: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatText(report: Report, style: TextStyle): string {
  const paint = (color: keyof typeof COLORS, text: string) => (style.color ? COLORS[color] + text + COLORS.reset : text);
  const out: string[] = [];
  let currentFile: string | undefined;
  let lines: string[] | undefined;
  for (const d of report.diagnostics) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('bold', d.file));
      currentFile = d.file;
      lines = report.sources.get(d.file)?.split(/\r\n|\r|\n/);
    }
    out.push(`${d.file}:${d.line}:${d.column}: ${paint(d.severity, d.severity)} ${paint('dim', d.rule)} ${d.message}`);
    const source = lines?.[d.line - 1];
    if (source !== undefined && source.trim() !== '') {
      const shown = source.replace(/\t/g, ' ');
      const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, shown.length - d.column + 1);
      out.push(`    ${shown}`);
      out.push(`    ${' '.repeat(Math.max(0, d.column - 1))}${paint(d.severity, '^'.repeat(width))}`);
    }
    for (const related of d.related) out.push(`    ${paint('dim', `${related.file}:${related.line}:${related.column}: ${related.message}`)}`);
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
