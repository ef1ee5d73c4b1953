/**
 * gunicorn/app-not-found: the app target names a module that is in the workspace but holds no such variable (or
 * the factory of `module:create_app()` is not a function there). gunicorn imports the module, finds nothing, and
 * every worker exits with "Failed to find attribute". A module that is not in the workspace may be installed, so
 * only a module we can read is judged (AppFacts.resolution says which).
 */
import { unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'gunicorn/app-not-found';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: 'The app target module is in the workspace but defines no such variable (or the factory is not a function).',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const app = invocation.app;
      if (app?.resolution !== 'name-missing') continue;
      const what = app.factory ? `no function \`${app.variable}\`` : `no \`${app.variable}\``;
      findings.push({
        rule: RULE_ID,
        path: app.target.place.path,
        range: app.target.place.range,
        message: `The module \`${app.module}\` defines ${what}: gunicorn imports it, fails to find the ${app.factory ? 'factory' : 'app'}, and no worker starts.`,
        related: app.file ? [{ path: app.file, range: { start: 0, end: 0 }, message: `\`${app.module}\` is this file` }] : [],
      });
    }
    return unique(findings);
  },
};
