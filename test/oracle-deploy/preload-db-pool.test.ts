/**
 * Oracle for gunicorn/preload-db-pool: Debian's gunicorn 20.1 with `preload_app = True` imports the app in the
 * master, so a connection the app opens at import sits in the SQLAlchemy pool that every forked worker inherits.
 * The app records which pid created each DBAPI connection and answers with its own pid and the creator of the
 * connection it checked out. Before our fix the workers use the master's connection (one SQLite handle -- a socket,
 * with a server database -- shared by several processes); after our fix (a post_fork hook disposing the inherited
 * pool) every worker uses a connection it made itself.
 *
 * SQLAlchemy 1.4 gives a SQLite file a NullPool; the app asks for a QueuePool, the pool a server database
 * (PostgreSQL, MySQL) gets by default, so this small file database behaves like the real thing.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { freePort, get, requireOracles, startGunicorn, stop, waitUntil, writeFiles, type Running } from './harness';
import { inDeployment, lintAndFix } from './support';

const RULE = 'gunicorn/preload-db-pool';
const WORKERS = 3;

const APP = `import json
import os
import time

from sqlalchemy import create_engine, event, text
from sqlalchemy.pool import QueuePool

HERE = os.path.dirname(os.path.abspath(__file__))

engine = create_engine("sqlite:///" + os.path.join(HERE, "app.db"), poolclass=QueuePool, pool_size=5)


@event.listens_for(engine, "connect")
def remember_creator(dbapi_connection, connection_record):
    connection_record.info["creator_pid"] = os.getpid()


# Runs at import: with preload_app, in the gunicorn master, before any worker is forked.
with engine.begin() as connection:
    connection.execute(text("CREATE TABLE IF NOT EXISTS hits (pid INTEGER)"))


def app(environ, start_response):
    with engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM hits"))
        creator = connection.connection.info["creator_pid"]
    time.sleep(0.05)
    body = json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "creator": creator}).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
`;

function config(port: number): string {
  return `# Gunicorn settings for the shop app.
bind = "127.0.0.1:${port}"
workers = ${WORKERS}
worker_class = "sync"
preload_app = True
wsgi_app = "app:app"
timeout = 30
`;
}

interface Answer {
  pid: number;
  ppid: number;
  creator: number;
}

/** 30 requests, 10 at a time (the app holds each ~50 ms, so the idle workers pick up the others). */
async function askWorkers(port: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let batch = 0; batch < 3; batch++) {
    const responses = await Promise.all(Array.from({ length: 10 }, () => get({ port }, '/', 5000)));
    for (const response of responses) {
      assert.equal(response.status, 200, `gunicorn answered ${response.status}: ${response.body}`);
      answers.push(JSON.parse(response.body) as Answer);
    }
  }
  return answers;
}

async function runGunicorn(dir: string, port: number, what: (gunicorn: Running) => Promise<void>): Promise<void> {
  const gunicorn = startGunicorn(dir);
  try {
    // The master binds first; wait until every worker has booted so that the requests spread over all of them.
    await waitUntil(`${WORKERS} gunicorn workers`, () => (gunicorn.output().match(/Booting worker with pid/g) ?? []).length >= WORKERS, 15_000, gunicorn);
    await what(gunicorn);
  } finally {
    await stop(gunicorn);
  }
}

function summary(answers: Answer[]): string {
  const byWorker = new Map<number, Set<number>>();
  for (const answer of answers) byWorker.set(answer.pid, (byWorker.get(answer.pid) ?? new Set()).add(answer.creator));
  return [...byWorker].map(([pid, creators]) => `worker ${pid} used connections made by ${[...creators].join(', ')}`).join('; ');
}

test('preload_app + a SQLAlchemy engine made at import: workers share the master connection until our post_fork fix', { timeout: 90_000 }, async (t) => {
  if (!requireOracles(t, { gunicorn: true, sqlalchemy: true })) return;
  const port = await freePort();
  await inDeployment('oracle-preload-', async (deployment) => {
    writeFiles(deployment, {
      'app.py': APP,
      'gunicorn.conf.py': config(port),
      'requirements.txt': 'gunicorn==20.1.0\nSQLAlchemy==1.4.46\n',
    });
    const conf = path.join(deployment, 'gunicorn.conf.py');

    // The failure, with the real gunicorn: workers check out the connection the master created at import.
    await runGunicorn(deployment, port, async (gunicorn) => {
      const answers = await askWorkers(port);
      const master = gunicorn.pid;
      t.diagnostic(`before the fix: master ${master}; ${summary(answers)}`);
      for (const answer of answers) assert.equal(answer.ppid, master, `a worker whose parent is not the master: ${JSON.stringify(answer)}`);
      const sharing = new Set(answers.filter((a) => a.creator === master && a.pid !== master).map((a) => a.pid));
      assert.ok(sharing.size >= 1, `no worker used the master's connection (${summary(answers)}): the scenario does not reproduce`);
      const workers = new Set(answers.map((a) => a.pid));
      assert.ok(workers.size >= 2, `only one worker answered (${summary(answers)})`);
      t.diagnostic(`before the fix: ${sharing.size} of ${workers.size} workers used a connection created by the master ${master}`);
    });

    // Our linter sees it; our fix, applied as the editor applies it; then our linter is content, through the same
    // service and a new one.
    await lintAndFix(t, deployment, conf, RULE);

    // The real gunicorn again: each worker's connection is its own.
    await runGunicorn(deployment, port, async (gunicorn) => {
      const answers = await askWorkers(port);
      const master = gunicorn.pid;
      t.diagnostic(`after the fix: master ${master}; ${summary(answers)}`);
      for (const answer of answers) {
        assert.equal(answer.ppid, master, `a worker whose parent is not the master: ${JSON.stringify(answer)}`);
        assert.equal(answer.creator, answer.pid, `worker ${answer.pid} used a connection created by ${answer.creator} (master ${master})`);
      }
    });
  });
});
