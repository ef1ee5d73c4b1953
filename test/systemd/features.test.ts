import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemdFormat, systemdRules, unitFacts, parseUnit } from '../../server/src/formats/systemd';
import { parseExecEntry } from '../../server/src/formats/systemd/execCommand';
import { caret, contextFor, lint, memoryProject } from './support';

const SERVICE = `[Unit]
Description=Gunicorn
Requires=app.socket
After=app.socket

[Service]
Type=notify
WorkingDirectory=/srv/app
Environment=WORKERS=4 "OPTS=--timeout 60"
ExecStart=/srv/app/.venv/bin/gunicorn -c gunicorn.conf.py --workers $WORKERS app.wsgi:application
ExecReload=/bin/kill -s HUP $MAINPID
KillMode=mixed
TimeoutStopSec=1min 30s
PrivateTmp=yes
RuntimeDirectory=app

[Install]
WantedBy=multi-user.target
`;

test('rules meta lists every systemd check id of the spec', () => {
  assert.deepEqual(systemdRules.map((r) => r.id).sort(), [
    // nofile-limit and runtime-directory read the whole deployment: deployment/rules/, tested in test/deployment.
    'systemd/exec-relative-path',
    'systemd/invalid-value',
    'systemd/kill-mode',
    'systemd/kill-signal',
    'systemd/missing-reload',
    'systemd/notify-type',
    'systemd/runs-as-root',
    'systemd/secret-in-environment',
    'systemd/socket-unit-missing',
    'systemd/syntax',
    'systemd/unknown-directive',
    'systemd/unknown-section',
  ]);
  assert.equal(systemdFormat.language, 'systemd-unit-file');
});

test('matches unit files and drop-ins only', () => {
  const settings = memoryProject({}).settings;
  for (const p of ['/w/a.service', '/w/a.socket', '/w/a.target', '/w/a.timer', '/w/a.service.d/x.conf', '/w/a.socket.d/x.conf'])
    assert.ok(systemdFormat.matches(p, settings), p);
  for (const p of ['/w/a.conf', '/w/nginx.conf', '/w/a.service.d/x.txt', '/w/gunicorn.conf.py']) assert.ok(!systemdFormat.matches(p, settings), p);
});

test('exec commands: prefixes, quoting, escapes, variables', () => {
  const doc = parseUnit('[Service]\nExecStart=-@/bin/gunicorn gunicorn-main "--name=a b" \'x\\ty\' ${A} $B end\\;\n', 'x.service');
  const env = new Map([
    ['A', 'one two'],
    ['B', 'three four'],
  ]);
  const [command] = parseExecEntry(doc.entries[0], env);
  assert.equal(command.prefixes, '-@');
  assert.equal(command.program?.text, '/bin/gunicorn');
  assert.deepEqual(
    command.args.map((w) => w.text),
    ['--name=a b', 'x\ty', 'one two', 'three', 'four', 'end;'],
  );
  const noExpand = parseExecEntry(parseUnit('[Service]\nExecStart=:/bin/echo $B\n', 'x.service').entries[0], env)[0];
  assert.deepEqual(
    noExpand.args.map((w) => w.text),
    ['$B'],
  );
  const two = parseExecEntry(parseUnit('[Service]\nExecStartPre=/bin/a x ; /bin/b y\n', 'x.service').entries[0]);
  assert.deepEqual(
    two.map((c) => c.program?.text),
    ['/bin/a', '/bin/b'],
  );
});

test('facts: timeouts, kill mode, private tmp, runtime dirs, environment, gunicorn invocation', () => {
  const facts = unitFacts(parseUnit(SERVICE, '/w/app.service'));
  assert.equal(facts.stopTimeoutSec?.value, 90);
  assert.equal(facts.killMode?.value, 'mixed');
  assert.equal(facts.privateTmp?.value, true);
  assert.deepEqual(
    facts.runtimeDirectories.map((d) => d.value),
    ['app'],
  );
  assert.equal(facts.environment.get('WORKERS')?.value, '4');
  assert.equal(facts.environment.get('OPTS')?.value, '--timeout 60');
  assert.equal(facts.gunicorn?.invocation.configPath?.text, 'gunicorn.conf.py');
  const workers = facts.gunicorn?.invocation.options.find((o) => o.setting?.name === 'workers');
  assert.equal(workers?.value?.text, '4');
  assert.equal(facts.gunicorn?.invocation.appTarget?.text, 'app.wsgi:application');
  assert.deepEqual(
    facts.requires.map((r) => r.value),
    ['app.socket'],
  );
  const socket = unitFacts(parseUnit('[Socket]\nListenStream=/run/app.sock\nSocketMode=0660\n', '/w/app.socket'));
  assert.deepEqual(
    socket.listenStreams.map((l) => l.value),
    ['/run/app.sock'],
  );
  assert.equal(socket.socketMode?.value, '0660');
});

test('gunicorn in wrappers: python -m, poetry run, uv run, env', () => {
  for (const exec of [
    '/srv/.venv/bin/python -m gunicorn app:app',
    '/usr/bin/poetry run gunicorn app:app',
    '/usr/bin/uv run --frozen gunicorn app:app',
    '/usr/bin/env A=1 gunicorn app:app',
  ]) {
    const facts = unitFacts(parseUnit(`[Service]\nExecStart=${exec}\n`, '/w/a.service'));
    assert.equal(facts.gunicorn?.invocation.appTarget?.text, 'app:app', exec);
  }
  assert.equal(unitFacts(parseUnit('[Service]\nExecStart=/usr/bin/python3 manage.py runserver\n', '/w/a.service')).gunicorn, undefined);
});

test('drop-ins are merged in name order after the unit; an empty assignment resets a list', () => {
  const project = memoryProject({
    '/w/app.service': '[Service]\nExecStart=/srv/.venv/bin/gunicorn app:app\nKillMode=process\nRuntimeDirectory=a\n',
    '/w/app.service.d/20-b.conf': '[Service]\nKillMode=mixed\n',
    '/w/app.service.d/10-a.conf': '[Service]\nKillMode=control-group\nRuntimeDirectory=\nRuntimeDirectory=b\n',
  });
  const facts = unitFacts(parseUnit(project.readFile('/w/app.service')!, '/w/app.service'), project);
  assert.equal(facts.killMode?.value, 'mixed');
  assert.equal(facts.killMode?.path, '/w/app.service.d/20-b.conf');
  assert.deepEqual(
    facts.runtimeDirectories.map((d) => d.value),
    ['b'],
  );
  // kill-mode stays quiet: the drop-in wins.
  assert.ok(!lint(project.readFile('/w/app.service')!, '/w/app.service', project).some((f) => f.rule === 'systemd/kill-mode'));
});

test('a drop-in is checked against the unit type of its folder', () => {
  const text = '[Service]\nKillMode=mixed\nRestartt=always\n[Socket]\nListenStream=/x\n';
  const rules = lint(text, '/w/app.service.d/override.conf')
    .map((f) => f.rule)
    .sort();
  assert.deepEqual(rules, ['systemd/unknown-directive', 'systemd/unknown-section']);
});

test('version-aware: notify-reload and new keys are errors only for 252', () => {
  const text = '[Service]\nType=notify-reload\nRestartSteps=3\nExecStart=/bin/true\n';
  const on252 = lint(text, '/w/a.service', memoryProject({ '/w/a.service': text }, { systemdVersion: '252' }))
    .map((f) => f.rule)
    .sort();
  assert.deepEqual(on252, ['systemd/invalid-value', 'systemd/unknown-directive']);
  assert.deepEqual(lint(text, '/w/a.service'), []);
});

test('gunicorn command-line findings land on the flag inside the unit, with their fix', () => {
  const text = '[Service]\nType=notify\nExecStart=/srv/.venv/bin/gunicorn --wrokers 3 app:app\nExecReload=/bin/kill -s HUP $MAINPID\n';
  const context = contextFor(text);
  const findings = systemdFormat.check(context);
  const unknown = findings.find((f) => f.rule === 'gunicorn/unknown-option');
  assert.ok(unknown, JSON.stringify(findings));
  assert.equal(text.slice(unknown.range.start, unknown.range.end), '--wrokers');
  assert.equal(systemdFormat.fixes!(unknown, context)[0].edits[0].newText, '--workers');
});

test('hover: sections, keys, enum values, specifiers, gunicorn flags', () => {
  const hoverAt = (source: string) => {
    const { text, offset } = caret(source);
    return systemdFormat.hover!(contextFor(text), offset);
  };
  assert.match(hoverAt('[Ser<|>vice]\nType=notify\n')?.markdown ?? '', /started, reloaded, stopped/);
  assert.match(hoverAt('[Service]\nKill<|>Mode=mixed\n')?.markdown ?? '', /systemd\.kill\.html#KillMode=/);
  assert.match(hoverAt('[Service]\nKillMode=mi<|>xed\n')?.markdown ?? '', /master/);
  assert.match(hoverAt('[Service]\nExecStart=/srv/%<|>i/bin/gunicorn app:app\n')?.markdown ?? '', /instance/);
  assert.match(hoverAt('[Service]\nExecStart=/srv/.venv/bin/gunicorn --wor<|>kers 3 app:app\n')?.markdown ?? '', /`workers`/);
  assert.match(hoverAt("[Service]\nExecStart=/bin/sh -c 'cd /srv && exec gunicorn --wor<|>kers 3 app:app'\n")?.markdown ?? '', /`workers`/);
  // A flag of another program is not a gunicorn flag.
  assert.equal(hoverAt('[Service]\nExecReload=/bin/kill -<|>s HUP $MAINPID\n'), undefined);
  assert.equal(hoverAt('[Service]\nNoSuchKey<|>=1\n'), undefined);
});

test('completion: sections, keys of the section and unit type, values', () => {
  const complete = (source: string, path = '/work/app.service') => {
    const { text, offset } = caret(source);
    return systemdFormat.complete!(contextFor(text, path), offset).map((c) => c.label);
  };
  assert.deepEqual(complete('[<|>').sort(), ['[Install]', '[Service]', '[Unit]']);
  assert.deepEqual(complete('[<|>', '/work/app.socket').sort(), ['[Install]', '[Socket]', '[Unit]']);
  const keys = complete('[Service]\nKill<|>');
  assert.ok(keys.includes('KillMode') && keys.includes('ExecStart') && !keys.includes('ListenStream') && !keys.includes('WantedBy'));
  assert.ok(complete('[Socket]\n<|>', '/work/app.socket').includes('ListenStream'));
  assert.deepEqual(complete('[Service]\nKillMode=<|>'), ['control-group', 'process', 'mixed', 'none']);
  assert.ok(complete('[Service]\nPrivateTmp=<|>').includes('yes'));
  assert.ok(complete('[Service]\nKillSignal=<|>').includes('SIGTERM'));
  assert.ok(complete('[Service]\nExecStart=/srv/%<|>').includes('%i'));
  const { text, offset } = caret('[Unit]\nRequires=<|>\n');
  const project = memoryProject({ '/work/app.service': text, '/work/app.socket': '[Socket]\n' });
  assert.ok(systemdFormat.complete!(contextFor(text, '/work/app.service', project), offset).some((c) => c.label === 'app.socket'));
});

test('outline by sections and folding', () => {
  const context = contextFor(SERVICE);
  const symbols = systemdFormat.symbols!(context);
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['[Unit]', '[Service]', '[Install]'],
  );
  assert.ok(symbols[1].children?.some((c) => c.name === 'ExecStart'));
  const folds = systemdFormat.folding!(context);
  assert.equal(folds.length, 3);
  for (const fold of folds) assert.ok(SERVICE.slice(fold.start).startsWith('['));
});

test('links: -c config file, Requires= units', () => {
  const project = memoryProject({
    '/work/deploy/app.service': SERVICE,
    '/work/deploy/app.socket': '[Socket]\nListenStream=/run/app.sock\n',
    '/work/config/gunicorn.conf.py': 'workers = 3\n',
  });
  const context = contextFor(SERVICE, '/work/deploy/app.service', project);
  const links = systemdFormat.links!(context).map((l) => [SERVICE.slice(l.range.start, l.range.end), l.target]);
  assert.deepEqual(links, [
    ['app.socket', '/work/deploy/app.socket'],
    ['app.socket', '/work/deploy/app.socket'],
    ['gunicorn.conf.py', '/work/config/gunicorn.conf.py'],
  ]);
});
