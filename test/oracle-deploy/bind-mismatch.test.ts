/**
 * Oracle for deploy/bind-mismatch: gunicorn binds one unix socket, the nginx site (included from nginx.conf's
 * `http {}` as on Debian, `sites-enabled/*`) sends its upstream to another. The real nginx answers 502; after our
 * fix rewrites the nginx address, `nginx -t` accepts the config and, reloaded, nginx answers 200 from the app.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { accepts, freePort, get, nginxMainConfig, requireOracles, show, startGunicorn, waitUntil, writeFiles } from './harness';
import { assertNginxAccepts, inDeployment, lintAndFix, reloadFixedNginx, startNginxOn } from './support';

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
  await inDeployment('oracle-bind-', async (deployment, keep) => {
    writeFiles(deployment, {
      'app.py': APP,
      'gunicorn.conf.py': gunicornConfig(deployment),
      'nginx.conf': nginxMainConfig(deployment, 'sites-enabled/*'),
      'sites-enabled/app': site(deployment, port),
    });
    const siteFile = path.join(deployment, 'sites-enabled', 'app');
    const conf = path.join(deployment, 'gunicorn.conf.py');

    // The real programs: nginx accepts the config, gunicorn runs, and every request is a 502.
    assertNginxAccepts(deployment, 'the starting config');
    const gunicorn = keep(startGunicorn(deployment));
    const socket = path.join(deployment, 'app.sock');
    await waitUntil('gunicorn socket', () => accepts({ socketPath: socket }), 15_000, gunicorn);
    const direct = await get({ socketPath: socket }, '/');
    assert.equal(direct.status, 200, 'gunicorn itself answers on its socket');
    const nginx = keep(await startNginxOn(deployment, port));
    const before = await get({ port }, '/');
    t.diagnostic(`before the fix: GET / through nginx -> ${before.status}; gunicorn's own socket -> ${direct.status}`);
    assert.equal(before.status, 502, `expected 502 from nginx, got ${before.status}: ${before.body}`);
    const errorLog = fs.readFileSync(path.join(deployment, 'error.log'), 'utf8');
    assert.match(errorLog, /other\.sock/, `nginx's error log does not name the socket it failed to reach:\n${errorLog}`);
    t.diagnostic(`nginx error.log: ${/.*connect\(\) to .*/.exec(errorLog)?.[0] ?? errorLog.trim().split('\n').pop()}`);

    // Our linter sees it, on the nginx address, and our fix edits nginx, not gunicorn.
    const gunicornBefore = fs.readFileSync(conf, 'utf8');
    await lintAndFix(t, deployment, siteFile, RULE);
    assert.equal(fs.readFileSync(conf, 'utf8'), gunicornBefore, 'the fix changed gunicorn.conf.py');

    // nginx accepts the fixed config and, reloaded, reaches gunicorn.
    await reloadFixedNginx(deployment, nginx, siteFile);
    const after = await get({ port }, '/');
    t.diagnostic(`after the fix: nginx -t accepts it; GET / through nginx -> ${after.status} ${JSON.stringify(after.body)}`);
    assert.equal(after.status, 200, `expected 200 after the fix, got ${after.status}: ${after.body}\n${show(siteFile)}`);
    assert.equal(after.body, 'hello from gunicorn\n');
  });
});
