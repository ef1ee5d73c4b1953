/** Outline: one symbol per process type, with its command as detail. */
import type { AnalysisContext, SymbolResult } from '../../core/format';
import type { ProcfileDocument } from './document';

export function symbols(context: AnalysisContext<ProcfileDocument>): SymbolResult[] {
  return context.document.processes.map((process) => ({
    name: process.name,
    detail: process.command.length > 60 ? process.command.slice(0, 57) + '...' : process.command,
    kind: 'key' as const,
    range: process.range,
    selectionRange: process.nameRange,
  }));
}
