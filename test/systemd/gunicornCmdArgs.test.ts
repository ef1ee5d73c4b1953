/**
 * GUNICORN_CMD_ARGS set by a unit: environment files read as systemd reads them, the flags checked and hovered in
 * place (in Environment=), and UnitFacts.gunicornCmdArgs from Environment= or a workspace EnvironmentFile=.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/findings';
import { systemdFormat, unitFacts } from '../../server/src/formats/systemd';
import { parseEnvironmentFile } from '../../server/src/formats/systemd/environmentFile';
import { parseUnit } from '../../server/src/formats/systemd/parser';
import { caret, contextFor, memoryProject } from './support';

const UNIT = (environment: string) =>
  `[Service]\nType=notify\n${environment}\nExecStart=/srv/.venv/bin/gunicorn app:app\nExecReload=/bin/kill -s HUP $MAINPID\n`;

function valueOf(text: string, name: string) {
  return parseEnvironmentFile(text)
    .filter((a) => a.name === name)
    .pop();
}

test('environment files: bare, quoted, escaped and continued values, comments, invalid lines', () => {
  const text = [
    '# comment',
    '; also a comment',
    'A=plain value  ',
    "B='single $quoted'",
    'C="double \\"esc\\" \\$x"',
    'D=one\\',
    'two',
    'not an assignment',
    '1BAD=x',
    '  E = spaced',
    'F=',
  ].join('\n');
  const byName = new Map(parseEnvironmentFile(text).map((a) => [a.name, a.value]));
  assert.deepEqual(
    [...byName],
    [
      ['A', 'plain value'],
      ['B', 'single $quoted'],
      ['C', 'double "esc" $x'],
      ['D', 'onetwo'],
      ['E', 'spaced'],
      ['F', ''],
    ],
  );
  const c = valueOf(text, 'C')!;
  // Every value character points at its own character in the file, escapes or not.
  for (let i = 0; i < c.value.length; i++) assert.equal(text[c.valueOffsets[i]], c.value[i]);
});

test('environment files: no exception, offsets inside the text and in order', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('A', 'GUNICORN_CMD_ARGS', '=', ' ', '\t', '"', "'", '\\', '\n', '\r\n', '#', ';', '-w', '4', 'x'), maxLength: 40 }),
      (text) => {
        for (const assignment of parseEnvironmentFile(text)) {
          assert.equal(assignment.valueOffsets.length, assignment.value.length);
          let previous = -1;
          for (const offset of assignment.valueOffsets) {
            assert.ok(offset > previous && offset < text.length);
            previous = offset;
          }
          assert.ok(assignment.valueRange.start <= assignment.valueRange.end && assignment.valueRange.end <= text.length);
          assert.equal(text.slice(assignment.nameRange.start, assignment.nameRange.end), assignment.name);
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('Environment=GUNICORN_CMD_ARGS: unknown options and invalid values land on the flag, with the fix', () => {
  for (const environment of [
    'Environment="GUNICORN_CMD_ARGS=--workerz 3 -w abc"',
    'Environment=GUNICORN_CMD_ARGS="--workerz 3 -w abc"',
    "Environment=OTHER=1 'GUNICORN_CMD_ARGS=--workerz 3 -w abc'",
  ]) {
    const text = UNIT(environment);
    const context = contextFor(text);
    const findings = systemdFormat.check(context).filter((f) => f.rule.startsWith('gunicorn/'));
    assert.deepEqual(
      findings.map((f) => [f.rule, text.slice(f.range.start, f.range.end)]),
      [
        ['gunicorn/unknown-option', '--workerz'],
        ['gunicorn/invalid-value', 'abc'],
      ],
      environment,
    );
    const fix = systemdFormat.fixes!(findings[0], context)[0];
    assert.ok(applyEdits(text, fix.edits).includes('--workers 3'), environment);
  }
});

test('GUNICORN_CMD_ARGS: no app target is judged, variables are not judged, escapes keep it quiet', () => {
  assert.deepEqual(
    systemdFormat.check(contextFor(UNIT('Environment="GUNICORN_CMD_ARGS=src/main.py:app -w $W"'))).filter((f) => f.rule.startsWith('gunicorn/')),
    [],
  );
  // An escaped quote shifts the characters: no place is exact, so no finding (the facts still hold the flags).
  const escaped = UNIT('Environment="GUNICORN_CMD_ARGS=--name \\"a\\" --workerz 3"');
  assert.deepEqual(
    systemdFormat.check(contextFor(escaped)).filter((f) => f.rule.startsWith('gunicorn/')),
    [],
  );
  const facts = unitFacts(parseUnit(escaped, '/work/app.service'));
  assert.deepEqual(
    facts.gunicornCmdArgs?.invocation.unknown.map((u) => u.flag),
    ['--workerz'],
  );
});

test('UnitFacts.gunicornCmdArgs: from Environment=, overridden by an environment file of the workspace', () => {
  const plain = UNIT('Environment="GUNICORN_CMD_ARGS=--workers 3 --timeout 60"');
  const facts = unitFacts(parseUnit(plain, '/work/app.service'));
  assert.equal(facts.gunicornCmdArgs?.path, '/work/app.service');
  assert.equal(plain.slice(facts.gunicornCmdArgs.range.start, facts.gunicornCmdArgs.range.end), '--workers 3 --timeout 60');
  assert.deepEqual(
    facts.gunicornCmdArgs?.invocation.options.map((o) => [o.setting?.name, o.value?.text]),
    [
      ['workers', '3'],
      ['timeout', '60'],
    ],
  );

  const envText = '# deployed to /etc/myapp/env\nGUNICORN_CMD_ARGS="--bind unix:/run/myapp.sock -w 5"\n';
  const unit = UNIT('Environment="GUNICORN_CMD_ARGS=--workers 3"\nEnvironmentFile=-/etc/myapp/env');
  for (const envPath of ['/etc/myapp/env', '/work/deploy/env']) {
    const project = memoryProject({ '/work/app.service': unit, [envPath]: envText });
    const fromFile = unitFacts(parseUnit(unit, '/work/app.service'), project).gunicornCmdArgs;
    assert.equal(fromFile?.path, envPath);
    const bind = fromFile?.invocation.options.find((o) => o.setting?.name === 'bind');
    assert.equal(envText.slice(bind!.value!.range.start, bind!.value!.range.end), 'unix:/run/myapp.sock');
  }
  // No such file in the workspace: Environment= stands.
  const missing = unitFacts(parseUnit(unit, '/work/app.service'), memoryProject({ '/work/app.service': unit }));
  assert.equal(missing.gunicornCmdArgs?.path, '/work/app.service');
  assert.equal(unitFacts(parseUnit(UNIT('Environment=A=1'), '/work/app.service')).gunicornCmdArgs, undefined);
});

test('hover and completion of flags in GUNICORN_CMD_ARGS and in ExecStart=', () => {
  const at = (source: string) => {
    const { text, offset } = caret(source);
    return { context: contextFor(text), offset };
  };
  const hover = at(UNIT('Environment="GUNICORN_CMD_ARGS=--wor<|>kers 3"'));
  assert.match(systemdFormat.hover!(hover.context, hover.offset)?.markdown ?? '', /`workers`/);
  const complete = at('[Service]\nExecStart=/srv/.venv/bin/gunicorn --wor<|>\n');
  const labels = systemdFormat.complete!(complete.context, complete.offset).map((item) => item.label);
  assert.ok(labels.includes('--workers'), labels.slice(0, 5).join(' '));
  const value = at('[Service]\nExecStart=/srv/.venv/bin/gunicorn -k <|>\n');
  assert.ok(systemdFormat.complete!(value.context, value.offset).some((item) => item.label === 'gevent'));
  const env = at('[Service]\nEnvironment="GUNICORN_CMD_ARGS=--log-level <|>"\n');
  assert.ok(systemdFormat.complete!(env.context, env.offset).some((item) => item.label === 'debug'));
});
