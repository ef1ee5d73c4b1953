/**
 * nginx/invalid-arguments: argument counts, block/semicolon form, the values nginx's slot parsers refuse and the
 * arguments its own directive handlers refuse (handlerArguments.ts).
 */
import { hasTemplatePlaceholder } from '../templates';
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { argumentsAccepted, describeArguments, isOldVersion } from '../../../knowledge/nginx/directives';
import { entriesOf, entryAt, statementRange, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';
import { forgottenSemicolon } from '../forgottenSemicolon';
import { handlerProblem } from '../handlerArguments';
import { valueProblem } from '../values';

/** What nginx refuses in one directive's arguments, if anything. */
function problemIn(analysis: NginxAnalysis, directive: NginxDirective): Finding | undefined {
  const name = directive.name;
  const whole = (message: string): Finding => ({ rule: 'nginx/invalid-arguments', range: statementRange(directive), message });
  const entries = entriesOf(analysis, directive);
  if (directive.terminator === ';' && entries.length > 0 && entries.every((e) => e.block)) return whole(`directive "${name}" has no opening "{"`);
  const entry = entryAt(analysis, directive);
  if (!entry) return undefined;
  if (entry.block && directive.terminator === ';') return whole(`directive "${name}" has no opening "{"`);
  if (!entry.block && directive.terminator === '{') {
    // `server` names both a block (http) and an upstream member: another entry may take a block elsewhere.
    if (entries.some((e) => e.block) && !analysis.contexts.of.get(directive)) return undefined;
    return whole(`directive "${name}" is not terminated by ";"`);
  }
  if (!argumentsAccepted(entry.args, directive.args.length)) {
    return whole(`invalid number of arguments in "${name}" directive: it takes ${describeArguments(entry.args)}, found ${directive.args.length}`);
  }
  for (const arg of directive.args) {
    const message = valueProblem(entry, arg.value);
    if (message) return { rule: 'nginx/invalid-arguments', range: arg.range, message };
  }
  const refused = handlerProblem(entry, directive, analysis.version);
  if (!refused) return undefined;
  const range = refused.arg === 'block' ? directive.range : refused.arg >= 0 ? directive.args[refused.arg].range : statementRange(directive);
  return { rule: 'nginx/invalid-arguments', range, message: refused.message };
}

export const invalidArgumentsRule: Rule<NginxAnalysis> = {
  id: 'nginx/invalid-arguments',
  severity: 'error',
  summary: 'Arguments nginx refuses: counts, flags, sizes, times, listen, proxy_pass and return forms, regexes',
  check(analysis) {
    const findings: Finding[] = [];
    const old = isOldVersion(analysis.version);
    for (const directive of analysis.all) {
      // geo's `volatile` parameter came after nginx 1.22, whose geo reads the line as a pair with no value.
      if (old && directive.name === 'volatile' && directive.args.length === 0 && directive.parent?.name === 'geo' && directive.terminator === ';') {
        findings.push({
          rule: 'nginx/invalid-arguments',
          range: statementRange(directive),
          message: 'invalid number of the geo parameters: "volatile" in geo is not in nginx 1.22 (added in a later release)',
        });
        continue;
      }
      if (!directive.terminator || analysis.contexts.freeform.has(directive)) continue;
      // An envsubst template's `${PORT}` is filled in before nginx reads the file.
      if (hasTemplatePlaceholder(analysis.path, directive)) continue;
      const finding = problemIn(analysis, directive);
      // The syntax rule explains a statement that swallowed the next line; its arguments are not the author's.
      if (finding && !forgottenSemicolon(analysis, directive)) findings.push(finding);
    }
    return findings;
  },
};
