/**
 * gunicorn's default bind (127.0.0.1:8000) in a container reached from outside: reported where the container's whole
 * environment is in the workspace and has no PORT, quiet wherever PORT may be set by something the workspace does not
 * show, and never for hosts that are not containers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { LanguageService } from '../../server/src/service/languageService';

const WSGI = 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n';
const DOCKERFILE = (base: string) =>
  `FROM ${base}\nWORKDIR /app\nCOPY . .\nUSER nobody\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "myapp.wsgi:application"]\n`;

function compose(service: string): string {
  return `services:\n  web:\n${service}    command: gunicorn --workers 3 myapp.wsgi:application\n    ports:\n      - "8080:8000"\n`;
}

async function bindFindings(files: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-default-bind-'));
  try {
    for (const [name, text] of Object.entries({ 'myapp/__init__.py': '', 'myapp/wsgi.py': WSGI, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const service = await LanguageService.create({ root: dir });
    return service
      .managedFiles()
      .flatMap((file) => service.findings(file).map(({ finding }) => ({ file, finding })))
      .filter(({ finding }) => finding.rule === 'deploy/bind-mismatch')
      .map(({ file, finding }) => `${path.relative(dir, file)}: ${finding.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('gunicorn default bind in containers', () => {
  test('an image built here from an official base, port published: reported as the default', async () => {
    const found = await bindFindings({ Dockerfile: DOCKERFILE('python:3.12-slim'), 'compose.yaml': compose('    build: .\n') });
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^compose\.yaml: gunicorn binds 127\.0\.0\.1:8000 \(gunicorn's default/);
    assert.match(found[0], /Bind 0\.0\.0\.0:8000/);
  });

  for (const [name, files] of [
    [
      'PORT passed through from the shell',
      { Dockerfile: DOCKERFILE('python:3.12-slim'), 'compose.yaml': compose('    build: .\n    environment:\n      - PORT\n') },
    ],
    [
      'ENV PORT in the image',
      { Dockerfile: DOCKERFILE('python:3.12-slim').replace('WORKDIR', 'ENV PORT=8000\nWORKDIR'), 'compose.yaml': compose('    build: .\n') },
    ],
    ['a company base image', { Dockerfile: DOCKERFILE('registry.example.com/base/python:3.12'), 'compose.yaml': compose('    build: .\n') }],
    ['a registry image, not built here', { 'compose.yaml': compose('    image: registry.example.com/myapp:1.4\n') }],
    ['env_file', { Dockerfile: DOCKERFILE('python:3.12-slim'), 'compose.yaml': compose('    build: .\n    env_file: .env\n') }],
    [
      'a config that sets names dynamically',
      {
        Dockerfile: DOCKERFILE('python:3.12-slim'),
        'gunicorn.conf.py':
          'import os\n\nfor key, value in os.environ.items():\n    if key.startswith("GUNICORN_"):\n        locals()[key[9:].lower()] = value\n',
        'compose.yaml': compose('    build: .\n'),
      },
    ],
    ['a Procfile (the platform sets PORT)', { Procfile: 'web: gunicorn --workers 3 myapp.wsgi:application\n' }],
  ] as const) {
    test(`quiet: ${name}`, async () => {
      assert.deepEqual(await bindFindings(files), []);
    });
  }
});
