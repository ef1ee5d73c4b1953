/**
 * deploy/preload-reload: `preload_app` is on and the supervisor reloads gunicorn with SIGHUP. On HUP gunicorn
 * re-reads its config and forks new workers from the master, which imported the app once at start: the new
 * workers run the old code. `systemctl reload` then looks like a deploy and is not one.
 */
import { boolSetting, settingPlace } from '../effective';
import { related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'deploy/preload-reload';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'info',
  summary: '`preload_app` is on and the unit reloads gunicorn with HUP: a reload does not load new code.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const reload = invocation.supervisor?.reloadsWithHup;
      if (!reload || boolSetting(invocation, 'preload_app') !== true) continue;
      findings.push({
        rule: RULE_ID,
        path: reload.path,
        range: reload.range,
        message:
          'This reload sends HUP, but with preload_app the new workers are forked from a master that imported the app at start: they run the old code. Restart the service to deploy new code.',
        related: related(settingPlace(invocation, 'preload_app'), 'preload_app is on'),
      });
    }
    return unique(findings);
  },
};
