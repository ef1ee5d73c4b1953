/**
 * gunicorn/unknown-worker-class (command line): `-k`/`--worker-class` naming a worker the gunicorn in use does not
 * have. Judged exactly as `worker_class` in gunicorn.conf.py (knowledge/gunicorn/workerClassVerdict.ts).
 */
import { unknownWorkerClassVerdict } from '../../knowledge/gunicorn/workerClassVerdict';
import { workerClassRule } from '../workerClassValues';

export const RULE_ID = 'gunicorn/unknown-worker-class';

export const unknownWorkerClass = workerClassRule(
  { id: RULE_ID, severity: 'error', summary: 'A `worker_class` that is neither a worker gunicorn ships nor a dotted path to a class.' },
  unknownWorkerClassVerdict,
  (replacement) => `Use the \`${replacement}\` worker`,
);
