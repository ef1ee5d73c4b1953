/** systemd/unknown-directive: a key the section does not have (systemd-analyze verify: "Unknown key"). */
import type { Rule } from '../../../core/rule';
import type { Finding } from '../../../core/findings';
import { DEPRECATED_DIRECTIVES, directiveTable, newerDirective, sectionsFor, suggestDirective } from '../../../knowledge/systemd';
import { throughLastLine } from '../parser';
import type { SystemdCheckContext } from '../context';
import type { Fix } from '../../../core/findings';
import { findEntry } from './helpers';

/** Moves a line into the section it belongs to, when this file has that section. */
function moveToSection(offset: number, home: string, context: SystemdCheckContext): Fix[] {
  const entry = findEntry(context, offset);
  const target = [...context.document.sections].reverse().find((s) => s.name === home);
  if (!entry || !target) return [];
  const text = context.text;
  let lineStart = entry.range.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = entry.range.end;
  if (text[lineEnd] === '\r') lineEnd++;
  if (text[lineEnd] === '\n') lineEnd++;
  const last = target.entries[target.entries.length - 1];
  const at = last ? last.range.end : target.headerRange.end;
  if (at >= lineStart && at <= lineEnd) return [];
  const line = text.slice(entry.range.start, entry.range.end);
  return [
    {
      title: `Move ${entry.key}= to [${home}]`,
      safe: false,
      preferred: true,
      edits: [
        { range: { start: lineStart, end: lineEnd }, newText: '' },
        { range: { start: at, end: at }, newText: `\n${line}` },
      ],
    },
  ];
}

export const unknownDirective: Rule<SystemdCheckContext> = {
  id: 'systemd/unknown-directive',
  severity: 'warning',
  summary: 'A directive the section does not have: systemd ignores the line.',
  check(context) {
    const table = directiveTable(context.version);
    const allowed = new Set(sectionsFor(context.document.unitType).map((s) => s.name));
    const findings: Finding[] = [];
    for (const entry of context.document.entries) {
      const section = entry.section;
      if (section === undefined || !allowed.has(section) || entry.key.startsWith('X-')) continue;
      const keys = table.get(section);
      if (!keys) continue; // a section we have no table for ([Timer]): never guess
      const known = keys.get(entry.key);
      const instead = known && known.compat !== 'legacy' ? DEPRECATED_DIRECTIVES.get(entry.key) : undefined;
      if (instead) {
        findings.push({
          rule: 'systemd/unknown-directive',
          range: throughLastLine(context.text, entry, entry.keyRange),
          message: `${entry.key}= is deprecated: systemd still applies it but warns on every load; use ${instead} instead.`,
        });
        continue;
      }
      if (known && known.compat !== 'legacy') continue;
      let message: string;
      let replacement: string | undefined;
      if (known) {
        message = `${entry.key}= has been removed from systemd; it is ignored.`;
      } else if (newerDirective(section, entry.key)) {
        message = `${entry.key}= needs systemd 253 or newer; systemd ${context.version} ignores it.`;
      } else {
        const home = [...allowed].find((other) => other !== section && table.get(other)?.has(entry.key));
        replacement = suggestDirective(section, entry.key, context.version);
        message = home
          ? `${entry.key}= belongs in [${home}], not [${section}]: systemd ignores it here.`
          : `Unknown directive ${entry.key}= in [${section}]: systemd ignores the line.` + (replacement ? ` Did you mean ${replacement}=?` : '');
        if (home) {
          replacement = undefined;
          findings.push({ rule: 'systemd/unknown-directive', range: throughLastLine(context.text, entry, entry.keyRange), message, data: { home } });
          continue;
        }
      }
      findings.push({
        rule: 'systemd/unknown-directive',
        range: throughLastLine(context.text, entry, entry.keyRange),
        message,
        data: replacement ? { replacement } : undefined,
      });
    }
    return findings;
  },
  fixes(finding, context) {
    const data = finding.data as { replacement?: string; home?: string } | undefined;
    if (data?.home) return moveToSection(finding.range.start, data.home, context);
    const replacement = data?.replacement;
    if (!replacement) return [];
    // The finding may reach a continued entry's last line; the fix changes only the key.
    const keyRange = findEntry(context, finding.range.start)?.keyRange ?? finding.range;
    return [{ title: `Change to ${replacement}=`, safe: false, preferred: true, edits: [{ range: keyRange, newText: replacement }] }];
  },
};
