import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/core/findings';
import type { Finding } from '../../server/src/core/findings';
import { findGunicornStart, parseGunicornArgs, parseGunicornCmdArgs, type GunicornInvocation } from '../../server/src/commandline/invocation';
import type { CommandSite } from '../../server/src/commandline/site';
import { checkSites, hoverSites, siteFixes } from '../../server/src/commandline/support';
import { splitShellWords } from '../../server/src/commandline/words';

const NEWEST = '26.1.0';

/** A command line as a host would hand it over (the host does not matter to the checks). */
function siteOf(line: string): CommandSite {
  return { path: '/w/Procfile', host: 'procfile', kind: 'command', words: splitShellWords(line) };
}

/** Sites by the invocation parsed from them, so the tests can parse once and check, fix and hover the same line. */
const sites = new WeakMap<GunicornInvocation, CommandSite>();

function checkInvocation(invocation: GunicornInvocation, version: string): Finding[] {
  return checkSites([sites.get(invocation)!], version);
}

function invocationFixes(finding: Finding, line: string) {
  return siteFixes(finding, [siteOf(line)], NEWEST);
}

function hoverFlag(invocation: GunicornInvocation, offset: number) {
  return hoverSites([sites.get(invocation)!], offset, NEWEST);
}

function start(line: string) {
  return findGunicornStart(splitShellWords(line));
}

test('finds where gunicorn arguments start', () => {
  assert.equal(start('gunicorn app:app'), 1);
  assert.equal(start('/srv/app/venv/bin/gunicorn -w 4 app:app'), 1);
  assert.equal(start('python -m gunicorn app:app'), 3);
  assert.equal(start('python3 -m gunicorn app:app'), 3);
  assert.equal(start('/venv/bin/python -u -m gunicorn app:app'), 4);
  assert.equal(start('poetry run gunicorn app:app'), 3);
  assert.equal(start('uv run --no-sync gunicorn app:app'), 4);
  assert.equal(start('pipenv run gunicorn app:app'), 3);
  assert.equal(start('pdm run gunicorn app:app'), 3);
  assert.equal(start('exec gunicorn app:app'), 2);
  assert.equal(start('env DJANGO_SETTINGS_MODULE=x.settings gunicorn app:app'), 3);
  assert.equal(start('uvicorn app:app'), undefined);
  assert.equal(start('python manage.py runserver'), undefined);
  assert.equal(start('python -m uvicorn app:app'), undefined);
});

function parse(line: string): GunicornInvocation {
  const site = siteOf(line);
  const invocation = parseGunicornArgs(site.words);
  sites.set(invocation, site);
  return invocation;
}

test('options in every form', () => {
  const inv = parse('gunicorn --workers=3 -w4 -t 30 --bind 0.0.0.0:80 -b=unix:/run/a.sock --preload --graceful 2 -c conf.py app.main:app');
  const seen = inv.options.map((o) => [o.flag, o.value?.text ?? null, o.inline]);
  assert.deepEqual(seen, [
    ['--workers', '3', true],
    ['-w', '4', true],
    ['-t', '30', false],
    ['--bind', '0.0.0.0:80', false],
    ['-b', 'unix:/run/a.sock', true],
    ['--preload', null, false],
    ['--graceful-timeout', '2', false],
    ['-c', 'conf.py', false],
  ]);
  assert.equal(inv.options[6].written, '--graceful');
  assert.equal(inv.options[0].setting?.name, 'workers');
  assert.equal(inv.appTarget?.text, 'app.main:app');
  assert.equal(inv.configPath?.text, 'conf.py');
  assert.deepEqual(inv.unknown, []);
});

test('chains of single-letter flags, as argparse reads them', () => {
  const line = 'gunicorn -Dw4 -RDx app:app';
  const inv = parse(line);
  assert.deepEqual(
    inv.options.map((o) => [o.flag, o.value?.text ?? null, line.slice(o.flagRange.start, o.flagRange.end)]),
    [
      ['-D', null, '-D'],
      ['-w', '4', 'w'],
      ['-R', null, '-R'],
      ['-D', null, 'D'],
    ],
  );
  assert.deepEqual(
    inv.unknown.map((u) => [u.flag, line.slice(u.flagRange.start, u.flagRange.end)]),
    [['-x', 'x']],
  );
  assert.equal(inv.appTarget?.text, 'app:app');
});

test('value ranges of inline values point at the value text', () => {
  const line = 'gunicorn --workers=3 -w4';
  const inv = parse(line);
  const [long, short] = inv.options;
  assert.equal(line.slice(long.value!.range.start, long.value!.range.end), '3');
  assert.equal(line.slice(long.flagRange.start, long.flagRange.end), '--workers');
  assert.equal(line.slice(short.value!.range.start, short.value!.range.end), '4');
});

test('unknown options get the nearest flag and a fix', () => {
  const line = 'gunicorn --time-out 30 --worker 4 app:app';
  const inv = parse(line);
  assert.deepEqual(
    inv.unknown.map((u) => [u.flag, u.suggestion]),
    [
      ['--time-out', '--timeout'],
      ['--worker', '--workers'],
    ],
  );
  const findings = checkInvocation(inv, NEWEST);
  const unknown = findings.filter((f) => f.rule === 'gunicorn/unknown-option');
  assert.equal(unknown.length, 2);
  assert.match(unknown[0].message, /--timeout/);
  assert.match(unknown[1].message, /ambiguous/);
  const edits = unknown.flatMap((f) => invocationFixes(f, line)[0].edits);
  assert.equal(applyEdits(line, edits), 'gunicorn --timeout 30 --workers 4 app:app');
  assert.equal(invocationFixes(unknown[0], line)[0].safe, false);
});

test('a flag the pinned version does not have is unknown there', () => {
  const findings = checkInvocation(parse('gunicorn --asgi-loop uvloop app:app'), '20.1.0');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].rule, 'gunicorn/unknown-option');
  assert.deepEqual(checkInvocation(parse('gunicorn --asgi-loop uvloop app:app'), NEWEST), []);
});

test('invalid values and missing values', () => {
  const line = 'gunicorn -w -2 --timeout abc --bind 0.0.0.0:http --log-level loud --reload-engine fast --forwarded-allow-ips 10.0.0.1/8 app:app';
  const findings = checkInvocation(parse(line), NEWEST);
  const shown = findings.map((f) => [f.rule, line.slice(f.range.start, f.range.end), f.severity ?? 'default']);
  assert.deepEqual(shown, [
    ['gunicorn/invalid-value', '-2', 'default'],
    ['gunicorn/invalid-value', 'abc', 'default'],
    ['gunicorn/invalid-value', '0.0.0.0:http', 'default'],
    ['gunicorn/invalid-value', 'loud', 'warning'],
    ['gunicorn/invalid-value', 'fast', 'default'],
    ['gunicorn/invalid-value', '10.0.0.1/8', 'default'],
  ]);
  const missing = checkInvocation(parse('gunicorn app:app --workers'), NEWEST);
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /needs a value/);
  assert.deepEqual(checkInvocation(parse('gunicorn -w 0x10 --timeout 0 -b unix:/run/a.sock -k gevent app:app'), NEWEST), []);
});

test('app targets written as paths', () => {
  const cases: [string, string][] = [
    ['gunicorn main.py:app', 'gunicorn main:app'],
    ['gunicorn src/main:app', 'gunicorn --chdir src main:app'],
    ['gunicorn -w 2 src/main.py:app', 'gunicorn -w 2 --chdir src main:app'],
    ['gunicorn --chdir /srv src/main.py:app', 'gunicorn --chdir /srv/src main:app'],
  ];
  for (const [line, fixed] of cases) {
    const findings = checkInvocation(parse(line), NEWEST).filter((f) => f.rule === 'gunicorn/app-target-syntax');
    assert.equal(findings.length, 1, line);
    const fix = invocationFixes(JSON.parse(JSON.stringify(findings[0])) as Finding, line)[0];
    assert.equal(applyEdits(line, fix.edits), fixed);
  }
  assert.deepEqual(checkInvocation(parse('gunicorn app.main:create_app()'), NEWEST), []);
});

test('end of options, positionals and GUNICORN_CMD_ARGS', () => {
  const inv = parse('gunicorn -- --not-an-option');
  assert.equal(inv.appTarget?.text, '--not-an-option');
  const env = '--workers 3 --timeout=60';
  const base = 'GUNICORN_CMD_ARGS="'.length;
  const fromEnv = parseGunicornCmdArgs(env, base);
  assert.deepEqual(
    fromEnv.options.map((o) => o.setting?.name),
    ['workers', 'timeout'],
  );
  assert.equal(fromEnv.options[1].value!.range.start, base + env.indexOf('60'));
  assert.equal(fromEnv.appTarget, undefined);
});

test('hover on a flag gives the setting docs', () => {
  const line = 'gunicorn --workers 4 -k gevent app:app';
  const inv = parse(line);
  const hover = hoverFlag(inv, line.indexOf('workers') + 2);
  assert.ok(hover);
  assert.equal(line.slice(hover.range.start, hover.range.end), '--workers');
  assert.match(hover.markdown, /\*\*workers\*\*/);
  const worker = hoverFlag(inv, line.indexOf('gevent') + 1);
  assert.ok(worker);
  assert.match(worker.markdown, /gevent/);
  assert.equal(hoverFlag(inv, line.indexOf('app:app')), undefined);
});

test('values and app targets filled in from the environment are not judged', () => {
  assert.deepEqual(checkInvocation(parse('gunicorn -w $WORKERS --timeout ${TIMEOUT} -k "$(worker_class)" $APP_DIR/app.py'), NEWEST), []);
  // The same flags with literal values are.
  const literal = checkInvocation(parse('gunicorn -w many --timeout soon srv/app.py'), NEWEST).map((f) => f.rule);
  assert.deepEqual(literal, ['gunicorn/invalid-value', 'gunicorn/invalid-value', 'gunicorn/app-target-syntax']);
});
