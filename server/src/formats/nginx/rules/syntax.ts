/** nginx/syntax: what nginx's tokenizer rejects, plus a `;` forgotten at a line end before the next directive. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { NginxAnalysis } from '../analysis';
import { forgottenSemicolon } from '../forgottenSemicolon';

/** nginx's blocks read by a handler of their own (map, types, geo, split_clients, charset_map). */
const HANDLER_READ_BLOCKS = new Set(['map', 'types', 'geo', 'split_clients', 'charset_map']);

export const syntaxRule: Rule<NginxAnalysis> = {
  id: 'nginx/syntax',
  severity: 'error',
  summary: 'Unbalanced braces, a missing ";", an unterminated quote or an unexpected end of file',
  check(analysis) {
    const findings: Finding[] = analysis.document.errors.map((error) => ({
      rule: 'nginx/syntax',
      range: error.range,
      message: error.message,
      related: error.related?.length ? error.related.map((r) => ({ path: analysis.path, range: r.range, message: r.message })) : undefined,
      data: error.insert ? { insert: error.insert } : undefined,
    }));
    const text = analysis.text;
    // Blocks whose body nginx hands to the module's own reader (ngx_conf_parse with cf->handler) take no inner block.
    for (const directive of analysis.all) {
      const parent = directive.parent;
      if (!directive.block || !parent || !HANDLER_READ_BLOCKS.has(parent.name) || parent.block?.raw) continue;
      if (analysis.contexts.freeform.has(parent)) continue; // only the outermost reports, as nginx stops there
      const open = directive.block.open;
      findings.push({ rule: 'nginx/syntax', range: { start: open, end: open + 1 }, message: `unexpected "{": "${parent.name}" takes no blocks inside` });
    }
    for (const directive of analysis.all) {
      const forgotten = forgottenSemicolon(analysis, directive);
      if (!forgotten) continue;
      const i = forgotten.argIndex;
      findings.push({
        rule: 'nginx/syntax',
        range: { start: i === 0 ? directive.nameToken.range.start : directive.args[i - 1].range.start, end: directive.terminatorEnd },
        message: `missing ";" after "${text.slice(directive.nameToken.range.start, forgotten.offset).split('\n')[0]}": nginx reads "${directive.args[i].value}" as an argument of "${directive.name}"`,
        data: { insert: { offset: forgotten.offset, text: ';' } },
      });
    }
    return findings;
  },
  fixes(finding) {
    const insert = (finding.data as { insert?: { offset: number; text: string } } | undefined)?.insert;
    if (!insert) return [];
    const what =
      insert.text.includes('}') && !insert.text.startsWith(';')
        ? '"}"'
        : insert.text.includes('}')
          ? '";" and "}"'
          : `"${insert.text.replace(/[^;"'}]/g, '')}"`;
    return [
      {
        title: `Insert ${what}`,
        edits: [{ range: { start: insert.offset, end: insert.offset }, newText: insert.text }],
        safe: false,
        preferred: true,
      },
    ];
  },
};
