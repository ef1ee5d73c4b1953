/**
 * gunicorn/worker-connections-unused: `worker_connections` bounds the connections of the event-loop and threaded
 * workers. The sync worker handles one request at a time and never reads it, so the number suggests a capacity
 * the deployment does not have.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, runsSyncWorker } from './facts';

export const RULE_ID = 'gunicorn/worker-connections-unused';

export const workerConnectionsUnused: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'info',
  summary: '`worker_connections` with the sync worker, which ignores it.',
  check(context) {
    if (runsSyncWorker(context.model) !== true) return [];
    const worker = bindingsOf(context.model, 'worker_class').at(-1);
    return bindingsOf(context.model, 'worker_connections')
      .filter((binding) => !binding.augmented)
      .map(
        (binding): Finding => ({
          rule: RULE_ID,
          range: binding.nameRange,
          message:
            '`worker_connections` has no effect with the sync worker, which serves one request at a time; it applies to gthread, gevent, eventlet and tornado workers.',
          ...(worker ? { related: [{ path: context.path, range: worker.value.range, message: 'the sync worker is chosen here' }] } : {}),
        }),
      );
  },
};
