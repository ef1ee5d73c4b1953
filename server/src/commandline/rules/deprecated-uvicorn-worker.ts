/**
 * gunicorn/deprecated-uvicorn-worker (command line): `-k uvicorn.workers.UvicornWorker`. Judged as in
 * gunicorn.conf.py (knowledge/gunicorn/workerClassVerdict.ts).
 */
import { deprecatedUvicornWorkerVerdict } from '../../knowledge/gunicorn/workerClassVerdict';
import { workerClassRule } from '../workerClassValues';

export const RULE_ID = 'gunicorn/deprecated-uvicorn-worker';

export const deprecatedUvicornWorker = workerClassRule(
  { id: RULE_ID, severity: 'warning', summary: '`uvicorn.workers.UvicornWorker` is deprecated; the worker moved to the `uvicorn-worker` package.' },
  (name) => deprecatedUvicornWorkerVerdict(name),
  (replacement) => `Use \`${replacement}\` (needs the uvicorn-worker package)`,
);
