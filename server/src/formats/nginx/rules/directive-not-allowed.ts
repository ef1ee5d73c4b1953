/**
 * nginx/directive-not-allowed: a known directive in a context where nginx refuses it, a location nested where
 * ngx_http_core_location refuses it, or `alias` in a named location.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { entriesOf, entryAt, named, statementRange, type NginxAnalysis } from '../analysis';
import { inNamedLocation, nestingProblem } from '../locations';

const RULE = 'nginx/directive-not-allowed';

function describe(context: string): string {
  return context
    .replace('http.server.if', '"if" in "server"')
    .replace('http.location.if', '"if" in "location"')
    .replace(/^http\.(\w+)$/, '"$1"')
    .replace(/^stream\.(\w+)$/, 'stream "$1"')
    .replace(/^mail\.(\w+)$/, 'mail "$1"')
    .replace(/^(main)$/, 'the main context')
    .replace(/^(http|events|stream|mail)$/, '"$1"');
}

function wrongContexts(analysis: NginxAnalysis, findings: Finding[]): void {
  for (const directive of analysis.all) {
    const context = analysis.contexts.of.get(directive);
    if (!context || analysis.contexts.freeform.has(directive)) continue;
    const entries = entriesOf(analysis, directive);
    if (entries.length === 0 || entryAt(analysis, directive)) continue;
    const places = [...new Set(entries.flatMap((e) => e.contexts))].map(describe).join(', ');
    findings.push({
      rule: RULE,
      range: directive.nameToken.range,
      message: `"${directive.name}" directive is not allowed here (in ${describe(context)}); it belongs in ${places}`,
    });
  }
}

function misplacedLocations(analysis: NginxAnalysis, findings: Finding[]): void {
  for (const location of named(analysis, 'location')) {
    const problem = nestingProblem(analysis, location);
    // nginx reads a block directive's line up to its `{`, and names the line it stopped on.
    if (problem) findings.push({ rule: RULE, range: statementRange(location), message: problem });
  }
}

function aliasInNamedLocations(analysis: NginxAnalysis, findings: Finding[]): void {
  for (const alias of named(analysis, 'alias')) {
    if (alias.terminator !== ';' || alias.args.length !== 1 || !inNamedLocation(analysis, alias)) continue;
    findings.push({
      rule: RULE,
      range: statementRange(alias),
      // A named location has no URI prefix for alias to replace: root is what it takes.
      message: 'the "alias" directive cannot be used inside the named location',
    });
  }
}

export const directiveNotAllowedRule: Rule<NginxAnalysis> = {
  id: RULE,
  severity: 'error',
  summary: 'A directive or location where nginx forbids it',
  check(analysis) {
    const findings: Finding[] = [];
    wrongContexts(analysis, findings);
    misplacedLocations(analysis, findings);
    aliasInNamedLocations(analysis, findings);
    return findings;
  },
};
