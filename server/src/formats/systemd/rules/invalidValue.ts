/** systemd/invalid-value: a value systemd cannot parse (a boolean, time span, enumeration, limit, path...). */
import type { Rule } from '../../../core/rule';
import type { Finding } from '../../../core/findings';
import type { OffsetRange } from '../../../core/text';
import type { UnitEntry } from '../document';
import { directiveTable, sectionsFor } from '../../../knowledge/systemd';
import type { SystemdCheckContext } from '../context';
import { parseEnvironment } from '../environment';
import { parseExecEntry } from '../execCommand';
import { checkPathRule, checkValue } from '../values';

/** A cheap look at the program word: only a relative path with a `/` (or several commands) needs the full split. */
function mayHaveRelativeProgram(value: string): boolean {
  if (value.includes(';')) return true;
  const program = /^[-@:+!]*([^ \t]*)/.exec(value)?.[1] ?? '';
  return program.includes('/') && !program.startsWith('/');
}

export const invalidValue: Rule<SystemdCheckContext> = {
  id: 'systemd/invalid-value',
  severity: 'error',
  summary: 'A boolean, time span, enumeration, limit or path that systemd cannot parse.',
  check(context) {
    const table = directiveTable(context.version);
    const allowed = new Set(sectionsFor(context.document.unitType).map((s) => s.name));
    const findings: Finding[] = [];
    const report = (entry: UnitEntry, message: string, range: OffsetRange) =>
      findings.push({ rule: 'systemd/invalid-value', range, message: `${entry.key}=: ${message}; systemd ignores the line.` });
    for (const entry of context.document.entries) {
      if (entry.section === undefined || !allowed.has(entry.section)) continue;
      const directive = table.get(entry.section)?.get(entry.key);
      if (!directive || directive.compat === 'legacy') continue;
      const problem = checkValue(directive, entry.value) ?? checkPathRule(entry.key, entry.value);
      if (problem) report(entry, problem, entry.value === '' ? entry.range : entry.valueRange);
      if (directive.kind === 'environment') {
        for (const assignment of parseEnvironment(entry)) {
          if (!assignment.valid) report(entry, `'${assignment.name}' is not a KEY=value assignment with a valid variable name`, assignment.range);
        }
      } else if (directive.kind === 'command' && mayHaveRelativeProgram(entry.value)) {
        for (const command of parseExecEntry(entry)) {
          const program = command.program;
          if (program && !program.text.startsWith('/') && program.text.includes('/') && !/^[%$]/.test(program.text)) {
            findings.push({
              rule: 'systemd/invalid-value',
              range: program.range,
              message: `${entry.key}=: '${program.text}' is neither an absolute path nor a plain program name; systemd refuses to load the unit.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
