/**
 * deploy/stop-timeout: the supervisor kills gunicorn before gunicorn's own graceful shutdown can end. On SIGTERM
 * gunicorn stops accepting and gives running requests `graceful_timeout` (30 s) to finish; systemd waits
 * `TimeoutStopSec=` (90 s by default), Kubernetes `terminationGracePeriodSeconds`, compose `stop_grace_period`,
 * then sends SIGKILL. A shorter supervisor wait cuts requests off on every deploy. The fix is offered for systemd.
 */
import { numberSetting, settingPlace } from '../effective';
import { dataOf, related, seconds, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { setServiceDirective } from '../unitEdits';

const RULE_ID = 'deploy/stop-timeout';
/** Time after graceful_timeout for gunicorn's own exit (workers reaped, hooks run). */
const MARGIN = 10;

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: "The supervisor's stop timeout is shorter than gunicorn's graceful_timeout: requests are killed on deploy.",
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const supervisor = invocation.supervisor;
      const stop = supervisor?.stopTimeout;
      if (!supervisor || !stop) continue;
      // 0 and infinity turn the timeout off in systemd: nothing is killed.
      if (!Number.isFinite(stop.seconds) || stop.seconds <= 0) continue;
      const graceful = numberSetting(invocation, 'graceful_timeout');
      if (graceful === undefined || stop.seconds >= graceful) continue;
      const where = stop.place ?? supervisor.command;
      const how = stop.place ? `${stop.setting}` : `${stop.setting}, by default`;
      findings.push({
        rule: RULE_ID,
        path: where.path,
        range: where.range,
        message: `${supervisor.kind === 'systemd' ? 'systemd' : 'The supervisor'} kills gunicorn ${seconds(stop.seconds)} after asking it to stop (${how}), but gunicorn gives running requests up to ${seconds(graceful)} (graceful_timeout): on every restart or deploy, requests still running are cut off.`,
        related: related(settingPlace(invocation, 'graceful_timeout') ?? invocation.command, 'gunicorn graceful_timeout'),
        // A new TimeoutStopSec= goes after the TimeoutSec= it overrides (systemd reads in order), else after ExecStart=.
        data: supervisor.kind === 'systemd' ? { file: where.path, after: where.range.start, value: Math.ceil(graceful) + MARGIN } : undefined,
      });
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const { file, after, value } = dataOf<{ file: string; after?: number; value: number }>(finding);
    if (typeof file !== 'string' || typeof value !== 'number') return [];
    const text = project.readFile(file);
    const edit = text === undefined ? undefined : setServiceDirective(text, file, 'TimeoutStopSec', `${value}`, typeof after === 'number' ? after : undefined);
    return edit ? [{ title: `Set TimeoutStopSec=${value}`, safe: true, preferred: true, edits: [edit] }] : [];
  },
};
