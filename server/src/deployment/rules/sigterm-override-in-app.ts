/**
 * gunicorn/sigterm-override, in app modules: an app that installs its own SIGTERM (or SIGINT/SIGQUIT) handler when
 * it is imported replaces gunicorn's in the process that imports it (each worker, or the master with preload):
 * graceful shutdown stops working. The same id's config-file half is formats/gunicorn/rules/sigterm-override.ts;
 * this one reports only in app modules, never in the config the other one reads.
 */
import { unique } from '../findings';
import { removeStatementLine } from '../pythonEdits';
import type { DeploymentFinding, DeploymentRule } from '../rule';

const RULE_ID = 'gunicorn/sigterm-override';

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A hook or app module that replaces the SIGTERM (or SIGINT/SIGQUIT) handler.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const configPath = invocation.config?.path;
      for (const handler of invocation.app?.signalHandlers ?? []) {
        if (handler.path === configPath) continue;
        findings.push({
          rule: RULE_ID,
          path: handler.path,
          range: handler.range,
          message:
            `The app replaces gunicorn's ${handler.signal} handler when it is imported: workers no longer shut down gracefully, and ` +
            'deploys drop requests. Use the `worker_int` / `worker_exit` hooks for clean-up instead.',
        });
      }
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const text = project.readFile(finding.path);
    if (text === undefined || !/signal\b/.test(text.slice(finding.range.start, finding.range.end))) return [];
    const edit = removeStatementLine(text, finding.range);
    return edit ? [{ title: 'Remove the signal handler', edits: [{ path: finding.path, ...edit }], safe: false, preferred: true }] : [];
  },
};
