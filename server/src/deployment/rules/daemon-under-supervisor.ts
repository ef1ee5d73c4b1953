/**
 * gunicorn/daemon-under-supervisor: `daemon` makes gunicorn fork into the background and its first process exit.
 * A supervisor (systemd, Docker, Kubernetes, supervisord) watches that first process: it sees it exit, believes
 * the service is gone, and stops or restarts it while the detached master lives on unsupervised. Only a systemd
 * unit of `Type=forking` expects that, so it is left alone.
 */
import { invocationOf, related, unique } from '../findings';
import type { Supervisor } from '../model';
import { boolSetting } from '../effective';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { removeSettingEdits } from '../settingEdits';

const RULE_ID = 'gunicorn/daemon-under-supervisor';

const SUPERVISOR_NAMES: Record<Supervisor['kind'], string> = {
  systemd: 'systemd',
  docker: 'Docker',
  compose: 'Docker Compose',
  kubernetes: 'Kubernetes',
  supervisord: 'supervisord',
  heroku: 'the platform',
};

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: '`daemon = True` (or `--daemon`/`-D`) under systemd, Docker or Kubernetes: the supervisor loses the process.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const supervisor = invocation.supervisor;
      if (!supervisor || boolSetting(invocation, 'daemon') !== true) continue;
      if (supervisor.kind === 'systemd' && supervisor.serviceType?.value.trim().toLowerCase() === 'forking') continue;
      const site = settingSite(invocation, 'daemon');
      if (!site) continue;
      const who = SUPERVISOR_NAMES[supervisor.kind];
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          `${who} already runs gunicorn in the background and watches the process it started; \`daemon\` makes that process exit ` +
          `right away, so ${who} takes the service for stopped while the real master runs unsupervised. Remove it.`,
        related: related(supervisor.command, `${who} starts gunicorn here`),
        data: { invocation: invocation.id },
      });
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    const edits = invocation && removeSettingEdits(invocation, project, 'daemon');
    return edits ? [{ title: 'Remove daemon', edits, safe: false, preferred: true }] : [];
  },
};
