/** systemd/unknown-section: a section this unit type does not have; systemd skips all of it. */
import type { Rule } from '../../../core/rule';
import { nearest } from '../../../core/nearest';
import { sectionsFor } from '../../../knowledge/systemd';
import type { SystemdCheckContext } from '../context';

export const unknownSection: Rule<SystemdCheckContext> = {
  id: 'systemd/unknown-section',
  severity: 'warning',
  summary: 'A section the unit type does not have: systemd ignores everything in it.',
  check(context) {
    const allowed = sectionsFor(context.document.unitType).map((s) => s.name);
    return context.document.sections
      .filter((section) => !allowed.includes(section.name) && !section.name.startsWith('X-'))
      .map((section) => {
        const guess = nearest(section.name.trim(), allowed);
        const kind = context.document.unitType ? ` in a .${context.document.unitType} unit` : '';
        return {
          rule: 'systemd/unknown-section',
          range: section.headerRange,
          message: `Unknown section [${section.name}]${kind}: systemd ignores every line in it.` + (guess ? ` Did you mean [${guess}]?` : ''),
          data: guess ? { replacement: guess } : undefined,
        };
      });
  },
  fixes(finding) {
    const replacement = (finding.data as { replacement?: string } | undefined)?.replacement;
    if (!replacement) return [];
    return [{ title: `Change to [${replacement}]`, safe: false, edits: [{ range: finding.range, newText: `[${replacement}]` }] }];
  },
};
