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

/**
 * Turns a file's diagnostics into reported ones with paths relative to `base`. Each path and related location's URI
 * is converted once per run: hundreds of findings name the same few files, and `fileURLToPath` and
 * `path.relative` run cold here (about 12 ms for the 450 findings of a large nginx config).
 */
export function reporter(base: string): (diagnostic: lsp.Diagnostic, file: string) => ReportedDiagnostic {
  const relativeFiles = new Map<string, string>();
  const relativeFile = (file: string): string => {
    let relative = relativeFiles.get(file);
    if (relative === undefined) relativeFiles.set(file, (relative = relativeTo(base, file)));
    return relative;
  };
  const relativeUris = new Map<string, string>();
  const relativeUri = (uri: string): string => {
    let relative = relativeUris.get(uri);
    if (relative === undefined) relativeUris.set(uri, (relative = relativeFile(fileURLToPath(uri))));
    return relative;
  };
  return (diagnostic, file) => ({
    file: relativeFile(file),
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: severityName(diagnostic.severity),
    rule: String(diagnostic.code ?? 'gunicorn-lint'),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    related: (diagnostic.relatedInformation ?? []).map((info) => ({
      file: relativeUri(info.location.uri),
      line: info.location.range.start.line + 1,
      column: info.location.range.start.character + 1,
      message: info.message,
    })),
  });
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
