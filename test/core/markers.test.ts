/** The fixture marker syntax itself, so a broken runner cannot pass silently. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMarkers, stripMarkers } from '../support/markers';

test('carets map to columns of the nearest line above; # can be the first caret', () => {
  const text = [
    'workers_class = "gevent"',
    '#^^^^^^^^^^^^ warning gunicorn/unknown-setting',
    'timeout = 900',
    '#         ^^^ warning gunicorn/timeout-band-aid',
    '#^^^^^^ info gunicorn/x',
  ].join('\n');
  assert.deepEqual(parseMarkers(text), [
    { line: 0, startColumn: 0, width: 13, severity: 'warning', rule: 'gunicorn/unknown-setting' },
    { line: 2, startColumn: 10, width: 3, severity: 'warning', rule: 'gunicorn/timeout-band-aid' },
    { line: 2, startColumn: 0, width: 7, severity: 'info', rule: 'gunicorn/x' },
  ]);
});

test('an indented # is not a caret: carets start after it', () => {
  const text = '    proxy_pass http://app;\n    #^^^^^^^^^ warning nginx/proxy-headers\n';
  assert.deepEqual(parseMarkers(text), [{ line: 0, startColumn: 5, width: 9, severity: 'warning', rule: 'nginx/proxy-headers' }]);
});

test('ordinary comments are not markers, and stripping keeps them', () => {
  const text = '# a comment ^^^ here\nx = 1\n#  ^ error a/b\n';
  assert.equal(parseMarkers(text).length, 1);
  assert.equal(stripMarkers(text), '# a comment ^^^ here\nx = 1\n');
});
