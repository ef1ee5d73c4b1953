/**
 * The shell-script format: entrypoint and start scripts that start gunicorn are claimed by their first bytes, and
 * show the command-line findings, fixes, flag hover and completion on their gunicorn lines; any other script is not
 * claimed, and nothing of the shell itself is judged.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/findings';
import { isShellScriptPath, parseShellScript } from '../../server/src/formats/shellscript';
import { LanguageService } from '../../server/src/service/languageService';

const WSGI = 'def application(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n';

async function withWorkspace<T>(files: Record<string, string>, run: (service: LanguageService, dir: string) => T | Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-shellscript-'));
  try {
    for (const [name, text] of Object.entries({ 'myapp/__init__.py': '', 'myapp/wsgi.py': WSGI, ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return await run(await LanguageService.create({ root: dir }), dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function findingsIn(service: LanguageService, file: string, text: string): string[] {
  return service.findings(file).map(({ finding }) => `${finding.rule} ${text.slice(finding.range.start, finding.range.end)}`);
}

const SCRIPT = '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec gunicorn --wokers 3 myapp.wsgi:application\n';

test('a misspelt flag in an entrypoint script is reported on the flag, in the script', async () => {
  await withWorkspace({ 'docker-entrypoint.sh': SCRIPT }, (service, dir) => {
    const file = path.join(dir, 'docker-entrypoint.sh');
    assert.equal(service.languageOf(file), 'shellscript');
    assert.deepEqual(findingsIn(service, file, SCRIPT), ['gunicorn/unknown-option --wokers']);
  });
});

test('the clean twin reports nothing', async () => {
  const clean = SCRIPT.replace('--wokers', '--workers');
  await withWorkspace({ 'docker-entrypoint.sh': clean }, (service, dir) => {
    const file = path.join(dir, 'docker-entrypoint.sh');
    assert.equal(service.languageOf(file), 'shellscript');
    assert.deepEqual(findingsIn(service, file, clean), []);
  });
});

test('the fix is applied and the script re-checked; sh -n accepts the result', async () => {
  await withWorkspace({ 'docker-entrypoint.sh': SCRIPT }, (service, dir) => {
    const file = path.join(dir, 'docker-entrypoint.sh');
    const [first] = service.fixes(file);
    assert.ok(first, 'a fix is offered');
    const fixed = applyEdits(
      SCRIPT,
      first.fix.edits.filter((edit) => edit.path === undefined || edit.path === file),
    );
    assert.equal(fixed, SCRIPT.replace('--wokers', '--workers'));
    service.changeDocument(file, fixed, 2);
    assert.deepEqual(findingsIn(service, file, fixed), []);
    fs.writeFileSync(file, fixed);
    const syntax = spawnSync('sh', ['-n', file], { encoding: 'utf8' });
    assert.equal(syntax.status, 0, syntax.stderr);
  });
});

test('scripts that do not start gunicorn are not claimed, and no shell diagnostics are made', async () => {
  const other = '#!/bin/bash\nset -euo pipefail\nrm -rf build\nif [ $x = ]; then echo "no gunicorn here"; fi\n';
  const mentions = '#!/bin/sh\n# gunicorn is started by the Procfile\necho "starting gunicorn"\n';
  await withWorkspace({ 'build.sh': other, 'scripts/notes.sh': mentions, 'start.sh': '#!/bin/sh\nexec gunicorn myapp.wsgi:application\n' }, (service, dir) => {
    assert.equal(service.languageOf(path.join(dir, 'build.sh')), undefined);
    assert.equal(service.languageOf(path.join(dir, 'scripts/notes.sh')), undefined);
    assert.equal(service.languageOf(path.join(dir, 'start.sh')), 'shellscript');
    assert.deepEqual(service.findings(path.join(dir, 'start.sh')), []);
  });
});

test('names: *.sh, docker-entrypoint and entrypoint; nothing else', () => {
  for (const file of ['/w/docker-entrypoint.sh', '/w/bin/start.sh', '/w/docker-entrypoint', '/w/entrypoint']) assert.ok(isShellScriptPath(file), file);
  for (const file of ['/w/start', '/w/Procfile', '/w/entrypoint.py', '/w/run.bash']) assert.ok(!isShellScriptPath(file), file);
});

test('hover on a flag and completion of a flag in the script', async () => {
  const text = '#!/bin/sh\nexec gunicorn --workers 3 --time myapp.wsgi:application\n';
  await withWorkspace({ 'start.sh': text }, (service, dir) => {
    const file = path.join(dir, 'start.sh');
    const hover = service.hover(file, { line: 1, character: 17 });
    assert.match(JSON.stringify(hover?.contents ?? ''), /workers/i);
    const labels = service.completion(file, { line: 1, character: 32 }).map((item) => item.label);
    assert.ok(labels.includes('--timeout'), labels.join(' '));
  });
});

test('gunicorn lines: continuations, keywords, exec wrappers, several branches; offsets stay the file’s', () => {
  const text = [
    '#!/bin/bash',
    'if [ "$DEBUG" = 1 ]; then',
    '  exec gunicorn --reload \\',
    '    myapp.wsgi:application',
    'else',
    '  exec gosu app gunicorn -c /app/gunicorn.conf.py myapp.wsgi:application',
    'fi',
    '# gunicorn --not-a-command',
    'echo "gunicorn --quoted"',
  ].join('\n');
  const sites = parseShellScript(text, '/w/start.sh').sites;
  assert.deepEqual(
    sites.map((site) => site.words.map((word) => text.slice(word.range.start, word.range.end)).join(' ')),
    ['exec gunicorn --reload myapp.wsgi:application', 'exec gunicorn -c /app/gunicorn.conf.py myapp.wsgi:application'],
  );
});

test('an entrypoint script a Dockerfile runs: each finding once, in the script', async () => {
  const dockerfile =
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCOPY docker-entrypoint.sh /usr/local/bin/\nUSER nobody\nENTRYPOINT ["docker-entrypoint.sh"]\n';
  await withWorkspace({ Dockerfile: dockerfile, 'docker-entrypoint.sh': SCRIPT }, (service, dir) => {
    const file = path.join(dir, 'docker-entrypoint.sh');
    assert.deepEqual(findingsIn(service, file, SCRIPT), ['gunicorn/unknown-option --wokers']);
  });
});

test('bad input never throws', () => {
  for (const text of ['', '\\', 'gunicorn', 'exec gunicorn "', '\u0000gunicorn --x', 'then then then gunicorn', 'gunicorn\\\n'.repeat(1000)]) {
    assert.doesNotThrow(() => parseShellScript(text, '/w/x.sh'));
  }
});
