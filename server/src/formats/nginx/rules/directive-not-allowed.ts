/** nginx/directive-not-allowed: a known directive in a context where nginx refuses it. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { entriesOf, entryAt, type NginxAnalysis } from '../analysis';

function describe(context: string): string {
  return context.replace('http.server.if', '"if" in "server"').replace('http.location.if', '"if" in "location"')
    .replace(/^http\.(\w+)$/, '"$1"').replace(/^stream\.(\w+)$/, 'stream "$1"').replace(/^mail\.(\w+)$/, 'mail "$1"')
    .replace(/^(main)$/, 'the main context').replace(/^(http|events|stream|mail)$/, '"$1"');
}

export const directiveNotAllowedRule: Rule<NginxAnalysis> = {
  id: 'nginx/directive-not-allowed',
  severity: 'error',
  summary: 'A directive in a context where nginx forbids it',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of analysis.all) {
      const context = analysis.contexts.of.get(directive);
      if (!context || analysis.contexts.freeform.has(directive)) continue;
      const entries = entriesOf(analysis, directive);
      if (entries.length === 0 || entryAt(analysis, directive)) continue;
      const places = [...new Set(entries.flatMap((e) => e.contexts))].map(describe).join(', ');
      findings.push({
        rule: 'nginx/directive-not-allowed',
        range: directive.nameToken.range,
        message: `"${directive.name}" directive is not allowed here (in ${describe(context)}); it belongs in ${places}`,
      });
    }
    return findings;
  },
};
