/** systemd/invalid-value: a value systemd cannot parse (a boolean, time span, enumeration, limit, path...). */
import type { Rule } from '../../../core/rule';
import type { Finding } from '../../../core/findings';
import type { OffsetRange } from '../../../core/text';
import type { UnitEntry } from '../document';
import { directiveTable, sectionsFor } from '../../../knowledge/systemd';
import type { SystemdCheckContext } from '../context';
import { parseEnvironment } from '../environment';
import { parseExecEntry, unknownEscapes } from '../execCommand';
import { throughLastLine } from '../parser';
import { checkPathRule, checkValue } from '../values';

/**
 * Whether an environment variable name can be valid once systemd has put in its specifiers (`X%b`): the letters
 * written must be ones a name may hold (`%%` is a literal `%`, which it may not), and a digit may not come first;
 * what a specifier expands to depends on the machine, so a name made of them is given the benefit of the doubt.
 */
function nameMayBeValid(name: string): boolean {
  if (!name.includes('%')) return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
  if (name === '' || /^[0-9]/.test(name)) return false;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '%') {
      if (name[i + 1] === '%') return false;
      i++;
    } else if (!/[A-Za-z0-9_]/.test(name[i])) return false;
  }
  return true;
}

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
    const text = context.text;
    const report = (entry: UnitEntry, message: string, range: OffsetRange) =>
      findings.push({
        rule: 'systemd/invalid-value',
        range: throughLastLine(text, entry, range),
        message: `${entry.key}=: ${message}; systemd ignores the line.`,
      });
    for (const entry of context.document.entries) {
      if (entry.section === undefined || !allowed.has(entry.section)) continue;
      const directive = table.get(entry.section)?.get(entry.key);
      if (!directive || directive.compat === 'legacy') continue;
      const problem = checkValue(directive, entry.value) ?? checkPathRule(entry.key, entry.value);
      if (problem) report(entry, problem, entry.value === '' ? entry.range : entry.valueRange);
      if (directive.kind === 'environment') {
        const escape = entry.value.includes('\\') ? unknownEscapes(entry)[0] : undefined;
        for (const assignment of parseEnvironment(entry)) {
          if (escape && assignment.range.end > escape.range.start) break; // systemd stops reading at the escape
          const hasEquals = assignment.value !== '' || text.slice(assignment.range.start, assignment.range.end).includes('=');
          const valid = assignment.valid || (hasEquals && nameMayBeValid(assignment.name));
          if (!valid) report(entry, `'${assignment.name}' is not a KEY=value assignment with a valid variable name`, assignment.range);
        }
        if (escape) {
          findings.push({
            rule: 'systemd/invalid-value',
            range: throughLastLine(text, entry, escape.range),
            message: `${entry.key}=: '${escape.text}' is not an escape sequence systemd knows (write '\\\\' for a backslash); systemd ignores the line from this word on.`,
          });
        }
      } else if (directive.kind === 'command' && entry.value.includes('\\')) {
        for (const escape of unknownEscapes(entry, true)) {
          findings.push({
            rule: 'systemd/invalid-value',
            severity: 'warning',
            range: throughLastLine(text, entry, escape.range),
            message: `${entry.key}=: '${escape.text}' is not an escape sequence systemd knows: it keeps the backslash and warns on every load (write '\\\\' for a backslash).`,
          });
        }
      }
      if (directive.kind === 'command' && mayHaveRelativeProgram(entry.value)) {
        for (const command of parseExecEntry(entry)) {
          const program = command.program;
          if (program && !program.text.startsWith('/') && program.text.includes('/') && !/^[%$]/.test(program.text)) {
            findings.push({
              rule: 'systemd/invalid-value',
              range: throughLastLine(text, entry, program.range),
              message: `${entry.key}=: '${program.text}' is neither an absolute path nor a plain program name; systemd refuses to load the unit.`,
            });
          }
        }
      }
    }
    return findings;
  },
};
