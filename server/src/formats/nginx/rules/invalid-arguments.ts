/**
 * nginx/invalid-arguments: argument counts, block/semicolon form, the values nginx's slot parsers refuse and the
 * arguments its own directive handlers refuse (handlerArguments.ts).
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { OffsetRange } from '../../../core/text';
import { argumentsAccepted, describeArguments } from '../../../knowledge/nginx/directives';
import { entriesOf, entryAt, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';
import { forgottenSemicolon } from '../forgottenSemicolon';
import { handlerProblem } from '../handlerArguments';
import { valueProblem } from '../values';

/** From the name to the `;` or `{`: made only for a finding (this rule looks at every directive). */
function statement(directive: NginxDirective): OffsetRange {
  return { start: directive.nameToken.range.start, end: directive.terminatorEnd };
}

export const invalidArgumentsRule: Rule<NginxAnalysis> = {
  id: 'nginx/invalid-arguments',
  severity: 'error',
  summary: 'Arguments nginx refuses: counts, flags, sizes, times, listen, proxy_pass and return forms, regexes',
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
      // The syntax rule explains a statement that swallowed the next line; its arguments are not the author's.
      if (forgottenSemicolon(analysis, directive)) continue;
      const valueAt = directive.args.findIndex((arg) => valueProblem(entry, arg.value));
      if (valueAt >= 0) {
        const arg = directive.args[valueAt];
        findings.push({ rule: 'nginx/invalid-arguments', range: arg.range, message: valueProblem(entry, arg.value)! });
        continue;
      }
      const refused = handlerProblem(entry, directive, analysis.version);
      if (refused) {
        const range = refused.arg === 'block' ? directive.range : refused.arg >= 0 ? directive.args[refused.arg].range : statement(directive);
        findings.push({ rule: 'nginx/invalid-arguments', range, message: refused.message });
      }
    }
    return findings;
  },
};
