import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { caret, parse, ready } from './helpers';
import { gunicornFormat } from '../../server/src/formats/gunicorn/index';
import type { AnalysisContext, Project } from '../../server/src/core/format';
import type { GunicornDocument } from '../../server/src/formats/gunicorn/context';
import { withDefaults } from '../../server/src/core/settings';
import type { Settings } from '../../server/src/core/settings';
import { isGunicornConfigPath } from '../../server/src/formats/gunicorn/configFiles';
import { gunicornVersionFor } from '../../server/src/formats/requirements/gunicornVersion';
import { NEWEST_GUNICORN } from '../../server/src/knowledge/gunicorn/index';

before(ready);

export function project(files: Record<string, string> = {}, settings: Partial<Settings> = {}): Project {
  return {
    root: '/ws',
    settings: withDefaults(settings),
    readFile: (p) => files[p],
    exists: (p) => p in files,
    isDirectory: (p) => Object.keys(files).some((f) => f.startsWith(p + '/')),
    listDirectory: (p) =>
      [
        ...new Set(
          Object.keys(files)
            .filter((f) => f.startsWith(p + '/'))
            .map((f) => f.slice(p.length + 1).split('/')[0]),
        ),
      ].sort(),
    workspaceFiles: () => Object.keys(files),
    parsed: () => undefined,
  };
}

function contextFor(text: string, files: Record<string, string> = {}, settings: Partial<Settings> = {}): AnalysisContext<GunicornDocument> {
  return { path: '/ws/gunicorn.conf.py', text, document: parse(text), project: project(files, settings) };
}

function hoverAt(marked: string) {
  const { text, offset } = caret(marked);
  const result = gunicornFormat.hover!(contextFor(text), offset);
  return { text, result, covered: result ? text.slice(result.range.start, result.range.end) : undefined };
}

test('hover on a setting name', () => {
  const { covered, result } = hoverAt('work<|>ers = 4\n');
  assert.equal(covered, 'workers');
  assert.match(result!.markdown, /\*\*workers\*\*/);
  assert.match(result!.markdown, /WEB_CONCURRENCY/);
  assert.match(result!.markdown, /--workers/);
  assert.equal(hoverAt('my_var<|> = 4\n').result, undefined);
});

test('hover on a hook def gives its signature', () => {
  const { covered, result } = hoverAt('def post_<|>fork(server, worker):\n    pass\n');
  assert.equal(covered, 'post_fork');
  assert.match(result!.markdown, /def post_fork\(server, worker\):/);
});

test('hover exactly over an access log atom', () => {
  const { covered, result } = hoverAt('access_log_format = \'%(h)s %({x-forwarded-<|>for}i)s "%(r)s"\'\n');
  assert.equal(covered, '%({x-forwarded-for}i)s');
  assert.ok(result!.markdown.length > 20);
  assert.equal(hoverAt("access_log_format = '%(h)s<|> %(r)s'\n").result, undefined, 'between atoms');
  assert.equal(hoverAt("access_log_format = '%(h)s %<|>(r)s'\n").covered, '%(r)s');
  assert.equal(hoverAt("access_log_format = '%(h)s %(r)<|>s'\n").covered, '%(r)s');
  assert.match(hoverAt('access_log_format = "%(zz<|>)s"\n').result!.markdown, /not an access log atom/);
});

test('hover on meaningful values', () => {
  const worker = hoverAt('worker_class = "gev<|>ent"\n');
  assert.equal(worker.covered, '"gevent"');
  assert.match(worker.result!.markdown, /gevent/);
  assert.match(hoverAt('loglevel = "deb<|>ug"\n').result!.markdown, /log level/);
  assert.match(hoverAt('reload_engine = "ino<|>tify"\n').result!.markdown, /reload_engine/);
});

function completeAt(marked: string, settings: Partial<Settings> = {}) {
  const { text, offset } = caret(marked);
  return { text, offset, items: gunicornFormat.complete!(contextFor(text, {}, settings), offset) };
}

test('setting names at module level, skipping ones already set', () => {
  const { items, offset } = completeAt('workers = 2\nwor<|>');
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('worker_class'));
  assert.ok(!labels.includes('workers'));
  const timeout = items.find((i) => i.label === 'timeout')!;
  assert.equal(timeout.insertText, 'timeout = ${1:30}');
  assert.equal(timeout.snippet, true);
  assert.deepEqual(timeout.replace, { start: offset - 3, end: offset });
  assert.equal(completeAt('if x:\n    wor<|>').items.length, 0, 'not inside a block');
});

test('settings missing from the version in use are marked deprecated', () => {
  const { items } = completeAt('<|>', { gunicornVersion: '20.1.0' });
  assert.equal(items.find((i) => i.label === 'asgi_loop')?.deprecated, true);
  assert.equal(items.find((i) => i.label === 'workers')?.deprecated, false);
  assert.equal(items.find((i) => i.label === 'debug')?.deprecated, true);
});

test('hook definitions after def', () => {
  const { items, text } = completeAt('def post_<|>');
  const postFork = items.find((i) => i.label === 'post_fork')!;
  assert.equal(postFork.insertText, 'def post_fork(server, worker):\n    ${0:pass}');
  assert.deepEqual(postFork.replace, { start: 0, end: text.length });
  assert.equal(items.find((i) => i.label === 'post_request')!.insertText?.startsWith('def post_request(worker, req, environ, resp)'), true);
});

test('async def keeps its async', () => {
  const { items, text } = completeAt('async def on_<|>');
  const onExit = items.find((i) => i.label === 'on_exit')!;
  assert.deepEqual(onExit.replace, { start: 'async '.length, end: text.length });
  assert.equal(hoverAt('def hel<|>per(x):\n    pass\n').result, undefined);
});

test('enum values inside the string of an enumerated setting', () => {
  const workers = completeAt('worker_class = "ge<|>').items.map((i) => i.label);
  assert.ok(workers.includes('gevent'));
  assert.ok(workers.includes('uvicorn_worker.UvicornWorker'));
  const levels = completeAt("loglevel = '<|>'").items.map((i) => i.label);
  assert.deepEqual(levels, ['debug', 'info', 'warning', 'error', 'critical']);
});

test('literal values before any quote', () => {
  assert.deepEqual(
    completeAt('preload_app = <|>').items.map((i) => i.label),
    ['True', 'False'],
  );
  const gevent = completeAt('worker_class = <|>').items.find((i) => i.label === 'gevent')!;
  assert.equal(gevent.insertText, '"gevent"');
  assert.deepEqual(completeAt('workers = <|>').items, []);
});

test('atoms after %( inside access_log_format', () => {
  const { items, offset } = completeAt('access_log_format = "%(h)s %(<|>');
  const r = items.find((i) => i.label === 'r')!;
  assert.equal(r.insertText, 'r)s');
  assert.deepEqual(r.replace, { start: offset, end: offset });
  const header = items.find((i) => i.label === '{header}i')!;
  assert.equal(header.insertText, '{${1:header}\\}i)s');
  assert.equal(completeAt('proc_name = "%(<|>').items.length, 0);
});

test('symbols list settings and hooks', () => {
  const text = 'import os\nworkers = 2 * 2\nhelper = 1\ndef post_fork(server, worker):\n    pass\n';
  const symbols = gunicornFormat.symbols!(contextFor(text));
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.detail]),
    [
      ['workers', 'setting', '2 * 2'],
      ['post_fork', 'function', 'server hook'],
    ],
  );
});

test('config file names', () => {
  const settings = withDefaults({});
  for (const path of ['/a/gunicorn.conf.py', '/a/gunicorn_conf.py', '/a/gunicorn.prod.conf.py', '/a/gunicorn/prod.py']) {
    assert.ok(isGunicornConfigPath(path, settings), path);
  }
  for (const path of ['/a/app.py', '/a/gunicorn.conf', '/a/settings.py']) assert.ok(!isGunicornConfigPath(path, settings), path);
  assert.ok(isGunicornConfigPath('/ws/deploy/web.py', withDefaults({ gunicornConfigGlobs: ['deploy/*.py'] })));
  assert.ok(gunicornFormat.matches('/x/gunicorn.conf.py', settings));
});

test('version: setting, then requirements pin, then newest', () => {
  assert.deepEqual(gunicornVersionFor(project({}, { gunicornVersion: '23.0' }), '/ws/gunicorn.conf.py'), { version: '23.0.0', source: 'setting' });
  const pinned = gunicornVersionFor(project({ '/ws/requirements.txt': 'gunicorn==22.0.0\n' }), '/ws/gunicorn.conf.py');
  assert.deepEqual(pinned, { version: '22.0.0', source: 'requirements' });
  assert.deepEqual(gunicornVersionFor(project(), '/ws/gunicorn.conf.py'), { version: NEWEST_GUNICORN, source: 'newest' });
});

test('check runs the rules; fixes delegate to the rule', () => {
  const text = 'workers = -1\nworker_class = "gevnt"\n';
  const context = contextFor(text);
  const findings = gunicornFormat.check(context);
  assert.ok(findings.some((f) => f.rule === 'gunicorn/invalid-value'));
  const unknownWorker = findings.find((f) => f.rule === 'gunicorn/unknown-worker-class');
  assert.ok(unknownWorker);
  const fixes = gunicornFormat.fixes!(unknownWorker, context);
  assert.ok(fixes.length > 0);
});
