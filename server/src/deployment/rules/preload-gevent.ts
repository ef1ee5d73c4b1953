/**
 * gunicorn/preload-gevent: the gevent and eventlet workers monkey-patch the standard library when each worker
 * starts, after the fork. With `preload_app` the app was imported in the master before that: modules that took a
 * reference to `socket`, `ssl`, `threading` or a database driver keep the blocking versions, and a blocked call
 * stalls every request of the worker. Patching first thing in the config (or the app) avoids it, so either of
 * those keeps this check quiet.
 */
import type { ConfigModel } from '../../formats/gunicorn/model';
import { boolSetting } from '../effective';
import { related, unique } from '../findings';
import type { Invocation } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';
import { isGreenWorker, workerInUse } from '../workerClass';

const RULE_ID = 'gunicorn/preload-gevent';

const PATCH_CALL = /(^|\.)(patch_all|monkey_patch)$/;

/** The config patches at module level, which gunicorn runs in the master before it imports the app. */
function configPatches(model: ConfigModel | undefined): boolean {
  return !!model && model.moduleCalls.some((call) => PATCH_CALL.test(call.callee));
}

function patchedBeforeImport(invocation: Invocation): boolean {
  return (invocation.app?.monkeyPatches.length ?? 0) > 0 || configPatches(invocation.config?.model);
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`preload_app` with a gevent or eventlet worker: the app is imported before monkey-patching.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const inUse = workerInUse(invocation);
      if (!inUse || !isGreenWorker(inUse.worker) || boolSetting(invocation, 'preload_app') !== true) continue;
      // A config file we could not read may patch at its top: say nothing.
      if (invocation.config?.path && !invocation.config.model) continue;
      if (patchedBeforeImport(invocation)) continue;
      const site = settingSite(invocation, 'preload_app');
      if (!site) continue;
      const workerSite = settingSite(invocation, 'worker_class');
      const library = inUse.worker.packages.includes('eventlet') ? 'eventlet' : 'gevent';
      findings.push({
        rule: RULE_ID,
        path: site.path,
        range: site.range,
        message:
          `\`preload_app\` imports the app in the master, before the ${library} worker monkey-patches the standard library ` +
          `in each worker: modules imported early keep blocking sockets and locks. Patch at the very top of the config ` +
          `(${library === 'gevent' ? '`from gevent import monkey; monkey.patch_all()`' : '`import eventlet; eventlet.monkey_patch()`'}), or turn preload off.`,
        related: related(workerSite, `the ${inUse.written} worker is chosen here`),
      });
    }
    return unique(findings);
  },
};
