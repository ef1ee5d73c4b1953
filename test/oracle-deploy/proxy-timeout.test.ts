/**
 * Oracle for deploy/proxy-timeout: gunicorn lets a request run up to `timeout = 5` seconds, but the nginx site in
 * front of it (conf.d/*.conf, included from nginx.conf's `http {}`) gives up after `proxy_read_timeout 1s`. A route
 * that takes 2 s is a 504 from the real nginx although gunicorn answers it; after our fix (nginx waits as long as
 * gunicorn) `nginx -t` accepts the config and, reloaded, nginx answers 200.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  accepts,
  applyFixOnDisk,
  describeFindings,
  findingsOf,
  firstFix,
  freePort,
  get,
  logFile,
  lintService,
  makeDeployment,
  nginxMainConfig,
  nginxTest,
  reloadNginx,
  removeDeployment,
  requireOracles,
  show,
  startGunicorn,
  startNginx,
  stop,
  waitUntil,
  writeFiles,
  type Running,
} from './harness';

const RULE = 'deploy/proxy-timeout';
const SLOW_SECONDS = 2;

const APP = `import time


def app(environ, start_response):
    if environ["PATH_INFO"] == "/report":
        time.sleep(${SLOW_SECONDS})  # a slow report: well inside gunicorn's timeout
        body = b"report ready\\n"
    else:
        body = b"ok\\n"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
`;

function gunicornConfig(port: number): string {
  return `bind = "127.0.0.1:${port}"
workers = 2
timeout = 5
wsgi_app = "app:app"
`;
}

function site(port: number, upstreamPort: number): string {
  return `server {
    listen 127.0.0.1:${port};
    server_name reports.example.test;

    location / {
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_connect_timeout 1s;
        proxy_read_timeout 1s;
        proxy_pass http://127.0.0.1:${upstreamPort};
    }
}
`;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

test('nginx gives up before gunicorn does: 504 on a slow route, and 200 after our fix', { timeout: 90_000 }, async (t) => {
  if (!requireOracles(t, { gunicorn: true, nginx: true })) return;
  const port = await freePort();
  const upstreamPort = await freePort();
  assert.notEqual(port, upstreamPort);
  let dir: string | undefined;
  let gunicorn: Running | undefined;
  let nginx: Running | undefined;
  try {
    dir = makeDeployment('oracle-timeout-', {
      'app.py': APP,
      'gunicorn.conf.py': gunicornConfig(upstreamPort),
      'conf.d/reports.conf': site(port, upstreamPort),
    });
    const deployment = dir;
    writeFiles(deployment, { 'nginx.conf': nginxMainConfig(deployment, 'conf.d/*.conf') });
    const siteFile = path.join(deployment, 'conf.d', 'reports.conf');

    // The real programs: gunicorn answers the slow route itself, nginx in front of it returns 504.
    const checked = nginxTest(deployment);
    assert.equal(checked.status, 0, `nginx -t refused the starting config:\n${checked.output}`);
    gunicorn = startGunicorn(deployment);
    await waitUntil('gunicorn port', () => accepts({ port: upstreamPort }), 15_000, gunicorn);
    const direct = await timed(() => get({ port: upstreamPort }, '/report', 5000));
    assert.equal(direct.value.status, 200, `gunicorn itself answers /report: ${direct.value.body}`);
    nginx = startNginx(deployment);
    await waitUntil('nginx port', () => accepts({ port }), 10_000, nginx);
    const quick = await get({ port }, '/');
    assert.equal(quick.status, 200, `nginx reaches gunicorn on a quick route: ${quick.status} ${quick.body}`);
    const before = await timed(() => get({ port }, '/report', 5000));
    t.diagnostic(
      `before the fix: gunicorn direct /report -> ${direct.value.status} in ${direct.ms} ms; through nginx / -> ${quick.status}, /report -> ${before.value.status} in ${before.ms} ms`,
    );
    assert.equal(before.value.status, 504, `expected 504 from nginx, got ${before.value.status}: ${before.value.body}`);
    const errorLog = fs.readFileSync(path.join(deployment, 'error.log'), 'utf8');
    assert.match(errorLog, /upstream timed out/, `nginx's error log does not say the upstream timed out:\n${errorLog}`);

    // Our linter sees it, on nginx's timeout.
    const service = await lintService(deployment);
    const found = findingsOf(service, siteFile, RULE);
    assert.ok(found.length >= 1, `${RULE} not reported on conf.d/reports.conf; findings:\n${describeFindings(service, service.managedFiles())}`);
    const entry = firstFix(service, siteFile, RULE);
    assert.ok(entry, `${RULE} offers no fix`);
    t.diagnostic(`finding: ${entry.finding.message}`);
    t.diagnostic(`fix: ${entry.fix.title}`);

    const changed = applyFixOnDisk(siteFile, entry.fix);
    for (const file of changed) logFile(t, 'after our fix,', file);
    service.filesChanged(changed);
    assert.deepEqual(findingsOf(service, siteFile, RULE), [], `still reported after the fix:\n${show(siteFile)}`);
    const fresh = await lintService(deployment);
    assert.deepEqual(findingsOf(fresh, siteFile, RULE), [], `a new service still reports it after the fix:\n${show(siteFile)}`);

    const fixedCheck = nginxTest(deployment);
    assert.equal(fixedCheck.status, 0, `nginx -t refuses our fix:\n${fixedCheck.output}\n${show(siteFile)}`);
    const reloaded = await reloadNginx(deployment, nginx);
    assert.equal(reloaded.status, 0, `nginx -s reload failed: ${reloaded.output}`);
    const after = await timed(() => get({ port }, '/report', 8000));
    t.diagnostic(`after the fix: nginx -t -> ${fixedCheck.status}; /report through nginx -> ${after.value.status} in ${after.ms} ms`);
    assert.equal(after.value.status, 200, `expected 200 after the fix, got ${after.value.status}: ${after.value.body}\n${show(siteFile)}`);
    assert.equal(after.value.body, 'report ready\n');
  } finally {
    await stop(nginx);
    await stop(gunicorn);
    removeDeployment(dir);
  }
});
