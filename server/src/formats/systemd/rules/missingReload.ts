/** systemd/missing-reload: a gunicorn service without `ExecReload=` sending HUP to the master. */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { insertLineAfter, localGunicorn } from './helpers';

export const RELOAD_LINE = 'ExecReload=/bin/kill -s HUP $MAINPID';

export const missingReload: Rule<SystemdCheckContext> = {
  id: 'systemd/missing-reload',
  severity: 'info',
  summary: 'A gunicorn service without `ExecReload` sending HUP to `$MAINPID`.',
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn || context.facts.execReload.length > 0) return [];
    return [
      {
        rule: 'systemd/missing-reload',
        range: gunicorn.entry.keyRange,
        message: 'No ExecReload=: `systemctl reload` fails, and a config change needs a full restart that drops connections. Gunicorn reloads gracefully on SIGHUP.',
      },
    ];
  },
  fixes(finding, context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn) return [];
    return [insertLineAfter(gunicorn.entry, RELOAD_LINE, `Add ${RELOAD_LINE}`, true)];
  },
};
