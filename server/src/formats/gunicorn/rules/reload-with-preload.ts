/**
 * gunicorn/reload-with-preload: with `preload_app` the app is imported once in the master and forked into the
 * workers; `reload` restarts workers when files change, but they fork from the master's old copy of the code.
 * The reload looks like it works and serves the old code.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, canRunTogether, isTrue } from './facts';

export const RULE_ID = 'gunicorn/reload-with-preload';

export const reloadWithPreload: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`reload = True` together with `preload_app = True`: code loaded in the master is not reloaded.',
  check(context) {
    const findings: Finding[] = [];
    const preloads = bindingsOf(context.model, 'preload_app').filter((b) => !b.augmented && isTrue(b.value.value));
    for (const reload of bindingsOf(context.model, 'reload')) {
      if (reload.augmented || !isTrue(reload.value.value)) continue;
      const preload = preloads.find((candidate) => canRunTogether(candidate, reload));
      if (!preload) continue;
      findings.push({
        rule: RULE_ID,
        range: reload.nameRange,
        message:
          '`reload` has no effect on code loaded by `preload_app`: workers are forked from the master, which keeps the old code. Turn preload off where you reload.',
        related: [{ path: context.path, range: preload.nameRange, message: '`preload_app` is on here' }],
      });
    }
    return findings;
  },
};
