/** systemd/syntax: lines systemd cannot read (outside a section, without `=`, a broken section header). */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';

export const syntax: Rule<SystemdCheckContext> = {
  id: 'systemd/syntax',
  severity: 'error',
  summary: 'A line outside any section, a line without `=`, or an unterminated section header.',
  check(context) {
    return context.document.errors.map((error) => ({ rule: 'systemd/syntax', range: error.range, message: error.message }));
  },
};
