/** The Procfile format: its line parser, the gunicorn facts it gives, and the command-line support on its sites. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AnalysisContext, Project } from '../../server/src/core/format';
import { withDefaults } from '../../server/src/core/settings';
import { isProcfilePath, parseProcfile, procfileFacts, procfileFormat, type ProcfileDocument } from '../../server/src/formats/procfile';

function project(files: Record<string, string> = {}): Project {
  const paths = Object.keys(files).sort();
  const under = (dir: string) => paths.filter((file) => file.startsWith(dir + '/'));
  return {
    root: '/w',
    settings: withDefaults({}),
    readFile: (p) => files[p],
    exists: (p) => p in files || under(p).length > 0,
    isDirectory: (p) => under(p).length > 0,
    listDirectory: (dir) => [...new Set(under(dir).map((file) => file.slice(dir.length + 1).split('/')[0]))].sort(),
    workspaceFiles: () => paths,
    parsed: () => undefined,
  };
}

function contextOf(text: string, path = '/w/Procfile', files: Record<string, string> = {}): AnalysisContext<ProcfileDocument> {
  return { path, text, document: parseProcfile(text, path), project: project({ [path]: text, ...files }) };
}

test('claims Procfile and Procfile.<variant>, nothing else', () => {
  for (const path of ['/w/Procfile', '/w/deploy/Procfile.dev', '/w/Procfile.prod']) assert.ok(isProcfilePath(path), path);
  for (const path of ['/w/Procfile.', '/w/procfile', '/w/Procfile/x', '/w/MyProcfile', '/w/app.py']) assert.ok(!isProcfilePath(path), path);
});

test('lines: process types with their commands, comments, CRLF, lines the platform skips', () => {
  const text = '# processes\r\nweb:   gunicorn app:app  \r\n\r\nworker:celery -A app worker\r\nnot a process\r\nrelease:\r\n  clock: python clock.py';
  const doc = parseProcfile(text, '/w/Procfile');
  assert.deepEqual(
    doc.processes.map((p) => [p.name, p.command, p.line]),
    [
      ['web', 'gunicorn app:app', 1],
      ['worker', 'celery -A app worker', 3],
      ['clock', 'python clock.py', 6],
    ],
  );
  for (const process of doc.processes) {
    assert.equal(text.slice(process.nameRange.start, process.nameRange.end), process.name);
    assert.equal(text.slice(process.commandRange.start, process.commandRange.end), process.command);
  }
  assert.equal(doc.comments.length, 1);
  assert.deepEqual(
    doc.errors.map((e) => text.slice(e.range.start, e.range.end)),
    ['not a process', 'release:'],
  );
});

test('facts: each process, and how the ones that run gunicorn run it', () => {
  const text = 'web: cd src && exec gunicorn -w 4 --bind 0.0.0.0:$PORT myapp.wsgi:application\nworker: celery -A myapp worker\n';
  const facts = procfileFacts(parseProcfile(text, '/w/Procfile'));
  assert.equal(facts.path, '/w/Procfile');
  assert.deepEqual(
    facts.processes.map((p) => [p.name, p.gunicorn !== undefined]),
    [
      ['web', true],
      ['worker', false],
    ],
  );
  const invocation = facts.processes[0].gunicorn!.invocation;
  assert.equal(invocation.appTarget?.text, 'myapp.wsgi:application');
  assert.deepEqual(
    invocation.options.map((o) => [o.setting?.name, o.value?.text]),
    [
      ['workers', '4'],
      ['bind', '0.0.0.0:$PORT'],
    ],
  );
  const bind = invocation.options[1].value!;
  assert.equal(text.slice(bind.range.start, bind.range.end), '0.0.0.0:$PORT');
});

test('check: command-line findings in place; $PORT is never judged', () => {
  const text = 'web: gunicorn --workerz 2 --bind 0.0.0.0:$PORT --timeout ${TIMEOUT:-30} app:app\n';
  const context = contextOf(text);
  const findings = procfileFormat.check(context);
  assert.deepEqual(
    findings.map((f) => [f.rule, text.slice(f.range.start, f.range.end)]),
    [['gunicorn/unknown-option', '--workerz']],
  );
  assert.equal(procfileFormat.fixes!(findings[0], context)[0].edits[0].newText, '--workers');
  assert.deepEqual(procfileFormat.check(contextOf('web: gunicorn --bind :$PORT app:app\nworker: celery --workerz\n')), []);
});

test('the gunicorn version pinned beside the Procfile decides which flags exist', () => {
  const text = 'web: gunicorn --asgi-loop uvloop app:app\n';
  assert.equal(procfileFormat.check(contextOf(text, '/w/Procfile', { '/w/requirements.txt': 'gunicorn==21.2.0\n' })).length, 1);
  assert.equal(procfileFormat.check(contextOf(text)).length, 0);
});

test('hover, completion and outline', () => {
  const text = 'web: gunicorn --workers 4 -k gevent app:app\nworker: celery -A app worker\n';
  const context = contextOf(text);
  const hover = procfileFormat.hover!(context, text.indexOf('workers') + 1);
  assert.match(hover?.markdown ?? '', /`workers`/);
  assert.match(procfileFormat.hover!(context, text.indexOf('gevent') + 1)?.markdown ?? '', /gevent/);
  assert.equal(procfileFormat.hover!(context, text.indexOf('celery')), undefined);

  const typing = 'web: gunicorn app:app --ti';
  const items = procfileFormat.complete!(contextOf(typing), typing.length);
  assert.ok(items.some((item) => item.label === '--timeout'));
  assert.ok(items.every((item) => item.replace && typing.slice(item.replace.start, item.replace.end) === '--ti'));
  const values = 'web: gunicorn app:app --log-level ';
  assert.ok(procfileFormat.complete!(contextOf(values), values.length).some((item) => item.label === 'warning'));
  assert.deepEqual(procfileFormat.complete!(contextOf('worker: celery --'), 'worker: celery --'.length), []);

  assert.deepEqual(
    procfileFormat.symbols!(context).map((s) => [s.name, s.detail]),
    [
      ['web', 'gunicorn --workers 4 -k gevent app:app'],
      ['worker', 'celery -A app worker'],
    ],
  );
});

const PIECES = [
  'web',
  'worker',
  ':',
  ': ',
  ' ',
  '\n',
  '\r\n',
  '#',
  'gunicorn',
  '-w',
  '--workerz',
  '--bind',
  '0.0.0.0:$PORT',
  'app.py:app',
  '"',
  "'",
  '&&',
  ';',
  'sh -c ',
  '\\',
  'x',
];

test('fuzz: parse, check, fixes, hover, completion and outline never throw and stay inside the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 30 }), fc.nat(), (text, seed) => {
      const context = contextOf(text);
      const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= text.length;
      for (const process of context.document.processes) assert.ok(inside(process.range) && inside(process.commandRange) && inside(process.nameRange));
      for (const finding of procfileFormat.check(context)) {
        assert.ok(inside(finding.range), finding.rule);
        for (const fix of procfileFormat.fixes!(finding, context)) for (const edit of fix.edits) assert.ok(inside(edit.range));
      }
      const offset = text.length === 0 ? 0 : seed % (text.length + 1);
      const hover = procfileFormat.hover!(context, offset);
      if (hover) assert.ok(inside(hover.range));
      for (const item of procfileFormat.complete!(context, offset)) if (item.replace) assert.ok(inside(item.replace));
      for (const symbol of procfileFormat.symbols!(context)) assert.ok(inside(symbol.range));
      procfileFacts(context.document);
    }),
    { numRuns: 400 },
  );
});
