/** The CLI's own model of what it found: 1-based positions, paths relative to the folder given. */
import * as path from 'node:path';
import type * as lsp from 'vscode-languageserver-types';
import { fileURLToPath } from 'node:url';
import { compareStrings } from '../core/text';
import type { Severity } from '../core/findings';
import { severityName } from '../service/convert';

export interface ReportedRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ReportedDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  related: ReportedRelated[];
}

export interface Report {
  files: number;
  diagnostics: ReportedDiagnostic[];
  /** Relative path -> text, for printing source lines. */
  sources: Map<string, string>;
  fixed: number;
}

export function toReported(diagnostic: lsp.Diagnostic, file: string, base: string): ReportedDiagnostic {
  return {
    file: relativeTo(base, file),
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: severityName(diagnostic.severity),
    rule: String(diagnostic.code ?? 'gunicorn-lint'),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    related: (diagnostic.relatedInformation ?? []).map((info) => ({
      file: relativeTo(base, fileURLToPath(info.location.uri)),
      line: info.location.range.start.line + 1,
      column: info.location.range.start.character + 1,
      message: info.message,
    })),
  };
}

export function relativeTo(base: string, file: string): string {
  const relative = path.relative(base, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

export function sortDiagnostics(diagnostics: ReportedDiagnostic[]): ReportedDiagnostic[] {
  return diagnostics.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column || compareStrings(a.rule, b.rule));
}

export function counts(diagnostics: readonly ReportedDiagnostic[]): Record<Severity, number> {
  const result: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) result[diagnostic.severity]++;
  return result;
}
