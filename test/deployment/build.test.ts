/**
 * The deployment model built from real files: each test writes a small repository into a temporary folder, reads
 * it through the real WorkspaceProject and formats, and checks the linked facts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { withDefaults } from '../../server/src/core/settings';
import { buildModel } from '../../server/src/deployment/build';
import { collectFacts } from '../../server/src/deployment/hosts';
import type { DeploymentModel, Invocation } from '../../server/src/deployment/model';
import { nodeFileSystem } from '../../server/src/service/fileSystem';
import { FORMATS } from '../../server/src/service/formats';
import { WorkspaceProject } from '../../server/src/service/project';

let scratch: string;

before(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-model-'));
  for (const format of FORMATS) await format.init?.();
});

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

let counter = 0;
/** Writes the files into a fresh folder and builds its model. */
function modelOf(files: Record<string, string>): { model: DeploymentModel; root: string } {
  const root = path.join(scratch, `repo${counter++}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  const project = new WorkspaceProject(root, nodeFileSystem, withDefaults({}), FORMATS);
  const claimed = project.workspaceFiles().filter((file) => project.formatOf(file));
  return { model: buildModel(project, collectFacts(project, claimed)), root };
}

function only(model: DeploymentModel): Invocation {
  assert.equal(model.invocations.length, 1, `invocations: ${model.invocations.map((i) => i.id).join(', ')}`);
  return model.invocations[0];
}

const UNIT = (execStart: string, extra = '') =>
  `[Unit]\nDescription=app\n\n[Service]\nUser=app\n${extra}ExecStart=${execStart}\n\n[Install]\nWantedBy=multi-user.target\n`;

describe('deployment model from files', () => {
  test('a unit starts gunicorn with the config its -c names; the command line wins over the config', () => {
    const { model, root } = modelOf({
      'gunicorn.conf.py': 'workers = 2\ntimeout = 60\nbind = "unix:/run/app/app.sock"\n',
      'deploy/app.service': UNIT('/srv/app/.venv/bin/gunicorn -c /etc/app/gunicorn.conf.py --workers=4 app:app'),
    });
    const invocation = only(model);
    assert.equal(invocation.host, 'systemd');
    assert.equal(invocation.config?.path, path.join(root, 'gunicorn.conf.py'));
    const workers = invocation.settings.get('workers');
    assert.equal(workers?.source, 'command-line');
    assert.deepEqual(workers?.value, { known: true, value: 4 });
    assert.equal(workers?.overridden[0]?.source, 'config');
    assert.deepEqual(invocation.settings.get('timeout')?.value, { known: true, value: 60 });
    assert.deepEqual(
      invocation.binds.map((b) => b.endpoint.key),
      ['unix /run/app/app.sock'],
    );
    assert.equal(invocation.supervisor?.stopTimeout?.seconds, 90, 'systemd default');
    assert.equal(invocation.supervisor?.stopTimeout?.place, undefined);
  });

  test('GUNICORN_CMD_ARGS from an environment file sits between the config and the command line', () => {
    const { model, root } = modelOf({
      'gunicorn.conf.py': 'workers = 2\ntimeout = 30\nbind = "127.0.0.1:8000"\n',
      'deploy/app.env': 'GUNICORN_CMD_ARGS="--timeout 90 --workers 3"\n',
      'deploy/app.service': UNIT('/srv/app/.venv/bin/gunicorn -c /srv/app/gunicorn.conf.py -w 5 app:app', 'EnvironmentFile=/etc/app/app.env\n'),
    });
    const invocation = model.invocations.find((i) => i.host === 'systemd')!;
    const timeout = invocation.settings.get('timeout')!;
    assert.equal(timeout.source, 'env');
    assert.deepEqual(timeout.value, { known: true, value: 90 });
    assert.equal(timeout.place?.path, path.join(root, 'deploy/app.env'));
    assert.deepEqual(invocation.settings.get('workers')?.value, { known: true, value: 5 });
    assert.deepEqual(
      invocation.settings.get('workers')?.overridden.map((a) => a.source),
      ['env', 'config'],
    );
  });

  test('a config nothing starts stands for gunicorn -c that file; nginx reaches its wildcard bind over loopback', () => {
    const { model } = modelOf({
      'gunicorn.conf.py': 'bind = "0.0.0.0:8000"\n',
      'nginx/sites-available/app.conf': 'server {\n  listen 80;\n  location / {\n    proxy_pass http://127.0.0.1:8000;\n  }\n}\n',
    });
    const invocation = only(model);
    assert.equal(invocation.host, 'config');
    assert.equal(model.proxies.length, 1);
    assert.equal(model.deployments[0].proxies.length, 1, 'the proxy is linked');
  });

  test('an upstream in another file is followed to its servers; an unrelated port is not linked', () => {
    const { model } = modelOf({
      'gunicorn.conf.py': 'bind = ["127.0.0.1:8000"]\n',
      'nginx/conf.d/upstream.conf': 'upstream app {\n  server 127.0.0.1:8001;\n}\n',
      'nginx/sites-available/app.conf': 'server {\n  location / {\n    proxy_pass http://app;\n  }\n}\n',
    });
    assert.equal(model.proxies[0].upstream?.value, 'app');
    assert.deepEqual(
      model.proxies[0].endpoints.map((e) => e.value.key),
      ['4 127.0.0.1 8001'],
    );
    assert.equal(model.deployments[0].proxies.length, 0);
  });

  test('under socket activation gunicorn serves the sockets its .socket unit passes', () => {
    const { model } = modelOf({
      'deploy/app.socket': '[Socket]\nListenStream=/run/app.sock\nSocketUser=www-data\n\n[Install]\nWantedBy=sockets.target\n',
      'deploy/app.service': UNIT('/srv/app/.venv/bin/gunicorn --bind 127.0.0.1:9000 app:app', 'Requires=app.socket\n'),
      'nginx/sites-available/app.conf': 'server {\n  location / {\n    proxy_pass http://unix:/run/app.sock;\n  }\n}\n',
    });
    const invocation = only(model);
    assert.deepEqual(
      invocation.binds.map((b) => [b.endpoint.key, b.via]),
      [['unix /run/app.sock', 'systemd-socket']],
    );
    assert.equal(invocation.socketUnits[0]?.socketUser?.value, 'www-data');
    assert.equal(model.deployments[0].proxies.length, 1);
  });

  test('without -c, gunicorn.conf.py in the working directory is the config', () => {
    const { model, root } = modelOf({
      'myapp/gunicorn.conf.py': 'graceful_timeout = 120\n',
      'deploy/myapp.service': UNIT('/srv/myapp/.venv/bin/gunicorn myapp.wsgi:app', 'WorkingDirectory=/srv/myapp\nTimeoutStopSec=30\n'),
    });
    const invocation = only(model);
    assert.equal(invocation.workingDirectory?.workspaceFolder, path.join(root, 'myapp'));
    assert.equal(invocation.config?.path, path.join(root, 'myapp', 'gunicorn.conf.py'));
    assert.deepEqual(invocation.settings.get('graceful_timeout')?.value, { known: true, value: 120 });
    assert.equal(invocation.supervisor?.stopTimeout?.seconds, 30);
  });

  test('values from the environment or a call are unknown, never guessed', () => {
    const { model } = modelOf({
      'gunicorn.conf.py': 'import os, multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\ntimeout = int(os.environ.get("TIMEOUT", "30"))\n',
      'deploy/app.service': UNIT('/srv/app/.venv/bin/gunicorn -c gunicorn.conf.py -b $BIND app:app', 'WorkingDirectory=/srv/app\n'),
    });
    const invocation = only(model);
    assert.equal(invocation.settings.get('workers')?.value.known, false);
    assert.equal(invocation.settings.get('timeout')?.value.known, false);
    assert.equal(invocation.settings.get('bind')?.value.known, false);
    assert.deepEqual(invocation.binds, []);
  });

  test('a fragment inherits proxy_read_timeout from the one main config', () => {
    const { model } = modelOf({
      'nginx/nginx.conf': 'events {}\nhttp {\n  proxy_read_timeout 300s;\n  include sites-enabled/*;\n}\n',
      'nginx/sites-enabled/app.conf': 'server {\n  location / {\n    proxy_pass http://127.0.0.1:8000;\n  }\n}\n',
    });
    assert.equal(model.proxies.length, 1);
    assert.equal(model.proxies[0].readTimeout?.value, 300);
  });

  test('a unit beside other services takes the config of the folder its working directory names', () => {
    const { model, root } = modelOf({
      'services/api/gunicorn.conf.py': 'bind = "unix:/run/api/gunicorn.sock"\n',
      'services/web/gunicorn.conf.py': 'bind = "unix:/run/web/gunicorn.sock"\n',
      // The service's own package has the same name: it is the code, not a candidate working directory.
      'services/web/web/__init__.py': '',
      'services/web/web/wsgi.py': 'def application(environ, start_response):\n    pass\n',
      'ops/systemd/web.service': UNIT('/srv/web/.venv/bin/gunicorn -c /srv/web/gunicorn.conf.py web.wsgi', 'WorkingDirectory=/srv/web\n'),
    });
    const web = model.invocations.find((invocation) => invocation.host === 'systemd')!;
    assert.equal(web.config?.path, path.join(root, 'services/web/gunicorn.conf.py'));
    assert.deepEqual(
      web.binds.map((b) => b.endpoint.key),
      ['unix /run/web/gunicorn.sock'],
    );
    assert.deepEqual(
      model.invocations.filter((i) => i.host === 'config').map((i) => path.relative(root, i.hostPath)),
      ['services/api/gunicorn.conf.py'],
    );
  });

  test('two configs equally near a unit that names neither folder: no link rather than a guess', () => {
    const { model } = modelOf({
      'services/api/gunicorn.conf.py': 'bind = "unix:/run/api/gunicorn.sock"\n',
      'services/web/gunicorn.conf.py': 'bind = "unix:/run/web/gunicorn.sock"\n',
      'ops/systemd/app.service': UNIT('/opt/app/bin/gunicorn -c /etc/app/gunicorn.conf.py app.wsgi'),
    });
    const unit = model.invocations.find((invocation) => invocation.host === 'systemd')!;
    assert.equal(unit.config?.path, undefined);
    assert.equal(unit.config?.written?.value, '/etc/app/gunicorn.conf.py');
  });

  test('a Procfile web process runs gunicorn from its folder, with the config found there', () => {
    const { model, root } = modelOf({
      Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi --workers 3 --log-file -\n',
      'gunicorn.conf.py': 'timeout = 45\n',
      'mysite/__init__.py': '',
      'mysite/wsgi.py': 'from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n',
    });
    const web = only(model);
    assert.equal(web.host, 'procfile');
    assert.equal(web.supervisor?.name, 'web');
    assert.equal(web.config?.path, path.join(root, 'gunicorn.conf.py'));
    assert.deepEqual(web.settings.get('workers')?.value, { known: true, value: 3 });
    assert.deepEqual(web.settings.get('timeout')?.value, { known: true, value: 45 });
    assert.equal(web.app?.resolution, 'found');
    assert.equal(web.app?.kind?.value, 'wsgi');
  });

  test('a unit that runs something else is no gunicorn', () => {
    const { model } = modelOf({ 'deploy/worker.service': UNIT('/usr/bin/celery -A app worker') });
    assert.equal(model.invocations.length, 0);
  });
});

describe('proxies are linked on first use', () => {
  test('a workspace where nothing starts gunicorn still lists its proxy_passes when asked (the map draws them)', () => {
    const { model, root } = modelOf({
      'nginx/nginx.conf':
        'events {}\nhttp {\n    upstream app {\n        server unix:/run/app.sock;\n    }\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n',
    });
    assert.equal(model.invocations.length, 0);
    assert.equal(model.proxies.length, 1);
    const [proxy] = model.proxies;
    assert.equal(proxy.place.path, path.join(root, 'nginx/nginx.conf'));
    assert.equal(proxy.upstream?.value, 'app');
    assert.deepEqual(
      proxy.endpoints.map((endpoint) => endpoint.value.socketPath),
      ['/run/app.sock'],
    );
    assert.equal(model.proxies, model.proxies, 'linked once');
  });
});
