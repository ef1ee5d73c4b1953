/**
 * Worker classes gunicorn can run: its own short names (SUPPORTED_WORKERS), the removed eventlet worker, and the
 * uvicorn classes people put in `worker_class`. Facts from ../shared/reference/gunicorn-worker-classes.json.
 */
import type { WorkerClass } from './types';

export const WORKER_CLASSES: readonly WorkerClass[] = [
  {
    name: 'sync',
    classPath: 'gunicorn.workers.sync.SyncWorker',
    packages: [],
    added: '19.0',
    asgi: false,
    async: false,
    builtin: true,
    summary: 'One request at a time per worker process; the default.',
    docs:
      'Each worker process handles exactly one request, start to finish, before taking the next. It is the most ' +
      'predictable class and suits CPU-bound apps behind a buffering proxy such as nginx. A slow client or a slow ' +
      'upstream call holds the whole worker, so without a buffering proxy in front, slow clients can exhaust it. ' +
      'When `threads` is set above 1 gunicorn quietly switches to the `gthread` worker instead.',
  },
  {
    name: 'gevent',
    classPath: 'gunicorn.workers.ggevent.GeventWorker',
    packages: ['gevent'],
    extra: 'gunicorn[gevent]',
    added: '19.0',
    asgi: false,
    async: true,
    builtin: true,
    summary: 'Green-thread worker on gevent: many concurrent requests per process.',
    docs:
      'Runs each request in a greenlet, so one process can wait on many slow sockets at once; ' +
      '`worker_connections` caps how many. The `gevent` package must be installed (`gunicorn[gevent]`), and ' +
      'recent gunicorn refuses to start with an old gevent. Code that blocks without yielding (C extensions, ' +
      'CPU loops, database drivers gevent cannot patch) stalls every request of that worker.',
  },
  {
    name: 'gevent_wsgi',
    classPath: 'gunicorn.workers.ggevent.GeventPyWSGIWorker',
    packages: ['gevent'],
    extra: 'gunicorn[gevent]',
    added: '19.0',
    asgi: false,
    async: true,
    builtin: true,
    summary: "gevent worker that serves through gevent's own pywsgi server.",
    docs:
      "Same class as `gevent_pywsgi`: requests are parsed by gevent.pywsgi instead of gunicorn's HTTP parser. " +
      'Needs the `gevent` package. Choose it only when you rely on pywsgi behaviour; plain `gevent` is the usual pick.',
  },
  {
    name: 'gevent_pywsgi',
    classPath: 'gunicorn.workers.ggevent.GeventPyWSGIWorker',
    packages: ['gevent'],
    extra: 'gunicorn[gevent]',
    added: '19.0',
    asgi: false,
    async: true,
    builtin: true,
    summary: "Alias of gevent_wsgi: gevent worker using gevent's pywsgi server.",
    docs:
      'Another name for `gevent_wsgi`. It needs the `gevent` package and behaves like the gevent worker except ' +
      'that HTTP parsing is done by gevent.pywsgi.',
  },
  {
    name: 'tornado',
    classPath: 'gunicorn.workers.gtornado.TornadoWorker',
    packages: ['tornado'],
    extra: 'gunicorn[tornado]',
    added: '19.0',
    asgi: false,
    async: true,
    builtin: true,
    summary: 'Runs Tornado applications (or WSGI apps inside Tornado) on its IOLoop.',
    docs:
      'Meant for Tornado applications; a plain WSGI app runs too but gains nothing and loses streaming. Requires ' +
      'the `tornado` package. Rarely the right choice for a Django or Flask service.',
  },
  {
    name: 'gthread',
    classPath: 'gunicorn.workers.gthread.ThreadWorker',
    packages: [],
    added: '19.4',
    asgi: false,
    async: false,
    builtin: true,
    summary: 'A thread pool per worker process (`threads` of them); keeps idle keep-alive connections cheaply.',
    docs:
      'Each worker runs `threads` threads, so a worker serves that many requests at once and parks idle keep-alive ' +
      'connections in its event loop. Good for I/O-bound WSGI apps that are not gevent-safe. Memory is shared ' +
      'between the threads of a process, so the app must be thread-safe. Needs no extra package.',
  },
  {
    name: 'asgi',
    classPath: 'gunicorn.workers.gasgi.ASGIWorker',
    packages: [],
    added: '24.0.0',
    asgi: true,
    async: true,
    builtin: true,
    summary: "gunicorn's own ASGI worker (24.0.0+), an alternative to uvicorn's worker.",
    docs:
      'Serves ASGI applications (FastAPI, Starlette, Django ASGI) on an asyncio loop inside gunicorn itself; ' +
      'tune it with `asgi_loop`, `asgi_lifespan` and `asgi_disconnect_grace_period`. It does not exist before ' +
      '24.0.0, so pin gunicorn accordingly. `uvloop` is used when installed and `asgi_loop` allows it.',
  },
  {
    name: 'eventlet',
    classPath: 'gunicorn.workers.geventlet.EventletWorker',
    packages: ['eventlet'],
    extra: 'gunicorn[eventlet]',
    added: '19.0',
    removed: '26.0.0',
    deprecated: {
      since: '25.0.0',
      replacement: 'gevent',
      note: 'gunicorn 25 warns at start-up that the eventlet worker is going away; 26.0.0 no longer accepts it.',
    },
    asgi: false,
    async: true,
    builtin: true,
    summary: 'Green-thread worker on eventlet; deprecated in 25.0.0 and removed in 26.0.0.',
    docs:
      'Worked like the gevent worker but on eventlet. From 25.0.0 gunicorn prints a deprecation warning, and ' +
      'from 26.0.0 `-k eventlet` fails at start-up. eventlet itself is in maintenance mode; move to `gevent`, ' +
      '`gthread`, or an ASGI stack.',
  },
  {
    name: 'uvicorn.workers.UvicornWorker',
    classPath: 'uvicorn.workers.UvicornWorker',
    packages: ['uvicorn'],
    deprecated: {
      since: 'uvicorn 0.30.0',
      replacement: 'uvicorn_worker.UvicornWorker',
      note: 'uvicorn 0.30.0 deprecated its `uvicorn.workers` module; the class now lives in the `uvicorn-worker` package.',
    },
    asgi: true,
    async: true,
    builtin: false,
    summary: "uvicorn's bundled gunicorn worker; deprecated since uvicorn 0.30 in favour of uvicorn-worker.",
    docs:
      'Runs an ASGI app with uvicorn inside gunicorn-managed processes. It still works, but importing it emits a ' +
      'DeprecationWarning since uvicorn 0.30.0: install `uvicorn-worker` and use `uvicorn_worker.UvicornWorker`, ' +
      'which is the same worker maintained on its own.',
  },
  {
    name: 'uvicorn.workers.UvicornH11Worker',
    classPath: 'uvicorn.workers.UvicornH11Worker',
    packages: ['uvicorn', 'h11'],
    deprecated: {
      since: 'uvicorn 0.30.0',
      replacement: 'uvicorn_worker.UvicornH11Worker',
      note: 'uvicorn 0.30.0 deprecated its `uvicorn.workers` module; the class now lives in the `uvicorn-worker` package.',
    },
    asgi: true,
    async: true,
    builtin: false,
    summary: 'Pure-Python (h11, asyncio loop) variant of the deprecated uvicorn worker.',
    docs:
      'Like `uvicorn.workers.UvicornWorker` but forces the pure-Python h11 parser and the plain asyncio loop, ' +
      'for platforms such as PyPy where httptools/uvloop are unavailable. Deprecated with the rest of ' +
      '`uvicorn.workers`; use `uvicorn_worker.UvicornH11Worker`.',
  },
  {
    name: 'uvicorn_worker.UvicornWorker',
    classPath: 'uvicorn_worker.UvicornWorker',
    packages: ['uvicorn-worker'],
    asgi: true,
    async: true,
    builtin: false,
    summary: 'The maintained uvicorn worker for gunicorn, from the `uvicorn-worker` package.',
    docs:
      'Serves ASGI apps with uvicorn while gunicorn supervises the processes. Install `uvicorn-worker` (it pulls ' +
      'in uvicorn); note the import name uses an underscore (`uvicorn_worker`) while the PyPI name uses a dash. ' +
      'Settings such as `worker_connections` do not apply: uvicorn manages its own concurrency.',
  },
  {
    name: 'uvicorn_worker.UvicornH11Worker',
    classPath: 'uvicorn_worker.UvicornH11Worker',
    packages: ['uvicorn-worker'],
    asgi: true,
    async: true,
    builtin: false,
    summary: 'Pure-Python (h11) variant of the maintained uvicorn worker.',
    docs:
      'Same as `uvicorn_worker.UvicornWorker` but with the h11 parser and the standard asyncio loop, for ' +
      'environments without httptools or uvloop. Slower, but has no compiled dependencies. Needs `uvicorn-worker`.',
  },
];

const EGG_PREFIX = /^egg:gunicorn#/i;

/**
 * The worker class for a `worker_class` / `-k` value: a short name (`gevent`), a class path
 * (`gunicorn.workers.ggevent.GeventWorker`), or an egg URI (`egg:gunicorn#gevent`). For class paths shared by two
 * short names (gevent_wsgi / gevent_pywsgi) the first entry is returned. Undefined for unknown names.
 */
export function workerClassNamed(nameOrPath: string): WorkerClass | undefined {
  const trimmed = nameOrPath.trim();
  const name = EGG_PREFIX.test(trimmed) ? trimmed.replace(EGG_PREFIX, '') : trimmed;
  return WORKER_CLASSES.find((worker) => worker.name === name) ?? WORKER_CLASSES.find((worker) => worker.classPath === name);
}
