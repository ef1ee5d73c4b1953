/**
 * A `;` forgotten at a line end: nginx then reads the next line's directive as more arguments of this one. The
 * syntax rule reports it; the argument rules stay quiet on such a statement, whose arguments are not what the
 * author wrote.
 */
import { entriesFor } from '../../knowledge/nginx/directives';
import { entryAt, type NginxAnalysis } from './analysis';
import type { NginxDirective } from './model';

export interface ForgottenSemicolon {
  /** The argument that names a directive on a later line. */
  argIndex: number;
  /** Where the `;` belongs. */
  offset: number;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

export function forgottenSemicolon(analysis: NginxAnalysis, directive: NginxDirective): ForgottenSemicolon | undefined {
  if (directive.terminator !== ';' || directive.args.length === 0 || analysis.contexts.freeform.has(directive)) return undefined;
  const text = analysis.text;
  // Most statements sit on one line: only a statement that spans lines can hide a forgotten `;`.
  if (!hasNewline(text, directive.nameToken.range.end, directive.args[directive.args.length - 1].range.start)) return undefined;
  const entry = entryAt(analysis, directive);
  if (!entry || entry.name === 'log_format') return undefined;
  for (let i = 0; i < directive.args.length; i++) {
    const arg = directive.args[i];
    const previousEnd = i === 0 ? directive.nameToken.range.end : directive.args[i - 1].range.end;
    if (arg.quote || !hasNewline(text, previousEnd, arg.range.start)) continue;
    if (entriesFor(arg.value, analysis.version).length === 0) continue;
    return { argIndex: i, offset: previousEnd };
  }
  return undefined;
}
