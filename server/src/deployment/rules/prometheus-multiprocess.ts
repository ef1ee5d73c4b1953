/**
 * gunicorn/prometheus-multiprocess: each gunicorn worker is its own process with its own prometheus_client registry.
 * Two things go wrong with several workers:
 *  - multiprocess mode is on (PROMETHEUS_MULTIPROC_DIR) but no `child_exit` hook calls `mark_process_dead`: the
 *    files of dead workers are never cleaned up, and their live gauges are reported for ever;
 *  - the app calls `start_http_server` at import without preload: every worker binds the same port, and all but
 *    the first fail.
 * Whether multiprocess mode is off cannot be known (the variable may come from anywhere), so that case says nothing.
 */
import type { ConfigModel } from '../../formats/gunicorn/model';
import { boolSetting, numberSetting } from '../effective';
import { invocationOf, related, unique } from '../findings';
import { hookEdit, hookTarget } from '../hookEdits';
import { someHookDoes } from '../hookVerdicts';
import type { Invocation, Place } from '../model';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';

const RULE_ID = 'gunicorn/prometheus-multiprocess';
const MULTIPROC_VARIABLES = ['PROMETHEUS_MULTIPROC_DIR', 'prometheus_multiproc_dir'];
/** Hooks that run when a worker is gone (child_exit in the master, worker_exit in the worker). */
const EXIT_HOOKS = ['child_exit', 'worker_exit'];

function multiprocessPlace(invocation: Invocation): Place | undefined | false {
  for (const name of MULTIPROC_VARIABLES) {
    const variable = invocation.environment.get(name);
    if (variable) return variable.place;
  }
  return invocation.app?.prometheus?.multiprocessMode ? undefined : false;
}

/** The exit hooks mark dead workers: true / false, undefined when a hook's body is out of sight. */
function marksDeadWorkers(model: ConfigModel): boolean | undefined {
  return someHookDoes(model, EXIT_HOOKS, ({ calls }) => {
    if (calls.some((call) => /(^|\.)mark_process_dead$/.test(call.callee))) return true;
    // A helper of the user's own may do it: only logging and the hook's own objects are plainly something else.
    return calls.some((call) => !/^(server|worker|print|log|logger|logging)(\.|$)/.test(call.callee)) ? undefined : false;
  });
}

function needsHook(invocation: Invocation): boolean {
  const config = invocation.config;
  if (config?.path) return !!config.model && marksDeadWorkers(config.model) === false;
  return !config?.written;
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'prometheus_client in a multi-worker app: multiprocess mode without a `child_exit` hook, or `start_http_server` in every worker.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const prometheus = invocation.app?.prometheus;
      const workers = numberSetting(invocation, 'workers');
      if (!prometheus || workers === undefined || workers <= 1) continue;
      const workersSite = settingSite(invocation, 'workers');
      const multiprocess = multiprocessPlace(invocation);
      if (multiprocess !== false && workersSite && needsHook(invocation)) {
        findings.push({
          rule: RULE_ID,
          path: workersSite.path,
          range: workersSite.range,
          message:
            `${workers} workers share prometheus_client's multiprocess directory, but no \`child_exit\` hook calls ` +
            '`multiprocess.mark_process_dead(worker.pid)`: the files of exited workers stay, and their gauges are reported for ever.',
          related: [
            ...related(prometheus.place, 'prometheus_client metrics are defined here'),
            ...related(multiprocess, 'multiprocess mode is turned on here'),
          ],
          data: { invocation: invocation.id },
        });
      }
      if (prometheus.startHttpServer && boolSetting(invocation, 'preload_app') === false) {
        findings.push({
          rule: RULE_ID,
          path: prometheus.startHttpServer.path,
          range: prometheus.startHttpServer.range,
          message:
            `Every one of the ${workers} workers imports the app and runs \`start_http_server\` on the same port: all but the first ` +
            'fail to bind, and a scrape sees one worker only. Serve metrics through the app with multiprocess mode instead.',
          related: related(workersSite, `${workers} workers are started here`),
        });
      }
    }
    return unique(findings);
  },
  fixes(finding, { model, project }) {
    const invocation = invocationOf(model.invocations, finding.data);
    if (!invocation) return [];
    const target = hookTarget(invocation, 'child_exit');
    const workerName = target.kind === 'extend' ? target.definition.params[1]?.name : 'worker';
    if (!workerName) return [];
    const body = ['from prometheus_client import multiprocess', '', `multiprocess.mark_process_dead(${workerName}.pid)`];
    const edit = hookEdit(invocation, project, 'child_exit', ['server', 'worker'], body);
    if (!edit) return [];
    const title = target.kind === 'extend' ? 'Mark exited workers dead in `child_exit`' : 'Add a `child_exit` hook that marks exited workers dead';
    return [{ title, edits: [edit], safe: false, preferred: true }];
  },
};
