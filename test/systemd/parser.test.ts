import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseUnit, valueIndexOf, valueOffsetAt, valueSubrange } from '../../server/src/formats/systemd/parser';
import { describeUnitPath, isUnitPath, templateOf } from '../../server/src/formats/systemd/unitPath';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

test('sections and assignments keep exact ranges, with whitespace stripped as systemd does', () => {
  const text = '[Unit]\nDescription = My app \n\n  [Service]  \n\tExecStart=/bin/true\n';
  const doc = parseUnit(text, '/w/app.service');
  assert.deepEqual(
    doc.sections.map((s) => s.name),
    ['Unit', 'Service'],
  );
  const [description, exec] = doc.entries;
  assert.equal(description.key, 'Description');
  assert.equal(description.value, 'My app');
  assert.equal(slice(text, description.keyRange), 'Description');
  assert.equal(slice(text, description.valueRange), 'My app');
  assert.equal(exec.section, 'Service');
  assert.equal(slice(text, doc.sections[1].headerRange), '[Service]');
  assert.deepEqual(doc.errors, []);
});

test('comments start with # or ; after optional blanks; values may contain them', () => {
  const text = '# top\n; also\n[Service]\n   # indented\nEnvironment=A=1 #not-a-comment\n';
  const doc = parseUnit(text, 'x.service');
  assert.equal(doc.comments.length, 3);
  assert.equal(doc.entries[0].value, 'A=1 #not-a-comment');
});

test('backslash continuation joins lines with a space and skips comment lines inside', () => {
  const text = '[Service]\nExecStart=/bin/gunicorn \\\n  # comment inside\n  --workers 3 \\\n  app:app\nType=notify\n';
  const doc = parseUnit(text, 'x.service');
  const exec = doc.entries[0];
  assert.equal(exec.value, '/bin/gunicorn    --workers 3    app:app');
  assert.equal(doc.entries[1].key, 'Type');
  assert.equal(doc.comments.length, 1);
  // Ranges into the value map back onto the right physical line.
  const at = exec.value.indexOf('--workers');
  assert.equal(slice(text, valueSubrange(exec, at, at + 9)), '--workers');
  const app = exec.value.indexOf('app:app');
  assert.equal(slice(text, valueSubrange(exec, app, app + 7)), 'app:app');
  assert.equal(exec.line, 1);
});

test('an escaped backslash at the end of a line does not continue it', () => {
  const doc = parseUnit('[Service]\nEnvironment=A=x\\\\\nType=notify\n', 'x.service');
  assert.equal(doc.entries.length, 2);
  assert.equal(doc.entries[0].value, 'A=x\\\\');
});

test('a continuation pending at the end of the file is still an entry', () => {
  const doc = parseUnit('[Service]\nType=notify \\', 'x.service');
  assert.equal(doc.entries.length, 1);
  assert.equal(doc.entries[0].value, 'notify');
});

test('syntax errors: outside a section, missing =, missing key, bad header', () => {
  const doc = parseUnit('Foo=bar\n[Service]\nPrivateTmp\n=yes\n[Install\nWantedBy=x\n', 'x.service');
  assert.deepEqual(
    doc.errors.map((e) => e.kind),
    ['outside-section', 'missing-equals', 'missing-key', 'invalid-header'],
  );
  // After a broken header systemd stops; we stay quiet about what follows.
  assert.equal(doc.errors.length, 4);
});

test('lines in an unknown section are skipped without syntax errors, as systemd does', () => {
  const doc = parseUnit('[Service]\nType=notify\n[Servic]\nnonsense\n[X-Meta]\nmore nonsense\n', 'x.service');
  assert.deepEqual(doc.errors, []);
  assert.deepEqual(
    doc.sections.map((s) => s.name),
    ['Service', 'Servic', 'X-Meta'],
  );
});

test('empty values keep an empty range right after =', () => {
  const text = '[Service]\nExecStart=\n';
  const doc = parseUnit(text, 'x.service');
  assert.equal(doc.entries[0].value, '');
  assert.equal(doc.entries[0].valueRange.start, text.indexOf('=') + 1);
  assert.equal(doc.entries[0].valueRange.end, doc.entries[0].valueRange.start);
});

test('CRLF, CR and a BOM are read like LF', () => {
  const doc = parseUnit('\ufeff[Service]\r\nType=notify\rUser=app\r\n', 'x.service');
  assert.deepEqual(
    doc.entries.map((e) => [e.key, e.value]),
    [
      ['Type', 'notify'],
      ['User', 'app'],
    ],
  );
});

test('specifiers stay in values as written', () => {
  const doc = parseUnit('[Service]\nExecStart=/srv/%i/bin/gunicorn --bind unix:%t/%p.sock\n', 'app@.service');
  assert.equal(doc.entries[0].value, '/srv/%i/bin/gunicorn --bind unix:%t/%p.sock');
  assert.equal(doc.template, true);
});

test('paths: unit types, templates and drop-ins', () => {
  assert.deepEqual(describeUnitPath('/etc/systemd/system/app@.service'), { unitType: 'service', unitName: 'app@.service', template: true, dropIn: false });
  assert.deepEqual(describeUnitPath('/w/app.service.d/10-limits.conf'), { unitType: 'service', unitName: 'app.service', template: false, dropIn: true });
  assert.equal(isUnitPath('/w/app.socket'), true);
  assert.equal(isUnitPath('/w/app.timer'), true);
  assert.equal(isUnitPath('/w/app.socket.d/override.conf'), true);
  assert.equal(isUnitPath('/w/nginx/app.conf'), false);
  assert.equal(isUnitPath('/w/app.service.txt'), false);
  assert.equal(templateOf('app@blue.service'), 'app@.service');
  assert.equal(templateOf('app@.service'), undefined);
});

test('fuzz: any text parses without throwing and every range lies inside the text', () => {
  const pieces = fc.constantFrom(
    '[',
    ']',
    '=',
    '\\',
    '\n',
    '\r',
    '\r\n',
    ' ',
    '\t',
    '#',
    ';',
    '%i',
    '"',
    "'",
    'Service',
    'Unit',
    'ExecStart',
    'a',
    '\ufeff',
    '$X',
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 80 }), (parts) => {
      const text = parts.join('');
      const doc = parseUnit(text, 'fuzz.service');
      const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= text.length;
      for (const s of doc.sections) assert.ok(inside(s.headerRange) && inside(s.nameRange) && inside(s.range));
      for (const e of doc.entries) {
        assert.ok(inside(e.keyRange) && inside(e.valueRange) && inside(e.range));
        for (let i = 0; i < e.value.length; i++) {
          const o = valueOffsetAt(e, i);
          assert.ok(o >= e.range.start && o < e.range.end, 'value offset outside its entry');
          // The character there is the value's, except a continuation's backslash, which reads as a space.
          assert.ok(text[o] === e.value[i] || (text[o] === '\\' && e.value[i] === ' '), `value[${i}] maps to ${JSON.stringify(text[o])}`);
          assert.equal(valueIndexOf(e, o), i);
        }
      }
      for (const err of doc.errors) assert.ok(inside(err.range));
      for (const c of doc.comments) assert.ok(inside(c));
    }),
    { numRuns: 400 },
  );
});
