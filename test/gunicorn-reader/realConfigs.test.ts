import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { parse, ready } from './helpers';
import { areAlternatives } from '../../server/src/formats/gunicorn/reader';

before(ready);

// A config in the shape many deployments use: env-driven values, a dev branch, hooks, a lambda, imports.
const PRODUCTION = `"""Gunicorn configuration for the web tier."""
import multiprocessing
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

bind = os.getenv("GUNICORN_BIND", "unix:/run/web/gunicorn.sock")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "uvicorn_worker.UvicornWorker"
threads = 1
timeout = 30
graceful_timeout = 30
keepalive = 5
max_requests = 1_000
max_requests_jitter = max_requests // 10
preload_app = True
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s '
    '"%(f)s" "%(a)s" %(M)sms'
)
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

if os.environ.get("ENV") == "development":
    reload = True
    loglevel = "debug"
else:
    reload = False

raw_env = [f"APP_HOME={BASE_DIR}", "TZ=UTC"]
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

def on_starting(server):
    server.log.info("starting")

def post_fork(server, worker):
    from app.db import engine
    engine.dispose()

worker_exit = lambda server, worker: server.log.info("bye %s", worker.pid)
`;

test('a production config', () => {
  const text = PRODUCTION;
  const { model } = parse(text);
  const byName = (name: string) => model.assignments.filter((a) => a.name === name);
  assert.deepEqual(model.syntaxErrors, []);
  assert.deepEqual(
    model.imports.map((i) => i.module),
    ['multiprocessing', 'os', 'pathlib'],
  );

  const bind = byName('bind')[0].value.value;
  assert.ok(bind.kind === 'env' && bind.variable === 'GUNICORN_BIND' && bind.fallback?.value.kind === 'string');
  const workers = byName('workers')[0].value.value;
  assert.ok(workers.kind === 'env' && workers.variable === 'WEB_CONCURRENCY');
  assert.ok(workers.fallback?.value.kind === 'unknown' && workers.fallback.value.calls.includes('multiprocessing.cpu_count'));
  assert.deepEqual(byName('max_requests')[0].value.value, { kind: 'int', value: 1000 });
  assert.equal(byName('max_requests_jitter')[0].value.value.kind, 'unknown');
  const format = byName('access_log_format')[0].value.value;
  assert.ok(format.kind === 'string' && format.value.endsWith('%(M)sms') && format.value.includes('"%(a)s"'));

  const [levelDefault, levelDev] = byName('loglevel');
  assert.equal(levelDefault.value.value.kind, 'unknown');
  assert.deepEqual(levelDev.value.value, { kind: 'string', value: 'debug' });
  assert.equal(areAlternatives(levelDefault.branch, levelDev.branch), false);
  const [reloadDev, reloadElse] = byName('reload');
  assert.ok(areAlternatives(reloadDev.branch, reloadElse.branch));
  assert.equal(reloadDev.branch[0].condition, 'os.environ.get("ENV") == "development"');

  const rawEnv = byName('raw_env')[0].value.value;
  assert.ok(rawEnv.kind === 'list' && rawEnv.items[0].value.kind === 'unknown' && rawEnv.items[1].value.kind === 'string');
  assert.equal(byName('secure_scheme_headers')[0].value.value.kind, 'dict');

  assert.deepEqual(
    model.functions.map((f) => f.name),
    ['on_starting', 'post_fork'],
  );
  assert.deepEqual(
    model.functions[1].calls.map((c) => c.callee),
    ['engine.dispose'],
  );
  const exit = byName('worker_exit')[0].value.value;
  assert.ok(exit.kind === 'function' && exit.params.map((p) => p.name).join() === 'server,worker');
  assert.deepEqual(
    model.moduleCalls.map((c) => c.callee),
    [
      'Path(__file__).resolve',
      'Path',
      'os.getenv',
      'int',
      'os.environ.get',
      'multiprocessing.cpu_count',
      'os.environ.get("LOG_LEVEL","info").lower',
      'os.environ.get',
      'os.environ.get',
    ],
  );
  // Every range names the text it claims to.
  for (const assignment of model.assignments) {
    assert.equal(text.slice(assignment.nameRange.start, assignment.nameRange.end), assignment.name);
  }
});

test('a Django-style config with try/except imports and a hook referenced by name', () => {
  const text = [
    'try:',
    '    import gevent  # noqa',
    '    worker_class = "gevent"',
    '    worker_connections = 1000',
    'except ImportError:',
    '    worker_class = "gthread"',
    '    threads = 4',
    '',
    'def _when_ready(server):',
    '    open("/tmp/ready", "w").close()',
    '',
    'when_ready = _when_ready',
    'pidfile = None',
    'umask = 0o007',
    'user, group = "www-data", "www-data"',
  ].join('\n');
  const { model } = parse(text);
  const classes = model.assignments.filter((a) => a.name === 'worker_class');
  assert.equal(classes.length, 2);
  assert.equal(classes[1].branch[0].condition, 'except ImportError');
  assert.equal(areAlternatives(classes[0].branch, classes[1].branch), false);
  const whenReady = model.assignments.find((a) => a.name === 'when_ready')!.value.value;
  assert.ok(whenReady.kind === 'function' && whenReady.definition?.name === '_when_ready');
  assert.deepEqual(
    whenReady.definition?.calls.map((c) => c.callee),
    ['open("/tmp/ready","w").close', 'open'],
  );
  assert.deepEqual(model.assignments.find((a) => a.name === 'umask')!.value.value, { kind: 'int', value: 7 });
  const user = model.assignments.find((a) => a.name === 'user')!;
  assert.ok(user.multiTarget);
  assert.deepEqual(user.value.value, { kind: 'string', value: 'www-data' });
  assert.equal(text.slice(user.value.range.start, user.value.range.end), '"www-data"');
});
