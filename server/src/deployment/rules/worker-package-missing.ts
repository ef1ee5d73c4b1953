/**
 * gunicorn/worker-package-missing: gunicorn imports the worker class when it starts; a class whose package is not
 * installed stops it at once. The requirements only answer for the deployment when they list gunicorn itself
 * (otherwise gunicorn, and maybe the worker's package, are installed some other way), so only then does this fire.
 */
import * as path from 'node:path';
import type { FileEdit } from '../../core/findings';
import { invocationOf, related, unique } from '../findings';
import type { Invocation } from '../model';
import { providerOf } from '../packageProviders';
import { addRequirementEdit } from '../requirementEdits';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { workerInUse } from '../workerClass';

const RULE_ID = 'gunicorn/worker-package-missing';

function missingPackages(invocation: Invocation): string[] {
  const requirements = invocation.requirements;
  const inUse = workerInUse(invocation);
  if (!requirements?.packages.has('gunicorn') || !inUse) return [];
  return inUse.worker.packages.filter((pkg) => !providerOf(requirements, pkg));
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'error',
  summary: 'The worker class needs a package (gevent, eventlet, tornado, uvicorn-worker) that the requirements do not list.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const missing = missingPackages(invocation);
      const site = settingSite(invocation, 'worker_class');
      if (missing.length === 0 || !site) continue;
      const inUse = workerInUse(invocation)!;
      const gunicorn = invocation.requirements!.packages.get('gunicorn')!;
      const names = missing.map((pkg) => `\`${pkg}\``).join(' and ');
      const extra = inUse.worker.extra ? ` (or require \`${inUse.worker.extra}\`)` : '';
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message: `The ${inUse.written} worker needs ${names}, which the requirements do not list: gunicorn fails at start-up when it imports the worker. Add ${missing.length > 1 ? 'them' : 'it'}${extra}.`,
        related: related({ path: gunicorn.path, range: gunicorn.range }, `gunicorn is required here, without ${names}`),
        data: { invocation: invocation.id },
      });
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    if (!invocation) return [];
    const missing = missingPackages(invocation);
    const edits = missing.map((pkg) => addRequirementEdit(invocation, project, pkg));
    if (missing.length === 0 || edits.some((edit) => !edit)) return [];
    // Every line goes after gunicorn's: one edit with all of them keeps their order.
    const [first] = edits as FileEdit[];
    const combined: FileEdit = { ...first, newText: (edits as FileEdit[]).map((edit) => edit.newText).join('') };
    return [{ title: `Add ${missing.join(', ')} to ${path.basename(first.path!)}`, edits: [combined], safe: false, preferred: true }];
  },
};
