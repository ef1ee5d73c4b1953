/** Outline (sections with their keys) and folding (sections, runs of comment lines). */
import type { AnalysisContext, FoldingResult, SymbolResult } from '../../core/format';
import type { UnitDocument } from './document';

export function symbols(context: AnalysisContext<UnitDocument>): SymbolResult[] {
  return context.document.sections.map((section) => ({
    name: `[${section.name}]`,
    kind: 'section' as const,
    range: section.range,
    selectionRange: section.headerRange,
    children: section.entries.map((entry) => ({
      name: entry.key,
      detail: entry.value.length > 60 ? entry.value.slice(0, 57) + '...' : entry.value,
      kind: 'key' as const,
      range: entry.range,
      selectionRange: entry.keyRange,
    })),
  }));
}

export function folding(context: AnalysisContext<UnitDocument>): FoldingResult[] {
  const doc = context.document;
  const result: FoldingResult[] = [];
  for (const section of doc.sections) {
    if (section.range.end > section.headerRange.end) result.push({ start: section.headerRange.start, end: section.range.end - 1 });
  }
  // Consecutive comment lines (only whitespace between them) fold together.
  let run: { start: number; end: number; count: number } | undefined;
  const flush = () => {
    if (run && run.count > 1) result.push({ start: run.start, end: run.end - 1, kind: 'comment' });
    run = undefined;
  };
  for (const comment of doc.comments) {
    if (run && /^[ \t]*\r?\n[ \t]*$|^[ \t]*\r[ \t]*$/.test(doc.text.slice(run.end, comment.start))) {
      run.end = comment.end;
      run.count++;
    } else {
      flush();
      run = { start: comment.start, end: comment.end, count: 1 };
    }
  }
  flush();
  return result;
}
