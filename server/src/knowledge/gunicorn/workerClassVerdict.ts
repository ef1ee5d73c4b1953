/**
 * What is wrong with a worker class name, for a given gunicorn version. gunicorn reads `worker_class` in
 * gunicorn.conf.py and `-k`/`--worker-class` on a command line the same way, so both sets of checks ask here and
 * only differ in where the value sits and how a fix is written back.
 */
import { nearest } from '../../core/nearest';
import { isWorkerAvailable } from './versions';
import { WORKER_CLASSES, workerClassNamed } from './workers';

/** A problem with the name and the name to use instead, when there is a plausible one. */
export interface WorkerClassVerdict {
  message: string;
  replacement?: string;
}

// gunicorn imports anything dotted as `module.Class`; whether that module exists is beyond a static check.
const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * gunicorn/unknown-worker-class: a built-in short name the version lacks (eventlet after 26, asgi before 24), or a
 * name that is neither built in nor a dotted path. Undefined when gunicorn can load it (as far as we can tell).
 */
export function unknownWorkerClassVerdict(rawName: string, version: string): WorkerClassVerdict | undefined {
  const name = rawName.trim();
  const known = workerClassNamed(name);
  if (known) {
    // Third-party classes (uvicorn's) carry no gunicorn version of their own.
    if (!known.builtin || isWorkerAvailable(known, version)) return undefined;
    const why = known.removed ? `removed in ${known.removed}` : `added in ${known.added ?? 'a later release'}`;
    return { message: `The \`${name}\` worker is not in gunicorn ${version} (${why}).`, replacement: nearestBuiltin(name, version) };
  }
  if (DOTTED_PATH.test(name) || name.startsWith('egg:')) return undefined;
  const replacement = nearestBuiltin(name, version);
  return {
    message:
      `\`${name}\` is not a gunicorn worker class: use a built-in name (${builtinNames(version).join(', ')}) or a dotted path to a class` +
      (replacement ? `; did you mean \`${replacement}\`?` : '.'),
    replacement,
  };
}

/**
 * gunicorn/deprecated-uvicorn-worker: one of uvicorn's own `uvicorn.workers` classes, which moved to the
 * `uvicorn-worker` package. Exact spelling only: the replacement comes from the worker table.
 */
export function deprecatedUvicornWorkerVerdict(rawName: string): Required<WorkerClassVerdict> | undefined {
  const name = rawName.trim();
  const worker = workerClassNamed(name);
  // eventlet is deprecated too, but by gunicorn and per version: that is unknown-worker-class's business.
  const replacement = worker && !worker.builtin && worker.name === name ? worker.deprecated?.replacement : undefined;
  if (!replacement) return undefined;
  return { message: `\`${name}\` is deprecated in uvicorn; install the \`uvicorn-worker\` package and use \`${replacement}\`.`, replacement };
}

function builtinNames(version: string): string[] {
  return WORKER_CLASSES.filter((worker) => worker.builtin && isWorkerAvailable(worker, version)).map((worker) => worker.name);
}

function nearestBuiltin(name: string, version: string): string | undefined {
  const candidates = builtinNames(version).filter((candidate) => candidate !== name);
  return nearest(name, candidates, Math.max(2, Math.floor(name.length / 3)));
}
