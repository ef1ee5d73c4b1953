/**
 * The classes closed for agreement with systemd 252, checked without systemd-analyze (oracle.test.ts and
 * corpus.test.ts judge the same classes with the real program): integers read with base 0 and their ranges,
 * RestrictNamespaces=, specifiers in environment variable names, unknown escapes, lines that are not UTF-8, and the
 * line a continued assignment is reported on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/text';
import { findDirective } from '../../server/src/knowledge/systemd';
import { unknownEscapes } from '../../server/src/formats/systemd/execCommand';
import { parseUnit } from '../../server/src/formats/systemd/parser';
import { parseCInteger } from '../../server/src/formats/systemd/parserChecks';
import { checkValue } from '../../server/src/formats/systemd/values';
import { systemdFormat } from '../../server/src/formats/systemd';
import { contextFor, lint } from './support';

const HEAD = '[Service]\nExecStart=/bin/true\n';
const check = (name: string, value: string, section = 'Service') => checkValue(findDirective(section, name, '252')!, value);
/** Our syntax/value/name findings on a service whose [Service] holds `body`, as "line: rule (severity)". */
function parseFindings(body: string): string[] {
  const text = HEAD + body;
  const index = new LineIndex(text);
  return lint(text)
    .filter((f) => /^systemd\/(syntax|invalid-value|unknown-directive|unknown-section)$/.test(f.rule))
    .map((f) => `${index.positionAt(f.range.start).line + 1}-${index.positionAt(f.range.end - 1).line + 1}: ${f.rule}${f.severity ? ` (${f.severity})` : ''}`);
}

test('integers as strtol reads them with base 0', () => {
  assert.equal(parseCInteger('0x10'), 16);
  assert.equal(parseCInteger('07'), 7);
  assert.equal(parseCInteger('+5'), 5);
  assert.equal(parseCInteger('-20'), -20);
  assert.equal(parseCInteger('0'), 0);
  for (const refused of ['08', '5x', '0x', '', ' 5', '1.5', '--1']) assert.equal(parseCInteger(refused), undefined, refused);
});

test('ranged integers of systemd 252', () => {
  assert.equal(check('CPUSchedulingPriority', '0'), undefined);
  assert.equal(check('CPUSchedulingPriority', '99'), undefined);
  assert.equal(check('CPUSchedulingPriority', '0x10'), undefined);
  for (const refused of ['100', '-1', '', 'x']) assert.ok(check('CPUSchedulingPriority', refused), refused);
  assert.equal(check('IOSchedulingPriority', ''), undefined);
  assert.ok(check('IOSchedulingPriority', '8'));
  assert.ok(check('BlockIOWeight', '9') && check('StartupBlockIOWeight', '1001') && check('StartupCPUShares', '1'));
  assert.equal(check('Nice', '0x5'), undefined);
  assert.ok(check('Nice', '08'));
  assert.equal(check('StartLimitBurst', '+5'), undefined);
  assert.ok(check('StartLimitBurst', '-1') && check('StartLimitBurst', '4294967296'));
  assert.equal(check('LimitNICE', '+19'), undefined);
  assert.equal(check('LimitNICE', '40'), undefined);
  assert.ok(check('LimitNICE', '41') && check('LimitNICE', '-21') && check('LimitNICE', '-20:+19'));
  assert.ok(check('SuccessExitStatus', '256'));
  assert.equal(check('SuccessExitStatus', '255 TERM'), undefined);
  assert.ok(check('Priority', '', 'Socket'));
  assert.equal(check('Priority', '-5', 'Socket'), undefined);
});

test('RestrictNamespaces=: known types, one ~ for the whole list, booleans', () => {
  for (const ok of ['', '~', 'no', 'yes', '~mnt user', 'cgroup ipc net mnt pid user uts time', '~ mnt'])
    assert.equal(check('RestrictNamespaces', ok), undefined, ok);
  for (const refused of ['~mnt usr', '~yes', 'MNT', '~~mnt']) assert.ok(check('RestrictNamespaces', refused), refused);
});

test('environment names with specifiers are judged on the letters written', () => {
  assert.deepEqual(parseFindings('Environment=X%b=%U _%b=1\n'), []);
  assert.deepEqual(parseFindings('Environment=X%%=1\n'), ['3-3: systemd/invalid-value']);
  assert.deepEqual(parseFindings('Environment=1%b=x\n'), ['3-3: systemd/invalid-value']);
  assert.deepEqual(parseFindings('Environment=X-%b=1\n'), ['3-3: systemd/invalid-value']);
});

test('escapes systemd does not know: a warning in Exec lines, an error in Environment=', () => {
  const entry = (value: string) => parseUnit(`${HEAD}ExecStartPre=${value}\n`, 'a.service').entries[1];
  const escapes = (value: string) => unknownEscapes(entry(value), true).map((e) => e.text);
  assert.deepEqual(escapes('/bin/echo \\x41 \\101 \\u00e9 \\U0001f600 \\s \\t \\\\ \\" \\; x'), []);
  assert.deepEqual(escapes('/bin/echo a\\qb "a\\-b" \'\\e\' a\\; \\x00 \\777 \\U0000d800 \\u0000'), ['\\q', '\\-', '\\e', '\\;', '\\x', '\\7', '\\U', '\\u']);
  assert.deepEqual(parseFindings('ExecStartPre=/bin/echo a\\qb\n'), ['3-3: systemd/invalid-value (warning)']);
  assert.deepEqual(parseFindings('ExecStartPre=/bin/echo a\\\\qb\n'), []);
  assert.deepEqual(parseFindings('Environment=A=\\q\n'), ['3-3: systemd/invalid-value']);
  assert.deepEqual(parseFindings('Environment=A=\\x41\n'), []);
});

test('a line that is not UTF-8 is reported once; comments may hold anything', () => {
  const doc = parseUnit(`${HEAD}# caf\ufffd\nEnvironment=A=caf\ufffd\nDescription=\ufffd\n`, 'a.service');
  assert.deepEqual(
    doc.errors.map((e) => e.kind),
    ['not-utf8'],
  );
  assert.deepEqual(parseFindings('Environment=A=caf\ufffd\n'), ['3-3: systemd/syntax']);
  assert.deepEqual(parseFindings('Environment=A=café\n'), []);
});

test('a finding on a continued assignment reaches its last physical line', () => {
  assert.deepEqual(parseFindings('Foo=a \\\n  b\n'), ['3-4: systemd/unknown-directive']);
  assert.deepEqual(parseFindings('Environment=A=1 \\\n  1B=2 \\\n  C=3\n'), ['4-5: systemd/invalid-value']);
  assert.deepEqual(parseFindings('ExecStartPre=/bin/echo a\\q \\\n  b\n'), ['3-4: systemd/invalid-value (warning)']);
  assert.deepEqual(parseFindings('Nice=1 \\\n# between\n  2\n'), ['3-5: systemd/invalid-value']);
  // The fix for a misspelt key still changes only the key.
  const text = `${HEAD}Restartt=always \\\n  \n`;
  const finding = lint(text).find((f) => f.rule === 'systemd/unknown-directive')!;
  const fixes = systemdFormat.fixes!(finding, contextFor(text));
  assert.deepEqual(
    fixes.flatMap((f) => f.edits.map((e) => text.slice(e.range.start, e.range.end))),
    ['Restartt'],
  );
});

test('deprecated cgroup settings are warned on their line, as systemd does', () => {
  assert.deepEqual(parseFindings('CPUShares=1024\nMemoryLimit=1G\nCPUWeight=100\n'), ['3-3: systemd/unknown-directive', '4-4: systemd/unknown-directive']);
});
