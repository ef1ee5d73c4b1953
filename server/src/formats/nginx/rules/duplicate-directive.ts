/** nginx/duplicate-directive: a second occurrence in one block where nginx says "is duplicate". */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { entryAt, lineStartOf, type NginxAnalysis } from '../analysis';
import { documentIndex } from '../documentIndex';
import type { NginxDirective } from '../model';

export const duplicateDirectiveRule: Rule<NginxAnalysis> = {
  id: 'nginx/duplicate-directive',
  severity: 'error',
  summary: 'A directive repeated in one block where nginx refuses the repeat',
  check(analysis) {
    const findings: Finding[] = [];
    const blocks: (readonly NginxDirective[])[] = [analysis.document.directives];
    // A block with one child cannot repeat anything.
    for (const d of documentIndex(analysis.document).blocks) {
      if (d.block!.children.length > 1 && !analysis.contexts.freeform.has(d)) blocks.push(d.block!.children);
    }
    for (const children of blocks) {
      const seen = new Map<string, NginxDirective>();
      for (const directive of children) {
        if (!directive.terminator || analysis.contexts.freeform.has(directive)) continue;
        const entry = entryAt(analysis, directive);
        if (!entry?.unique) continue;
        // limit_req and limit_conn may repeat with different zones; only the same zone is a duplicate.
        const key = directive.name === 'limit_req' || directive.name === 'limit_conn' ? `${directive.name} ${directive.args[0]?.value}` : directive.name;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, directive);
          continue;
        }
        findings.push({
          rule: 'nginx/duplicate-directive',
          range: directive.nameToken.range,
          message: `"${directive.name}" directive is duplicate`,
          related: [{ path: analysis.path, range: first.nameToken.range, message: 'first set here' }],
          data: { start: directive.range.start, end: directive.terminatorEnd },
        });
      }
    }
    return findings;
  },
  fixes(finding, analysis) {
    const span = finding.data as { start: number; end: number } | undefined;
    if (!span) return [];
    const text = analysis.text;
    let start = span.start;
    let end = span.end;
    // Remove the whole line when the directive is alone on it.
    const lineStart = lineStartOf(text, start);
    let lineEnd = end;
    while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
    if (text.slice(lineStart, start).trim() === '' && (lineEnd >= text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
      start = lineStart;
      end = text[lineEnd] === '\r' ? lineEnd + 2 : Math.min(text.length, lineEnd + 1);
    }
    return [{ title: 'Remove the repeated directive', edits: [{ range: { start, end }, newText: '' }], safe: false, preferred: true }];
  },
};
