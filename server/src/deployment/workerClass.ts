/**
 * The worker class an invocation runs, as the deployment model knows it: the effective `worker_class` (command line
 * over GUNICORN_CMD_ARGS over config over the default `sync`), looked up in the worker knowledge table. Unknown when
 * the value comes from the environment or names a class we do not know: the checks that need it stay quiet.
 */
import { workerClassNamed } from '../knowledge/gunicorn/workers';
import type { WorkerClass } from '../knowledge/gunicorn/types';
import { settingOf } from './effective';
import type { EffectiveSetting, Invocation } from './model';

export interface WorkerInUse {
  worker: WorkerClass;
  /** The class as written (`gevent`, `egg:gunicorn#gevent`). */
  written: string;
  setting: EffectiveSetting;
}

export function workerInUse(invocation: Invocation): WorkerInUse | undefined {
  const setting = settingOf(invocation, 'worker_class');
  if (!setting.value.known || typeof setting.value.value !== 'string') return undefined;
  const worker = workerClassNamed(setting.value.value);
  return worker ? { worker, written: setting.value.value.trim(), setting } : undefined;
}

/** Green-thread workers that monkey-patch the standard library (gevent's family and eventlet). */
export function isGreenWorker(worker: WorkerClass): boolean {
  return worker.packages.includes('gevent') || worker.packages.includes('eventlet');
}
