/** systemd/notify-type: a gunicorn service that is not `Type=notify` (gunicorn reports readiness itself). */
import type { Rule } from '../../../core/rule';
import type { Fix } from '../../../core/findings';
import type { SystemdCheckContext } from '../context';
import { insertLineAfter, localGunicorn } from './helpers';

export const notifyType: Rule<SystemdCheckContext> = {
  id: 'systemd/notify-type',
  severity: 'info',
  summary: 'A gunicorn service that is not `Type=notify`: systemd cannot tell when gunicorn is ready.',
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    const type = context.facts.type;
    if (type?.value === 'notify' || type?.value === 'notify-reload') return [];
    if (type && type.path !== context.document.path) return [];
    return [
      {
        rule: 'systemd/notify-type',
        range: type ? type.entry.valueRange : gunicorn.entry.keyRange,
        message: `${type ? `Type=${type.value}` : 'No Type= (so Type=simple)'}: systemd counts gunicorn as started before it listens. Gunicorn tells systemd when it is ready, so Type=notify makes starts and restarts wait for real readiness.`,
        data: { hasType: type !== undefined },
      },
    ];
  },
  fixes(finding, context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    const fix: Fix = (finding.data as { hasType?: boolean } | undefined)?.hasType
      ? { title: 'Set Type=notify', safe: false, preferred: true, edits: [{ range: finding.range, newText: 'notify' }] }
      : insertLineAfter(gunicorn.entry, 'Type=notify', 'Add Type=notify', false);
    return [fix];
  },
};
