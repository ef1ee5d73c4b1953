/**
 * The CLI's lazy service initialises only the formats a run needs (issue 12: cold start). It initialises them before
 * the deployment model's first read, so the model is built once per run; a model read before a grammar was there is
 * still thrown away and built again with it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { LanguageService } from '../../server/src/service/languageService';

const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A Procfile starting gunicorn with a config whose name does not say gunicorn, and the app it loads. */
function deployment(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-lazy-'));
  made.push(dir);
  const files: Record<string, string> = {
    Procfile: 'web: gunicorn -c conf/settings.py myapp.wsgi:application\n',
    'conf/settings.py': 'workers = 2\ntimeout = 30\n',
    'myapp/__init__.py': '',
    'myapp/wsgi.py': 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b""]\n',
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const lazyService = (root: string) => LanguageService.create({ root, lazy: true });

test('formats initialised before the first read: the model is built once and sees the app and the -c config', async () => {
  const root = deployment();
  const service = await lazyService(root);
  await service.prepareFor(service.filesClaimedByName());
  const files = service.managedFiles();
  const model = service.deploymentModel();
  assert.ok(files.includes(path.join(root, 'conf/settings.py')), 'the -c config is claimed');
  assert.ok(files.includes(path.join(root, 'myapp/wsgi.py')), 'the app module was read through the Python grammar');
  assert.equal(service.languageOf(path.join(root, 'conf/settings.py')), 'python');
  // The CLI asks again with every managed file: nothing new to initialise, so the model stands.
  await service.prepareFor(files);
  assert.equal(service.deploymentModel(), model, 'the model was not built a second time');
});

test('a model read before a grammar was initialised is built again once it is', async () => {
  const root = deployment();
  const service = await lazyService(root);
  // (Whether the app is read now depends on whether another service of this process loaded the grammar.)
  const before = service.managedFiles();
  const model = service.deploymentModel();
  await service.prepareFor(before);
  assert.notEqual(service.deploymentModel(), model, 'the model was thrown away');
  assert.ok(service.managedFiles().includes(path.join(root, 'myapp/wsgi.py')), 'and read again with the grammar');
});
