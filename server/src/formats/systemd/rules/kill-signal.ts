/**
 * systemd/kill-signal: `KillSignal=SIGQUIT` or `SIGINT` on a gunicorn service. systemd sends KillSignal= to stop the
 * service; gunicorn's master treats QUIT and INT as "stop now" (workers are killed mid-request) and only TERM as a
 * graceful stop that lets workers finish within graceful_timeout.
 */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { localGunicorn } from './helpers';

/** The signal a KillSignal= value names, when it is one of gunicorn's quick-shutdown signals. */
export function quickShutdownSignal(value: string): 'SIGQUIT' | 'SIGINT' | undefined {
  const v = value.trim();
  if (/^(SIG)?QUIT$/.test(v) || v === '3') return 'SIGQUIT';
  if (/^(SIG)?INT$/.test(v) || v === '2') return 'SIGINT';
  return undefined;
}

export const killSignal: Rule<SystemdCheckContext> = {
  id: 'systemd/kill-signal',
  severity: 'warning',
  summary: "`KillSignal=SIGQUIT` or `SIGINT` for a gunicorn service: every stop is gunicorn's quick shutdown.",
  check(context) {
    const signal = context.facts.killSignal;
    if (!localGunicorn(context) || !signal || signal.path !== context.document.path) return [];
    const quick = quickShutdownSignal(signal.value);
    if (!quick) return [];
    return [
      {
        rule: 'systemd/kill-signal',
        range: signal.entry.valueRange,
        message: `systemd stops the service with ${quick}, which gunicorn reads as "quit now": workers are killed in the middle of their requests on every stop and restart. SIGTERM (systemd's default) is gunicorn's graceful shutdown.`,
      },
    ];
  },
  fixes(finding) {
    return [{ title: 'Set KillSignal=SIGTERM', safe: true, preferred: true, edits: [{ range: finding.range, newText: 'SIGTERM' }] }];
  },
};
