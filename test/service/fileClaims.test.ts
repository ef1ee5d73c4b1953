/**
 * Which files the service reads: by name, by their first bytes where the name is ambiguous, and the configs a
 * gunicorn command line names with `-c` whatever their names (issue 9, item 3).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileStat } from '../../server/src/service/fileSystem';
import { LanguageService } from '../../server/src/service/languageService';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const ROOT = '/ws';
const NGINX_SITE = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n';
const SUPERVISOR = '[program:app]\ncommand=/srv/venv/bin/gunicorn app:app\n';
const CONFIG = 'bind = "127.0.0.1:8000"\nworkers = "many"\n';
const RUNNER = 'from gunicorn.app.base import BaseApplication\n\nclass App(BaseApplication):\n    def load(self):\n        return app\n';

/** A memory disk that counts how often each file's head is read. */
class CountingDisk extends MemoryFileSystem {
  readonly heads = new Map<string, number>();
  readHead(file: string, bytes: number): string | undefined {
    this.heads.set(file, (this.heads.get(file) ?? 0) + 1);
    return this.readFile(file)?.slice(0, bytes);
  }
  override stat(file: string): FileStat | undefined {
    const stat = super.stat(file);
    return stat && { ...stat, mtimeMs: 1 };
  }
}

async function service(files: Record<string, string>): Promise<{ service: LanguageService; disk: CountingDisk }> {
  const disk = new CountingDisk(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${ROOT}/${name}`, text])));
  return { service: await LanguageService.create({ root: ROOT, fs: disk }), disk };
}

test('nginx configs named freely are claimed by their names, whatever their content', async () => {
  const { service: s } = await service({});
  for (const name of ['nginx-site.conf', 'site_nginx.conf', 'nginx.docker.conf', 'deploy/app.nginx.conf', 'sites-available/app']) {
    assert.equal(s.languageOf(`${ROOT}/${name}`), 'nginx', name);
  }
  for (const name of ['mynginx.conf', 'nginx.txt', 'docs/nginx.md']) assert.equal(s.languageOf(`${ROOT}/${name}`), undefined, name);
});

test('an ambiguous .conf or an extensionless file under nginx/ is nginx when its first bytes are', async () => {
  const { service: s } = await service({
    'deploy/app.conf': NGINX_SITE,
    'deploy/supervisor.conf': SUPERVISOR,
    'nginx/default': NGINX_SITE,
    'nginx/NOTES': 'The site below is copied to /etc/nginx/conf.d on deploy.\nAsk ops before changing it.\n',
    'sites-templates/app': 'location /static/ { alias /srv/static/; }\n',
    'app.service.d/override.conf': '[Service]\nTimeoutStopSec=30\n',
  });
  assert.equal(s.languageOf(`${ROOT}/deploy/app.conf`), 'nginx');
  assert.notEqual(s.languageOf(`${ROOT}/deploy/supervisor.conf`), 'nginx', 'a supervisord section is not nginx');
  assert.equal(s.languageOf(`${ROOT}/nginx/default`), 'nginx');
  assert.notEqual(s.languageOf(`${ROOT}/nginx/NOTES`), 'nginx', 'prose is not nginx');
  assert.equal(s.languageOf(`${ROOT}/sites-templates/app`), 'nginx');
  assert.equal(s.languageOf(`${ROOT}/app.service.d/override.conf`), 'systemd-unit-file');
  // Claimed by content means analysed like any nginx file.
  assert.ok(s.diagnostics(`${ROOT}/deploy/app.conf`).some((d) => d.code === 'nginx/proxy-headers'));
});

test('gunicorn configs named freely: by name, and gunicorn.py / gunicorn.conf by their content', async () => {
  const { service: s } = await service({
    'gunicorn.py': CONFIG,
    'runner/gunicorn.py': RUNNER,
    'etc/gunicorn.conf': CONFIG,
    'supervisor/gunicorn.conf': SUPERVISOR,
  });
  for (const name of ['gunicorn_config.py', 'gunicorn.docker.conf.py', 'gunicorn.conf.py', 'deploy/gunicorn-cfg.py']) {
    assert.equal(s.languageOf(`${ROOT}/${name}`), 'python', name);
  }
  assert.equal(s.languageOf(`${ROOT}/gunicorn.py`), 'python');
  assert.equal(s.languageOf(`${ROOT}/runner/gunicorn.py`), undefined, 'a BaseApplication runner is an app module');
  assert.equal(s.languageOf(`${ROOT}/etc/gunicorn.conf`), 'python');
  assert.notEqual(s.languageOf(`${ROOT}/supervisor/gunicorn.conf`), 'python', 'a supervisord section is not a gunicorn config');
  assert.ok(s.diagnostics(`${ROOT}/etc/gunicorn.conf`).some((d) => d.code === 'gunicorn/invalid-value'));
});

test('first bytes are read once per file while it is unchanged, and never for names that settle the format', async () => {
  const { service: s, disk } = await service({ 'deploy/app.conf': NGINX_SITE, 'app.py': 'app = None\n', 'nginx.conf': NGINX_SITE });
  for (let i = 0; i < 3; i++) {
    s.managedFiles();
    s.languageOf(`${ROOT}/deploy/app.conf`);
    s.filesChanged([`${ROOT}/app.py`]);
  }
  assert.equal(disk.heads.get(`${ROOT}/deploy/app.conf`), 1);
  for (const [file, count] of disk.heads) assert.equal(count, 1, file);
  // gunicorn claims by name before any format looks inside (formats are asked in order).
  const config = await service({ 'gunicorn.conf.py': CONFIG });
  config.service.managedFiles();
  assert.equal(config.disk.heads.get(`${ROOT}/gunicorn.conf.py`), undefined);
  // A change on disk is read again.
  s.filesChanged([`${ROOT}/deploy/app.conf`]);
  s.languageOf(`${ROOT}/deploy/app.conf`);
  assert.equal(disk.heads.get(`${ROOT}/deploy/app.conf`), 2);
});

test('the file a command line names with -c is a gunicorn config, whatever its name (pipenv run like poetry run)', async () => {
  const { service: s } = await service({
    'deploy/app.service': '[Service]\nUser=app\nWorkingDirectory=/srv/app\nExecStart=/usr/bin/pipenv run gunicorn -c deploy/settings.cfg app:app\n',
    'deploy/settings.cfg': 'workers = "many"\ntimeout = 30\n',
    'app.py': 'app = None\n',
  });
  const config = `${ROOT}/deploy/settings.cfg`;
  assert.ok(s.managedFiles().includes(config), 'listed among the files to lint');
  assert.equal(s.languageOf(config), 'python');
  assert.ok(
    s.diagnostics(config).some((d) => d.code === 'gunicorn/invalid-value'),
    'the config checks run on it',
  );
  const hover = s.hover(config, { line: 1, character: 2 });
  assert.match(JSON.stringify(hover), /timeout/i, 'hover works on it');
});

test('pipenv run gunicorn in ExecStart= is read like poetry run', async () => {
  for (const wrapper of ['pipenv run', 'poetry run']) {
    const { service: s } = await service({
      'app.service': `[Service]\nUser=app\nExecStart=/usr/bin/${wrapper} gunicorn --workers many app:app\n`,
    });
    const codes = s.diagnostics(`${ROOT}/app.service`).map((d) => d.code);
    assert.ok(codes.includes('gunicorn/invalid-value'), `${wrapper}: ${codes.join(', ')}`);
  }
});

test('a file named explicitly is claimed by its content alone, or not at all', async () => {
  const { service: s } = await service({ mysite: NGINX_SITE, 'prod-settings': CONFIG, README: 'Deploy with care.\n' });
  assert.equal(s.claimExplicitly(`${ROOT}/mysite`), 'nginx');
  assert.equal(s.claimExplicitly(`${ROOT}/prod-settings`), 'python');
  assert.equal(s.claimExplicitly(`${ROOT}/README`), undefined);
  assert.ok(s.diagnostics(`${ROOT}/mysite`).some((d) => d.code === 'nginx/proxy-headers'));
});
