import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/core/text';
import { nearest } from '../../server/src/core/nearest';
import { globToRegExp } from '../../server/src/core/paths';
import { applyEdits } from '../../server/src/core/findings';

test('LineIndex handles \\n, \\r\\n, \\r and UTF-16 offsets', () => {
  const text = 'é🙂 = 1\r\nb = 2\rc';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 3);
  assert.deepEqual(index.positionAt(text.indexOf('=')), { line: 0, character: 4 });
  assert.deepEqual(index.positionAt(text.indexOf('b')), { line: 1, character: 0 });
  assert.equal(index.lineText(0), 'é🙂 = 1');
  assert.equal(index.offsetAt({ line: 2, character: 0 }), text.indexOf('c'));
});

test('LineIndex gives the same lines for a text with and without carriage returns', () => {
  const lines = ['server {', '', '    listen 80;', 'é🙂', '}', ''];
  const plain = new LineIndex(lines.join('\n'));
  const windows = new LineIndex(lines.join('\r\n'));
  assert.equal(plain.lineCount, lines.length);
  assert.equal(windows.lineCount, lines.length);
  for (let line = 0; line < lines.length; line++) {
    assert.equal(plain.lineText(line), lines[line]);
    assert.equal(windows.lineText(line), lines[line]);
    assert.deepEqual(plain.positionAt(plain.lineStart(line)), { line, character: 0 });
  }
});

test('LineIndex round-trips every offset of arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
      const index = new LineIndex(text);
      for (let offset = 0; offset <= text.length; offset++) {
        const back = index.offsetAt(index.positionAt(offset));
        // Offsets inside a \r\n pair map to the end of the line, nowhere else may differ.
        if (back !== offset) assert.ok(text[offset - 1] === '\r' && text[offset] === '\n');
      }
    }),
    { numRuns: 200 },
  );
});

test('nearest prefers case changes and respects the budget', () => {
  assert.equal(nearest('WORKERS', ['workers', 'worker_class']), 'workers');
  assert.equal(nearest('workers_class', ['workers', 'worker_class']), 'worker_class');
  assert.equal(nearest('database_url', ['workers', 'worker_class']), undefined);
});

test('globs', () => {
  assert.ok(globToRegExp('**/sites-available/*').test('etc/nginx/sites-available/app'));
  assert.ok(globToRegExp('**/sites-available/*').test('sites-available/app'));
  assert.ok(!globToRegExp('conf.d/*.conf').test('conf.d/a/b.conf'));
  assert.ok(globToRegExp('gunicorn*.conf.py').test('gunicorn.prod.conf.py'));
  assert.ok(globToRegExp('*.{service,socket}').test('app.socket'));
});

test('applyEdits applies in order and drops overlaps', () => {
  assert.equal(
    applyEdits('abcdef', [
      { range: { start: 4, end: 5 }, newText: 'E' },
      { range: { start: 0, end: 1 }, newText: 'A' },
    ]),
    'AbcdEf',
  );
  assert.equal(
    applyEdits('abc', [
      { range: { start: 0, end: 2 }, newText: 'x' },
      { range: { start: 1, end: 3 }, newText: 'y' },
    ]),
    'xc',
  );
});
