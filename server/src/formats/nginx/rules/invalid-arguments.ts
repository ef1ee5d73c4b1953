/** nginx/invalid-arguments: argument counts, block/semicolon form and the values nginx's slot parsers refuse. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { argumentsAccepted, describeArguments, entriesFor } from '../../../knowledge/nginx/directives';
import { entryAt, type NginxAnalysis } from '../analysis';
import { valueProblem } from '../values';

export const invalidArgumentsRule: Rule<NginxAnalysis> = {
  id: 'nginx/invalid-arguments',
  severity: 'error',
  summary: 'A wrong number or form of arguments (on/off flags, sizes, times, keywords)',
  check(analysis) {
    const findings: Finding[] = [];
    const flagged = new Set<number>();
    for (const error of analysis.document.errors) flagged.add(error.range.start);
    for (const directive of analysis.all) {
      if (!directive.terminator || analysis.contexts.freeform.has(directive)) continue;
      const range = { start: directive.nameToken.range.start, end: directive.terminatorEnd };
      const name = directive.name;
      const entries = entriesFor(name, analysis.version);
      if (directive.terminator === ';' && entries.length > 0 && entries.every((e) => e.block)) {
        findings.push({ rule: 'nginx/invalid-arguments', range, message: `directive "${name}" has no opening "{"` });
        continue;
      }
      const entry = entryAt(analysis, directive);
      if (!entry) continue;
      if (entry.block && directive.terminator === ';') {
        findings.push({ rule: 'nginx/invalid-arguments', range, message: `directive "${name}" has no opening "{"` });
        continue;
      }
      if (!entry.block && directive.terminator === '{') {
        // `server` names both a block (http) and an upstream member: another entry may take a block elsewhere.
        if (entriesFor(name, analysis.version).some((e) => e.block) && !analysis.contexts.of.get(directive)) continue;
        findings.push({ rule: 'nginx/invalid-arguments', range: { start: range.start, end: directive.terminatorEnd }, message: `directive "${name}" is not terminated by ";"` });
        continue;
      }
      if (!argumentsAccepted(entry.args, directive.args.length)) {
        findings.push({
          rule: 'nginx/invalid-arguments',
          range,
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
