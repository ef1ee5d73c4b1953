/**
 * gunicorn/timeout-band-aid: a worker timeout of minutes (or none at all with sync workers) is usually raised to
 * silence "WORKER TIMEOUT" errors. It hides slow requests instead of fixing them, and a sync worker stuck on one
 * request for five minutes serves nobody else meanwhile.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, isSyncWorkerName, numberOf, workerClassInUse } from './facts';

export const RULE_ID = 'gunicorn/timeout-band-aid';
export const BAND_AID_SECONDS = 300;

export const timeoutBandAid: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`timeout` of 300 s or more, or 0 (no limit) with sync workers: it hides slow requests.',
  check(context) {
    const findings: Finding[] = [];
    const worker = workerClassInUse(context.model);
    const sync = worker !== undefined && isSyncWorkerName(worker);
    for (const binding of bindingsOf(context.model, 'timeout')) {
      if (binding.augmented || binding.value.value.kind === 'bool') continue;
      const seconds = numberOf(binding.value.value);
      if (seconds === undefined) continue;
      if (seconds >= BAND_AID_SECONDS) {
        findings.push({
          rule: RULE_ID,
          range: binding.value.range,
          message: `A ${seconds} s worker timeout hides slow requests instead of fixing them; move long work to a task queue and keep the timeout near the slowest normal request.`,
        });
      } else if (seconds === 0 && sync) {
        findings.push({
          rule: RULE_ID,
          range: binding.value.range,
          message: '`timeout = 0` turns the worker timeout off: a sync worker stuck on one request is never restarted and serves nobody else.',
        });
      }
    }
    return findings;
  },
};
