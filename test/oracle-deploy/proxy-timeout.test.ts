/**
 * Oracle for deploy/proxy-timeout: gunicorn lets a request run up to `timeout = 5` seconds, but the nginx site in
 * front of it (conf.d/*.conf, included from nginx.conf's `http {}`) gives up after `proxy_read_timeout 1s`. A route
 * that takes 2 s is a 504 from the real nginx although gunicorn answers it; after our fix (nginx waits as long as
 * gunicorn) `nginx -t` accepts the config and, reloaded, nginx answers 200. Twice: with the timeout in the one
 * location, and on the server where two locations inherit it (the fix must change it there, or /api/ stays a 504).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { accepts, freePort, get, nginxMainConfig, requireOracles, show, startGunicorn, waitUntil, writeFiles } from './harness';
import { assertNginxAccepts, inDeployment, lintAndFix, reloadFixedNginx, startNginxOn } from './support';

const RULE = 'deploy/proxy-timeout';
const SLOW_SECONDS = 2;

const APP = `import time


def app(environ, start_response):
    if environ["PATH_INFO"].endswith("/report"):
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

/** The site as first written: `proxy_read_timeout 1s` in the one location. */
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

/**
 * `proxy_read_timeout 1s` on the server, inherited by two locations: both findings sit on that one directive, so
 * the fix must change it there (a copy in `location /` would leave /api/ at 1 s).
 */
function serverLevelSite(port: number, upstreamPort: number): string {
  return `server {
    listen 127.0.0.1:${port};
    server_name reports.example.test;
    proxy_read_timeout 1s;

    location / {
        proxy_set_header Host $host;
        proxy_pass http://127.0.0.1:${upstreamPort};
    }

    location /api/ {
        proxy_set_header Host $host;
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

const VARIANTS = [
  { name: 'nginx gives up before gunicorn does: 504 on a slow route, and 200 after our fix', site, routes: ['/report'] },
  {
    name: 'a server-level proxy_read_timeout two locations inherit: 504 on both slow routes, and 200 on both after our fix',
    site: serverLevelSite,
    routes: ['/report', '/api/report'],
  },
];

for (const variant of VARIANTS) {
  test(variant.name, { timeout: 90_000 }, async (t) => {
    if (!requireOracles(t, { gunicorn: true, nginx: true })) return;
    const port = await freePort();
    const upstreamPort = await freePort();
    assert.notEqual(port, upstreamPort);
    await inDeployment('oracle-timeout-', async (deployment, keep) => {
      writeFiles(deployment, {
        'app.py': APP,
        'gunicorn.conf.py': gunicornConfig(upstreamPort),
        'conf.d/reports.conf': variant.site(port, upstreamPort),
        'nginx.conf': nginxMainConfig(deployment, 'conf.d/*.conf'),
      });
      const siteFile = path.join(deployment, 'conf.d', 'reports.conf');

      // The real programs: gunicorn answers the slow route itself, nginx in front of it returns 504.
      assertNginxAccepts(deployment, 'the starting config');
      const gunicorn = keep(startGunicorn(deployment));
      await waitUntil('gunicorn port', () => accepts({ port: upstreamPort }), 15_000, gunicorn);
      const direct = await timed(() => get({ port: upstreamPort }, '/report', 5000));
      assert.equal(direct.value.status, 200, `gunicorn itself answers /report: ${direct.value.body}`);
      const nginx = keep(await startNginxOn(deployment, port));
      const quick = await get({ port }, '/');
      assert.equal(quick.status, 200, `nginx reaches gunicorn on a quick route: ${quick.status} ${quick.body}`);
      for (const route of variant.routes) {
        const before = await timed(() => get({ port }, route, 5000));
        t.diagnostic(
          `before the fix: gunicorn direct /report -> ${direct.value.status} in ${direct.ms} ms; through nginx / -> ${quick.status}, ${route} -> ${before.value.status} in ${before.ms} ms`,
        );
        assert.equal(before.value.status, 504, `expected 504 from nginx, got ${before.value.status}: ${before.value.body}`);
      }
      const errorLog = fs.readFileSync(path.join(deployment, 'error.log'), 'utf8');
      assert.match(errorLog, /upstream timed out/, `nginx's error log does not say the upstream timed out:\n${errorLog}`);

      // Our linter sees it, on nginx's timeout, and our fix leaves nothing to report.
      await lintAndFix(t, deployment, siteFile, RULE);

      await reloadFixedNginx(deployment, nginx, siteFile);
      for (const route of variant.routes) {
        const after = await timed(() => get({ port }, route, 8000));
        t.diagnostic(`after the fix: nginx -t accepts it; ${route} through nginx -> ${after.value.status} in ${after.ms} ms`);
        assert.equal(after.value.status, 200, `expected 200 after the fix, got ${after.value.status}: ${after.value.body}\n${show(siteFile)}`);
        assert.equal(after.value.body, 'report ready\n');
      }
    });
  });
}
