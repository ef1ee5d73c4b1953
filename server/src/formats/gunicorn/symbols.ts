/** Document outline of a gunicorn config: settings (with their value's source) and hooks. */
import type { AnalysisContext, SymbolResult } from '../../core/format';
import { settingNamed } from '../../knowledge/gunicorn/index';
import type { GunicornDocument } from './context';

const DETAIL_LIMIT = 80;

export function gunicornSymbols(context: AnalysisContext<GunicornDocument>): SymbolResult[] {
  const { model, text } = context.document;
  const symbols: SymbolResult[] = [];
  for (const assignment of model.assignments) {
    if (!settingNamed(assignment.name)) continue;
    const { start, end } = assignment.value.range;
    const source = text.slice(start, Math.min(end, start + DETAIL_LIMIT + 1)).replace(/\s+/g, ' ');
    symbols.push({
      name: assignment.name,
      kind: 'setting',
      detail: (assignment.augmented ? '+= ' : '') + (source.length > DETAIL_LIMIT ? source.slice(0, DETAIL_LIMIT) + '…' : source),
      range: assignment.statementRange,
      selectionRange: assignment.nameRange,
    });
  }
  for (const definition of model.functions) {
    const setting = settingNamed(definition.name);
    symbols.push({
      name: definition.name,
      kind: 'function',
      detail: setting?.kind === 'callable' ? 'server hook' : 'function',
      range: definition.range,
      selectionRange: definition.nameRange,
    });
  }
  return symbols.sort((a, b) => a.range.start - b.range.start);
}
