/**
 * deploy/stop-timeout: the supervisor kills gunicorn before gunicorn's own graceful shutdown can end. On SIGTERM
 * gunicorn stops accepting and gives running requests `graceful_timeout` (30 s) to finish; systemd waits
 * `TimeoutStopSec=` (90 s by default), Kubernetes `terminationGracePeriodSeconds`, compose `stop_grace_period`,
 * then sends SIGKILL. A shorter supervisor wait cuts requests off on every deploy. The fix is offered for systemd
 * (TimeoutStopSec=) and supervisord (stopwaitsecs=); Docker's wait is set where the container is run, not in the
 * Dockerfile, so the message says where instead.
 */
import { numberSetting, settingPlace } from '../effective';
import { dataOf, related, seconds, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { setServiceDirective } from '../unitEdits';
import { setProgramKey } from '../../formats/supervisord/edits';
import type { Supervisor } from '../model';
import { stopGracePeriodEdit } from '../fromCompose';
import { terminationGraceEdit } from '../fromKubernetes';

const SUPERVISOR_NAMES: Partial<Record<Supervisor['kind'], string>> = {
  systemd: 'systemd',
  docker: 'Docker',
  supervisord: 'supervisord',
  compose: 'Docker Compose',
  kubernetes: 'Kubernetes',
};

const RULE_ID = 'deploy/stop-timeout';
/** Time after graceful_timeout for gunicorn's own exit (workers reaped, hooks run). */
const MARGIN = 10;
/** gunicorn's default graceful_timeout. */
const GUNICORN_DEFAULT_GRACEFUL = 30;

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
      // Against a supervisor's default wait (Docker's and supervisord's 10 s), gunicorn's default 30 s is nobody's
      // choice and most requests end well within 10 s: only a graceful_timeout raised above gunicorn's default is.
      if (!stop.place && (settingPlace(invocation, 'graceful_timeout') === undefined || graceful <= GUNICORN_DEFAULT_GRACEFUL)) continue;
      const where = stop.place ?? supervisor.command;
      const how = stop.place ? `${stop.setting}` : `${stop.setting}, by default`;
      const value = Math.ceil(graceful) + MARGIN;
      findings.push({
        rule: RULE_ID,
        path: where.path,
        range: where.range,
        message:
          `${SUPERVISOR_NAMES[supervisor.kind] ?? 'The supervisor'} kills gunicorn ${seconds(stop.seconds)} after asking it to stop (${how}), but gunicorn gives running requests up to ${seconds(graceful)} (graceful_timeout): on every restart or deploy, requests still running are cut off.` +
          (supervisor.kind === 'docker' && !stop.place
            ? ` The Dockerfile cannot say how long to wait: \`docker stop -t ${value}\`, \`docker run --stop-timeout ${value}\` or compose \`stop_grace_period: ${value}s\` does.`
            : ''),
        related: related(settingPlace(invocation, 'graceful_timeout') ?? invocation.command, 'gunicorn graceful_timeout'),
        // A new TimeoutStopSec= goes after the TimeoutSec= it overrides (systemd reads in order), else after ExecStart=.
        data:
          supervisor.kind === 'systemd'
            ? { file: where.path, after: where.range.start, value }
            : supervisor.kind === 'supervisord' && supervisor.name
              ? { file: supervisor.path, program: supervisor.name, value }
              : supervisor.kind === 'compose' && supervisor.name
                ? { file: supervisor.path, service: supervisor.name, value }
                : supervisor.kind === 'kubernetes'
                  ? { file: supervisor.path, pod: supervisor.command.range.start, value }
                  : undefined,
      });
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const { file, after, value, program, service, pod } = dataOf<{
      file: string;
      after?: number;
      value: number;
      program?: string;
      service?: string;
      pod?: number;
    }>(finding);
    if (typeof file !== 'string' || typeof value !== 'number') return [];
    if (typeof service === 'string' || typeof pod === 'number') {
      const text = project.readFile(file);
      const edit =
        text === undefined
          ? undefined
          : typeof service === 'string'
            ? stopGracePeriodEdit(text, file, service, value)
            : terminationGraceEdit(text, file, pod!, value);
      const key = typeof service === 'string' ? `stop_grace_period: ${value}s` : `terminationGracePeriodSeconds: ${value}`;
      return edit ? [{ title: `Set ${key}`, safe: true, preferred: true, edits: [edit] }] : [];
    }
    if (typeof program === 'string') {
      const text = project.readFile(file);
      const edit = text === undefined ? undefined : setProgramKey(text, file, program, 'stopwaitsecs', `${value}`);
      return edit ? [{ title: `Set stopwaitsecs=${value}`, safe: true, preferred: true, edits: [edit] }] : [];
    }
    const text = project.readFile(file);
    const edit = text === undefined ? undefined : setServiceDirective(text, file, 'TimeoutStopSec', `${value}`, typeof after === 'number' ? after : undefined);
    return edit ? [{ title: `Set TimeoutStopSec=${value}`, safe: true, preferred: true, edits: [edit] }] : [];
  },
};
