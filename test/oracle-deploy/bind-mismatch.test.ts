/**
 * Oracle for deploy/bind-mismatch: gunicorn binds one unix socket, the nginx site (included from nginx.conf's
 * `http {}` as on Debian, `sites-enabled/*`) sends its upstream to another. The real nginx answers 502; after our
 * fix rewrites the nginx address, `nginx -t` accepts the config and, reloaded, nginx answers 200 from the app.
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

const RULE = 'deploy/bind-mismatch';

const APP = `def app(environ, start_response):
    body = b"hello from gunicorn\\n"
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
`;

function gunicornConfig(dir: string): string {
  return `bind = "unix:${dir}/app.sock"
workers = 2
wsgi_app = "app:app"
`;
}

/** The site as gunicorn's own deployment docs write it: an upstream with fail_timeout=0, proxy headers. */
function site(dir: string, port: number): string {
  return `upstream app_server {
    server unix:${dir}/other.sock fail_timeout=0;
}

server {
    listen 127.0.0.1:${port};
    server_name app.example.test;
    client_max_body_size 4G;
    keepalive_timeout 5;

    location / {
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Host $http_host;
        proxy_redirect off;
        proxy_pass http://app_server;
    }
}
`;
}

test('nginx proxies to a socket gunicorn does not bind: 502, and 200 after our fix', { timeout: 90_000 }, async (t) => {
  if (!requireOracles(t, { gunicorn: true, nginx: true })) return;
  const port = await freePort();
  let dir: string | undefined;
  let gunicorn: Running | undefined;
  let nginx: Running | undefined;
  try {
    dir = makeDeployment('oracle-bind-', {});
    const deployment = dir;
    writeFiles(deployment, {
      'app.py': APP,
      'gunicorn.conf.py': gunicornConfig(deployment),
      'nginx.conf': nginxMainConfig(deployment, 'sites-enabled/*'),
      'sites-enabled/app': site(deployment, port),
    });
    const siteFile = path.join(deployment, 'sites-enabled', 'app');
    const conf = path.join(deployment, 'gunicorn.conf.py');

    // The real programs: nginx accepts the config, gunicorn runs, and every request is a 502.
    const checked = nginxTest(deployment);
    assert.equal(checked.status, 0, `nginx -t refused the starting config:\n${checked.output}`);
    gunicorn = startGunicorn(deployment);
    const socket = path.join(deployment, 'app.sock');
    await waitUntil('gunicorn socket', () => accepts({ socketPath: socket }), 15_000, gunicorn);
    const direct = await get({ socketPath: socket }, '/');
    assert.equal(direct.status, 200, 'gunicorn itself answers on its socket');
    nginx = startNginx(deployment);
    await waitUntil('nginx port', () => accepts({ port }), 10_000, nginx);
    const before = await get({ port }, '/');
    t.diagnostic(`before the fix: GET / through nginx -> ${before.status}; gunicorn's own socket -> ${direct.status}`);
    assert.equal(before.status, 502, `expected 502 from nginx, got ${before.status}: ${before.body}`);
    const errorLog = fs.readFileSync(path.join(deployment, 'error.log'), 'utf8');
    assert.match(errorLog, /other\.sock/, `nginx's error log does not name the socket it failed to reach:\n${errorLog}`);
    t.diagnostic(`nginx error.log: ${/.*connect\(\) to .*/.exec(errorLog)?.[0] ?? errorLog.trim().split('\n').pop()}`);

    // Our linter sees it, on the nginx address.
    const service = await lintService(deployment);
    const found = findingsOf(service, siteFile, RULE);
    assert.ok(found.length >= 1, `${RULE} not reported on sites-enabled/app; findings:\n${describeFindings(service, service.managedFiles())}`);
    const entry = firstFix(service, siteFile, RULE);
    assert.ok(entry, `${RULE} offers no fix`);
    t.diagnostic(`finding: ${entry.finding.message}`);
    t.diagnostic(`fix: ${entry.fix.title}`);

    // Our fix edits nginx, not gunicorn.
    const gunicornBefore = fs.readFileSync(conf, 'utf8');
    const changed = applyFixOnDisk(siteFile, entry.fix);
    for (const file of changed) logFile(t, 'after our fix,', file);
    assert.equal(fs.readFileSync(conf, 'utf8'), gunicornBefore, 'the fix changed gunicorn.conf.py');
    service.filesChanged(changed);
    assert.deepEqual(findingsOf(service, siteFile, RULE), [], `still reported after the fix:\n${show(siteFile)}`);
    const fresh = await lintService(deployment);
    assert.deepEqual(findingsOf(fresh, siteFile, RULE), [], `a new service still reports it after the fix:\n${show(siteFile)}`);

    // nginx accepts the fixed config and, reloaded, reaches gunicorn.
    const fixedCheck = nginxTest(deployment);
    assert.equal(fixedCheck.status, 0, `nginx -t refuses our fix:\n${fixedCheck.output}\n${show(siteFile)}`);
    const reloaded = await reloadNginx(deployment, nginx);
    assert.equal(reloaded.status, 0, `nginx -s reload failed: ${reloaded.output}`);
    const after = await get({ port }, '/');
    t.diagnostic(`after the fix: nginx -t -> ${fixedCheck.status}; GET / through nginx -> ${after.status} ${JSON.stringify(after.body)}`);
    assert.equal(after.status, 200, `expected 200 after the fix, got ${after.status}: ${after.body}\n${show(siteFile)}`);
    assert.equal(after.body, 'hello from gunicorn\n');
  } finally {
    await stop(nginx);
    await stop(gunicorn);
    removeDeployment(dir);
  }
});
