/** nginx/syntax: what nginx's tokenizer rejects, plus a `;` forgotten at a line end before the next directive. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { entriesFor } from '../../../knowledge/nginx/directives';
import { entryAt, type NginxAnalysis } from '../analysis';

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

export const syntaxRule: Rule<NginxAnalysis> = {
  id: 'nginx/syntax',
  severity: 'error',
  summary: 'Unbalanced braces, a missing ";", an unterminated quote or an unexpected end of file',
  check(analysis) {
    const findings: Finding[] = analysis.document.errors.map((error) => ({
      rule: 'nginx/syntax',
      range: error.range,
      message: error.message,
      data: error.insert ? { insert: error.insert } : undefined,
    }));
    const text = analysis.text;
    for (const directive of analysis.all) {
      if (directive.terminator !== ';' || directive.args.length === 0 || analysis.contexts.freeform.has(directive)) continue;
      // Most statements sit on one line: only a statement that spans lines can hide a forgotten `;`.
      if (!hasNewline(text, directive.nameToken.range.end, directive.args[directive.args.length - 1].range.start)) continue;
      const entry = entryAt(analysis, directive);
      if (!entry || entry.name === 'log_format') continue;
      // An argument that starts a later line and names a directive: the `;` before it was forgotten.
      for (let i = 0; i < directive.args.length; i++) {
        const arg = directive.args[i];
        if (arg.quote || !hasNewline(text, i === 0 ? directive.nameToken.range.end : directive.args[i - 1].range.end, arg.range.start)) continue;
        if (entriesFor(arg.value, analysis.version).length === 0) continue;
        const missingAt = i === 0 ? directive.nameToken.range.end : directive.args[i - 1].range.end;
        findings.push({
          rule: 'nginx/syntax',
          range: { start: i === 0 ? directive.nameToken.range.start : directive.args[i - 1].range.start, end: directive.terminatorEnd },
          message: `missing ";" after "${text.slice(directive.nameToken.range.start, missingAt).split('\n')[0]}": nginx reads "${arg.value}" as an argument of "${directive.name}"`,
          data: { insert: { offset: missingAt, text: ';' } },
        });
        break;
      }
    }
    return findings;
  },
  fixes(finding) {
    const insert = (finding.data as { insert?: { offset: number; text: string } } | undefined)?.insert;
    if (!insert) return [];
    const what = insert.text.includes('}') && !insert.text.startsWith(';') ? '"}"' : insert.text.includes('}') ? '";" and "}"' : `"${insert.text.replace(/[^;"'}]/g, '')}"`;
    return [{
      title: `Insert ${what}`,
      edits: [{ range: { start: insert.offset, end: insert.offset }, newText: insert.text }],
      safe: false,
      preferred: true,
    }];
  },
};
