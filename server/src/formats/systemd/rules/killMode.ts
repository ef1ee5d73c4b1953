/** systemd/kill-mode: `KillMode=process` or `none` on a gunicorn service: workers outlive a stop. */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { localGunicorn } from './helpers';

export const killMode: Rule<SystemdCheckContext> = {
  id: 'systemd/kill-mode',
  severity: 'warning',
  summary: '`KillMode=process` or `none` for a gunicorn service: workers outlive a stop.',
  check(context) {
    const mode = context.facts.killMode;
    if (!localGunicorn(context) || !mode || mode.path !== context.document.path) return [];
    if (mode.value !== 'process' && mode.value !== 'none') return [];
    return [
      {
        rule: 'systemd/kill-mode',
        range: mode.entry.valueRange,
        message: `KillMode=${mode.value} signals only the gunicorn master${mode.value === 'none' ? ' (not even that)' : ''}: workers left behind keep the port and old code after a stop or restart. Use KillMode=mixed.`,
      },
    ];
  },
  fixes(finding) {
    return [{ title: 'Set KillMode=mixed', safe: true, preferred: true, edits: [{ range: finding.range, newText: 'mixed' }] }];
  },
};
