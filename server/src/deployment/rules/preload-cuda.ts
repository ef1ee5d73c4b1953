/**
 * gunicorn/preload-cuda: CUDA cannot be used in a process forked after the parent initialised it. With
 * `preload_app` the master imports the app; an app that touches CUDA at import (`torch.cuda`, `.to("cuda")`,
 * `.cuda()`) initialises it in the master, and every forked worker fails on its first CUDA call.
 */
import { boolSetting } from '../effective';
import { invocationOf, related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { turnOffEdits } from '../settingEdits';

const RULE_ID = 'gunicorn/preload-cuda';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: '`preload_app` on while the app touches CUDA at import: forked workers fail to initialise CUDA.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const cuda = invocation.app?.cuda ?? [];
      if (cuda.length === 0 || boolSetting(invocation, 'preload_app') !== true) continue;
      const site = settingSite(invocation, 'preload_app');
      if (!site) continue;
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          '`preload_app` imports the app in the master, and the app initialises CUDA at import: a CUDA context does not ' +
          'survive a fork, so every worker fails on its first CUDA call. Load the model in a `post_fork` hook (or lazily ' +
          'on first use), or turn preload off.',
        related: cuda.flatMap((place) => related(place, 'CUDA is touched at import here')),
        data: { invocation: invocation.id },
      });
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    const off = invocation && turnOffEdits(invocation, project, 'preload_app');
    return off ? [{ title: 'Turn preload_app off', edits: off, safe: false }] : [];
  },
};
