/** Offsets to LSP types: the one place where offsets become lines and characters. */
import { pathToFileURL } from 'node:url';
import * as lsp from 'vscode-languageserver-types';
import type { CompletionKind, SymbolKind } from '../core/format';
import type { Severity } from '../core/findings';
import { LineIndex, type OffsetRange } from '../core/text';

export function toRange(index: LineIndex, range: OffsetRange): lsp.Range {
  const start = index.positionAt(range.start);
  const end = index.positionAt(Math.max(range.start, range.end));
  return lsp.Range.create(start.line, start.character, end.line, end.character);
}

export function toUri(file: string): string {
  return pathToFileURL(file).href;
}

export const SEVERITY: Record<Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  info: lsp.DiagnosticSeverity.Information,
};

export function severityName(severity: lsp.DiagnosticSeverity | undefined): Severity {
  if (severity === lsp.DiagnosticSeverity.Error) return 'error';
  if (severity === lsp.DiagnosticSeverity.Warning) return 'warning';
  return 'info';
}

const COMPLETION_KINDS: Record<CompletionKind, lsp.CompletionItemKind> = {
  setting: lsp.CompletionItemKind.Property,
  value: lsp.CompletionItemKind.Value,
  hook: lsp.CompletionItemKind.Function,
  atom: lsp.CompletionItemKind.Constant,
  directive: lsp.CompletionItemKind.Keyword,
  block: lsp.CompletionItemKind.Struct,
  variable: lsp.CompletionItemKind.Variable,
  section: lsp.CompletionItemKind.Module,
  key: lsp.CompletionItemKind.Property,
  flag: lsp.CompletionItemKind.Keyword,
  snippet: lsp.CompletionItemKind.Snippet,
  file: lsp.CompletionItemKind.File,
  module: lsp.CompletionItemKind.Module,
};

export function completionKind(kind: CompletionKind): lsp.CompletionItemKind {
  return COMPLETION_KINDS[kind] ?? lsp.CompletionItemKind.Text;
}

const SYMBOL_KINDS: Record<SymbolKind, lsp.SymbolKind> = {
  setting: lsp.SymbolKind.Property,
  function: lsp.SymbolKind.Function,
  variable: lsp.SymbolKind.Variable,
  section: lsp.SymbolKind.Namespace,
  key: lsp.SymbolKind.Property,
  block: lsp.SymbolKind.Struct,
  server: lsp.SymbolKind.Class,
  location: lsp.SymbolKind.Method,
  upstream: lsp.SymbolKind.Interface,
  directive: lsp.SymbolKind.Field,
  module: lsp.SymbolKind.Module,
};

export function symbolKind(kind: SymbolKind): lsp.SymbolKind {
  return SYMBOL_KINDS[kind] ?? lsp.SymbolKind.Null;
}
