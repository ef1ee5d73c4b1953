/** nginx/invalid-arguments: argument counts, block/semicolon form and the values nginx's slot parsers refuse. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { OffsetRange } from '../../../core/text';
import { argumentsAccepted, describeArguments } from '../../../knowledge/nginx/directives';
import { entriesOf, entryAt, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';
import { valueProblem } from '../values';

/** From the name to the `;` or `{`: made only for a finding (this rule looks at every directive). */
function statement(directive: NginxDirective): OffsetRange {
  return { start: directive.nameToken.range.start, end: directive.terminatorEnd };
}

export const invalidArgumentsRule: Rule<NginxAnalysis> = {
  id: 'nginx/invalid-arguments',
  severity: 'error',
  summary: 'A wrong number or form of arguments (on/off flags, sizes, times, keywords)',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of analysis.all) {
      if (!directive.terminator || analysis.contexts.freeform.has(directive)) continue;
      const name = directive.name;
      const entries = entriesOf(analysis, directive);
      if (directive.terminator === ';' && entries.length > 0 && entries.every((e) => e.block)) {
        findings.push({ rule: 'nginx/invalid-arguments', range: statement(directive), message: `directive "${name}" has no opening "{"` });
        continue;
      }
      const entry = entryAt(analysis, directive);
      if (!entry) continue;
      if (entry.block && directive.terminator === ';') {
        findings.push({ rule: 'nginx/invalid-arguments', range: statement(directive), message: `directive "${name}" has no opening "{"` });
        continue;
      }
      if (!entry.block && directive.terminator === '{') {
        // `server` names both a block (http) and an upstream member: another entry may take a block elsewhere.
        if (entries.some((e) => e.block) && !analysis.contexts.of.get(directive)) continue;
        findings.push({ rule: 'nginx/invalid-arguments', range: statement(directive), message: `directive "${name}" is not terminated by ";"` });
        continue;
      }
      if (!argumentsAccepted(entry.args, directive.args.length)) {
        findings.push({
          rule: 'nginx/invalid-arguments',
          range: statement(directive),
          message: `invalid number of arguments in "${name}" directive: it takes ${describeArguments(entry.args)}, found ${directive.args.length}`,
        });
        continue;
      }
      for (const arg of directive.args) {
        const problem = valueProblem(entry, arg.value);
        if (problem) {
          findings.push({ rule: 'nginx/invalid-arguments', range: arg.range, message: problem });
          break;
        }
      }
    }
    return findings;
  },
};
