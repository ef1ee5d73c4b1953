/**
 * The supervisord format: its INI parser (against supervisor's own parser when it is importable), what it claims,
 * the gunicorn command of each [program:x] checked in place, the reader's invocation, and the stopwaitsecs= edit.
 */
import { skipMissingOracle } from '../support/oracles';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { AnalysisContext, Project } from '../../server/src/core/format';
import { withDefaults } from '../../server/src/core/settings';
import { applyEdits } from '../../server/src/core/findings';
import {
  isSupervisordPath,
  looksLikeSupervisord,
  parseSupervisord,
  setProgramKey,
  supervisordFacts,
  supervisordFormat,
  type SupervisordDocument,
} from '../../server/src/formats/supervisord';
import { supervisordHostReader } from '../../server/src/deployment/fromSupervisord';

function project(files: Record<string, string> = {}): Project {
  const paths = Object.keys(files).sort();
  return {
    root: '/w',
    settings: withDefaults({}),
    readFile: (p) => files[p],
    exists: (p) => p in files,
    isDirectory: () => false,
    listDirectory: () => [],
    workspaceFiles: () => paths,
    parsed: () => undefined,
  };
}

function contextOf(text: string, file = '/w/supervisord.conf'): AnalysisContext<SupervisordDocument> {
  return { path: file, text, document: parseSupervisord(text, file), project: project({ [file]: text }) };
}

const slice = (text: string, range: { start: number; end: number }) => text.slice(range.start, range.end);

test('claims supervisord.conf, files under supervisor/ or supervisord/, *.supervisor.conf; other .conf/.ini by their sections', () => {
  for (const file of [
    '/w/supervisord.conf',
    '/w/deploy/supervisor/conf.d/web.conf',
    '/w/etc/supervisord/app.ini',
    '/w/web.supervisor.conf',
    '/w/supervisor/web.conf',
  ]) {
    assert.ok(isSupervisordPath(file), file);
  }
  for (const file of ['/w/conf.d/app.conf', '/w/app.ini', '/w/pytest.ini', '/w/supervisor.py', '/w/nginx/conf.d/app.conf'])
    assert.ok(!isSupervisordPath(file), file);
  const settings = withDefaults({});
  assert.ok(supervisordFormat.matches('/w/conf.d/web.conf', settings, () => '; web\n[program:web]\ncommand=gunicorn app:app\n'));
  assert.ok(!supervisordFormat.matches('/w/conf.d/web.conf', settings, () => 'upstream app { server 127.0.0.1:8000; }\n'));
  assert.ok(!supervisordFormat.matches('/w/pytest.ini', settings, () => '[pytest]\naddopts = -q\n'));
  assert.ok(!supervisordFormat.matches('/w/Dockerfile', settings, () => '[program:web]\n'));
  assert.ok(looksLikeSupervisord('[supervisord]\nnodaemon=true\n'));
  assert.ok(!looksLikeSupervisord('[Service]\nExecStart=/bin/true\n'));
});

test('parser: sections, key=value and key: value, comments, inline comments, continuation lines, CRLF', () => {
  const text =
    '; top\r\n[program:web]\r\ncommand = gunicorn\r\n    --workers 2 ; inline\r\n    app:app\r\nstopwaitsecs: 30 # thirty\r\n\r\n[group:all]\r\nprograms=web\r\nnot an entry\r\n';
  const doc = parseSupervisord(text, '/w/supervisord.conf');
  assert.deepEqual(
    doc.sections.map((s) => s.name),
    ['program:web', 'group:all'],
  );
  const [command, stop] = doc.sections[0].entries;
  assert.equal(command.key, 'command');
  assert.deepEqual(command.value.split(/\s+/).filter(Boolean), ['gunicorn', '--workers', '2', 'app:app']);
  assert.equal(slice(text, command.valueRange).length, command.value.length);
  assert.equal(stop.key, 'stopwaitsecs');
  assert.equal(stop.value, '30');
  assert.equal(doc.comments.length, 1);
  assert.deepEqual(
    doc.errors.map((e) => slice(text, e.range)),
    ['not an entry'],
  );
});

test('facts: the program that runs gunicorn, its settings and environment', () => {
  const text = [
    '[program:web]',
    'command=/srv/app/.venv/bin/gunicorn -w %(ENV_WORKERS)s --bind 127.0.0.1:8000 app:app',
    'directory=/srv/app',
    'user=www-data',
    'stopwaitsecs=45',
    'stopsignal=TERM',
    'stopasgroup=true',
    'killasgroup=false',
    'environment=DJANGO_SETTINGS_MODULE="app.settings, prod",GUNICORN_CMD_ARGS="--timeout 60",A=1',
    '[program:worker]',
    'command=celery -A app worker',
    '',
  ].join('\n');
  const facts = supervisordFacts(parseSupervisord(text, '/w/supervisord.conf'));
  assert.deepEqual(
    facts.programs.map((p) => [p.name, p.gunicorn !== undefined]),
    [
      ['web', true],
      ['worker', false],
    ],
  );
  const web = facts.programs[0];
  assert.equal(web.stopwaitsecs?.value, 45);
  assert.equal(web.stopsignal?.value, 'TERM');
  assert.equal(web.stopasgroup?.value, true);
  assert.equal(web.killasgroup?.value, false);
  assert.equal(web.directory?.value, '/srv/app');
  assert.equal(web.user?.value, 'www-data');
  assert.deepEqual(
    [...web.environment].map(([k, v]) => [k, v.value, slice(text, v.range)]),
    [
      ['DJANGO_SETTINGS_MODULE', 'app.settings, prod', 'app.settings, prod'],
      ['GUNICORN_CMD_ARGS', '--timeout 60', '--timeout 60'],
      ['A', '1', '1'],
    ],
  );
  assert.deepEqual(
    web.cmdArgs?.words.map((w) => slice(text, w.range)),
    ['--timeout', '60'],
  );
  assert.equal(web.gunicorn?.invocation.appTarget?.text, 'app:app');
  // %(ENV_WORKERS)s is supervisord's to expand: never judged.
  assert.deepEqual(supervisordFormat.check(contextOf(text)), []);
});

test('check, fix, hover and completion in command=', () => {
  const text = '[program:web]\ncommand=gunicorn --workerz 2 -k gevent app:app\n';
  const context = contextOf(text);
  const findings = supervisordFormat.check(context);
  assert.deepEqual(
    findings.map((f) => [f.rule, slice(text, f.range)]),
    [['gunicorn/unknown-option', '--workerz']],
  );
  assert.equal(supervisordFormat.fixes!(findings[0], context)[0].edits[0].newText, '--workers');
  assert.match(supervisordFormat.hover!(context, text.indexOf('gevent') + 1)?.markdown ?? '', /gevent/);
  const typing = '[program:web]\ncommand=gunicorn app:app --gra';
  assert.ok(supervisordFormat.complete!(contextOf(typing), typing.length).some((item) => item.label === '--graceful-timeout'));
  assert.deepEqual(
    supervisordFormat.symbols!(context).map((s) => [s.name, s.children?.map((c) => c.name)]),
    [['program:web', ['command']]],
  );
  // sh -c inside command= is read too.
  const shell = "[program:web]\ncommand=/bin/sh -c 'cd /srv/app && exec gunicorn --workerz 2 app:app'\n";
  assert.deepEqual(
    supervisordFormat.check(contextOf(shell)).map((f) => slice(shell, f.range)),
    ['--workerz'],
  );
});

test('reader: a supervisord invocation with stopwaitsecs, user and directory', () => {
  const text =
    '[program:web]\ncommand=gunicorn --graceful-timeout 60 app:app\ndirectory=/srv/app\nuser=app\nenvironment=A="1"\n[program:bare]\ncommand=gunicorn app:app\n';
  const file = '/w/supervisord.conf';
  const { hosts } = supervisordHostReader.read(project({ [file]: text }), [{ path: file, language: 'ini', document: parseSupervisord(text, file) }]);
  assert.equal(hosts.length, 2);
  const [web, bare] = hosts;
  assert.equal(web.host, 'supervisord');
  assert.equal(web.supervisor?.kind, 'supervisord');
  assert.equal(web.supervisor?.name, 'web');
  assert.equal(web.supervisor?.user?.value, 'app');
  assert.equal(web.workingDirectory?.value, '/srv/app');
  assert.equal(web.environment.get('A')?.value, '1');
  assert.deepEqual(bare.supervisor?.stopTimeout, { seconds: 10, setting: 'stopwaitsecs' });
  assert.equal(slice(text, web.command.range), 'command=gunicorn --graceful-timeout 60 app:app');
});

test('setProgramKey: replaces the value in its own section, else adds a line after the last entry', () => {
  const text = '[program:a]\ncommand=x\nstopwaitsecs=5\n\n[program:b]\ncommand=y\n';
  const replace = setProgramKey(text, '/w/s.conf', 'a', 'stopwaitsecs', '70')!;
  assert.equal(applyEdits(text, [replace]), '[program:a]\ncommand=x\nstopwaitsecs=70\n\n[program:b]\ncommand=y\n');
  const add = setProgramKey(text, '/w/s.conf', 'b', 'stopwaitsecs', '70')!;
  assert.equal(applyEdits(text, [add]), '[program:a]\ncommand=x\nstopwaitsecs=5\n\n[program:b]\ncommand=y\nstopwaitsecs=70\n');
  const noNewline = '[program:b]\ncommand=y';
  assert.equal(applyEdits(noNewline, [setProgramKey(noNewline, '/w/s.conf', 'b', 'stopwaitsecs', '70')!]), '[program:b]\ncommand=y\nstopwaitsecs=70\n');
  assert.equal(setProgramKey(text, '/w/s.conf', 'missing', 'stopwaitsecs', '70'), undefined);
});

const PIECES = [
  '[program:web]',
  '[supervisord]',
  '[',
  ']',
  '\n',
  '\r\n',
  ' ',
  '    ',
  'command',
  '=',
  ':',
  ';',
  '#',
  ' ;c',
  'gunicorn',
  '--workerz',
  '-w',
  '2',
  'app:app',
  '%(ENV_X)s',
  'environment=',
  'A="1,2"',
  ',',
  'stopwaitsecs=',
  '5',
  "'",
  '"',
  'sh -c ',
  'x',
];

test('fuzz: parse, facts, check, fixes, hover, completion and outline never throw and stay inside the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 }), fc.nat(), (text, seed) => {
      const context = contextOf(text);
      const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= text.length;
      for (const section of context.document.sections) {
        assert.ok(inside(section.range) && inside(section.nameRange));
        for (const entry of section.entries) assert.ok(inside(entry.range) && inside(entry.valueRange) && inside(entry.keyRange));
      }
      supervisordFacts(context.document);
      for (const finding of supervisordFormat.check(context)) {
        assert.ok(inside(finding.range), finding.rule);
        for (const fix of supervisordFormat.fixes!(finding, context)) for (const edit of fix.edits) assert.ok(inside(edit.range));
      }
      const offset = text.length === 0 ? 0 : seed % (text.length + 1);
      const hover = supervisordFormat.hover!(context, offset);
      if (hover) assert.ok(inside(hover.range));
      for (const item of supervisordFormat.complete!(context, offset)) if (item.replace) assert.ok(inside(item.replace));
      supervisordFormat.symbols!(context);
      const edit = setProgramKey(text, '/w/s.conf', 'web', 'stopwaitsecs', '9');
      if (edit) assert.ok(inside(edit.range));
    }),
    { numRuns: 400 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      supervisordFacts(parseSupervisord(text, '/w/supervisord.conf'));
    }),
    { numRuns: 300 },
  );
});

/**
 * supervisor's own parser as the oracle, when its Python package is importable (`python3 -c "import supervisor"`,
 * or SUPERVISOR_PYTHONPATH pointing at it): the command, stopwaitsecs, directory, user and environment we read for
 * each [program:x] are the ones supervisord reads. CI installs Debian's supervisor (for /usr/bin/python3); elsewhere a
 * missing supervisor skips the test, and under GUNICORN_LINT_REQUIRE_ORACLES=1 fails it.
 */
/** Debian's python3 is the one its supervisor package installs into (a pyenv python3 on PATH would not see it). */
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const ORACLE_CORPUS = [
  '[program:web]\ncommand=gunicorn app:app\n',
  '[program:web]\ncommand = gunicorn -w 2 app:app ; a comment\nstopwaitsecs = 30\n',
  '[program:web]\ncommand=gunicorn\n  --workers 2\n  app:app\ndirectory=/srv/app\n',
  '; comment\n# another\n[program:web]\ncommand: gunicorn app:app\nuser: www-data\n',
  '[program:web]\ncommand=gunicorn app:app\nenvironment=A="1,2",B=3, C="x y"\n',
  '[supervisord]\nnodaemon=true\n\n[program:a]\ncommand=gunicorn a:app\n\n[program:b]\ncommand=gunicorn b:app\nstopwaitsecs=5\n',
  '[program:web]\ncommand=gunicorn app:app #not a comment?\n',
  '[program:web]\r\ncommand=gunicorn app:app\r\nstopwaitsecs=15\r\n',
];

test('oracle: supervisor reads each [program:x] as we do', (t) => {
  const pythonPath = process.env.SUPERVISOR_PYTHONPATH ?? '';
  const env = { ...process.env, PYTHONPATH: pythonPath };
  const probe = spawnSync(PYTHON, ['-c', 'import supervisor.options'], { env, encoding: 'utf8' });
  if (probe.status !== 0) {
    skipMissingOracle(t, 'supervisor is not importable (apt-get install supervisor, or set SUPERVISOR_PYTHONPATH)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervisord-oracle-'));
  try {
    const files = ORACLE_CORPUS.map((text, i) => {
      const file = path.join(dir, `${i}.conf`);
      fs.writeFileSync(file, text);
      return file;
    });
    const script = [
      'import sys, json',
      'from supervisor.options import UnhosedConfigParser',
      'from supervisor.datatypes import dict_of_key_value_pairs',
      'out = []',
      'for f in sys.argv[1:]:',
      '    p = UnhosedConfigParser()',
      '    p.read_string(open(f).read())',
      '    progs = {}',
      '    for s in p.sections():',
      '        if not s.startswith("program:"): continue',
      '        d = {}',
      '        for k in ("command", "stopwaitsecs", "directory", "user", "environment"):',
      '            if p.has_option(s, k): d[k] = p.get(s, k, raw=True)',
      '        if "environment" in d: d["environment"] = dict_of_key_value_pairs(d["environment"])',
      '        progs[s[8:]] = d',
      '    out.append(progs)',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-c', script, ...files], { env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>[];
    ORACLE_CORPUS.forEach((text, i) => {
      const ours: Record<string, Record<string, unknown>> = {};
      for (const program of supervisordFacts(parseSupervisord(text, '/w/s.conf')).programs) {
        const d: Record<string, unknown> = {};
        if (program.command) d.command = program.command.value.split(/\s+/).join(' ');
        if (program.stopwaitsecs) d.stopwaitsecs = String(program.stopwaitsecs.value);
        if (program.directory) d.directory = program.directory.value;
        if (program.user) d.user = program.user.value;
        if (program.environment.size > 0) d.environment = Object.fromEntries([...program.environment].map(([k, v]) => [k, v.value]));
        ours[program.name] = d;
      }
      const theirs = Object.fromEntries(
        Object.entries(expected[i]).map(([name, d]) => [
          name,
          { ...d, ...(typeof d.command === 'string' ? { command: d.command.split(/\s+/).join(' ') } : {}) },
        ]),
      );
      assert.deepEqual(ours, theirs, JSON.stringify(text));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
