/** `{"version": 1, "files": N, "diagnostics": [...]}`, sorted by file, line, column. */
import type { Report } from './report';

export function formatJson(report: Report): string {
  return JSON.stringify({ version: 1, files: report.files, diagnostics: report.diagnostics }, null, 2) + '\n';
}
