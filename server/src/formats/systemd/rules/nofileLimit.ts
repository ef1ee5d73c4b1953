/**
 * systemd/nofile-limit: no LimitNOFILE= while gunicorn may hold more open files than the usual soft limit of
 * 1024. Estimate: workers × (worker_connections for async workers, else threads), each connection counted twice
 * (the client socket plus what serving it opens: a database or upstream connection, a file). Quiet when any
 * number is not a literal.
 */
import type { Rule } from '../../../core/rule';
import type { SystemdCheckContext } from '../context';
import { configModel, literalSetting, resolveConfigPath } from '../configFile';
import { optionValue } from '../gunicornCommand';
import { insertLineAfter, localGunicorn } from './helpers';

const ASYNC_WORKERS = /gevent|eventlet|tornado|uvicorn|asgi/i;
const SOFT_LIMIT = 1024;

type Known = number | string | undefined | 'unknown';

/** A setting's value: command line first (it wins), then the config file; 'unknown' when not a literal. */
function setting(context: SystemdCheckContext, name: string): Known {
  const gunicorn = localGunicorn(context);
  if (!gunicorn) return 'unknown';
  const option = optionValue(gunicorn.invocation, name);
  if (option) {
    const text = option.value?.text ?? '';
    if (/^[0-9]+$/.test(text)) return Number(text);
    return /^[A-Za-z_.:]+$/.test(text) && name === 'worker_class' ? text : 'unknown';
  }
  const configPath = gunicorn.invocation.configPath?.text;
  if (configPath) {
    const file = resolveConfigPath(configPath, context.facts, context.project);
    const model = file ? configModel(file, context.project) : undefined;
    if (!model) return 'unknown';
    const value = literalSetting(model, name);
    if (value === undefined) return undefined;
    if (value === 'unknown') return 'unknown';
    if (value.kind === 'int') return value.value;
    if (value.kind === 'string') return name === 'worker_class' ? value.value : 'unknown';
    return 'unknown';
  }
  return undefined;
}

export function estimateOpenFiles(context: SystemdCheckContext): number | undefined {
  if (context.facts.environment.has('WEB_CONCURRENCY')) return undefined;
  const workers = setting(context, 'workers') ?? 1;
  const workerClass = setting(context, 'worker_class') ?? 'sync';
  if (typeof workers !== 'number' || workerClass === 'unknown' || typeof workerClass !== 'string') return undefined;
  const perWorker = ASYNC_WORKERS.test(workerClass) ? setting(context, 'worker_connections') ?? 1000 : setting(context, 'threads') ?? 1;
  if (typeof perWorker !== 'number') return undefined;
  return workers * perWorker * 2;
}

export const nofileLimit: Rule<SystemdCheckContext> = {
  id: 'systemd/nofile-limit',
  severity: 'info',
  summary: 'No `LimitNOFILE` while workers × (threads or worker_connections) can pass 1024 open files.',
  check(context) {
    const gunicorn = localGunicorn(context);
    if (!gunicorn || context.facts.limitNofile) return [];
    const estimate = estimateOpenFiles(context);
    if (estimate === undefined || estimate <= SOFT_LIMIT) return [];
    return [
      {
        rule: 'systemd/nofile-limit',
        range: gunicorn.entry.keyRange,
        message: `Gunicorn may hold about ${estimate} open files (workers × connections per worker, twice over), more than the default soft limit of ${SOFT_LIMIT}: accept() then fails with "Too many open files". Set LimitNOFILE=.`,
      },
    ];
  },
  fixes(finding, context) {
    const gunicorn = localGunicorn(context);
    return gunicorn ? [insertLineAfter(gunicorn.entry, 'LimitNOFILE=65536', 'Add LimitNOFILE=65536', true)] : [];
  },
};
