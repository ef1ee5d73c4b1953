/**
 * What the deploy/ rules need to know about an invocation's workers, from its effective settings. Each answer is
 * undefined when a value is not a literal, so the asking rule stays quiet.
 */
import { isSyncWorkerName } from '../formats/gunicorn/rules/facts';
import { numberSetting, stringSetting } from './effective';
import type { Invocation } from './model';

/** Worker classes that serve many connections per worker (worker_connections applies to them). */
const ASYNC_WORKERS = /gevent|eventlet|tornado|uvicorn|asgi/i;

export function workerClass(invocation: Invocation): string | undefined {
  return stringSetting(invocation, 'worker_class')?.trim();
}

/**
 * The sync worker, unless `threads > 1` makes gunicorn run gthread. With it `timeout` bounds a whole request
 * (reading the body included): the master kills a worker that has not checked in for that long. For every other
 * class `timeout` is a heartbeat of the worker process, not a limit on one request.
 */
export function runsSyncWorker(invocation: Invocation): boolean | undefined {
  const name = workerClass(invocation);
  if (name === undefined) return undefined;
  if (!isSyncWorkerName(name)) return false;
  const threads = numberSetting(invocation, 'threads');
  return threads === undefined ? undefined : threads <= 1;
}

export function isAsyncWorker(name: string): boolean {
  return ASYNC_WORKERS.test(name);
}

/** `workers`, with gunicorn's default read from WEB_CONCURRENCY when the host sets it and nothing else does. */
export function workerCount(invocation: Invocation): number | undefined {
  if (!invocation.settings.has('workers')) {
    const env = invocation.environment.get('WEB_CONCURRENCY');
    if (env) return /^\d+$/.test(env.value.trim()) ? Number(env.value.trim()) : undefined;
  }
  return numberSetting(invocation, 'workers');
}
