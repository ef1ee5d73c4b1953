/** The gunicornLint section as clients send it: anything at all, turned into settings or dropped. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClientSettings, unwrapSection } from '../../server/src/lsp/clientSettings';

test('a full section from VS Code', () => {
  const settings = parseClientSettings({
    rules: { 'gunicorn/unknown-setting': 'off', 'nginx/proxy-headers': 'error' },
    gunicornVersion: '23.0',
    nginxVersion: '1.22',
    systemdVersion: 252,
    gunicornConfigGlobs: ['deploy/*.py'],
    trace: { server: 'off' },
  });
  assert.deepEqual(settings, {
    rules: { 'gunicorn/unknown-setting': 'off', 'nginx/proxy-headers': 'error' },
    gunicornVersion: '23.0',
    nginxVersion: '1.22',
    systemdVersion: '252',
    gunicornConfigGlobs: ['deploy/*.py'],
  });
});

test('empty strings and missing keys mean "not set", and every key is present so the service forgets old values', () => {
  const settings = parseClientSettings({ gunicornVersion: '  ', rules: null });
  assert.deepEqual(Object.keys(settings).sort(), ['gunicornConfigGlobs', 'gunicornVersion', 'nginxVersion', 'rules', 'systemdVersion']);
  assert.equal(settings.gunicornVersion, undefined);
  assert.deepEqual(settings.rules, {});
  assert.deepEqual(settings.gunicornConfigGlobs, []);
});

test('wrong types and unknown severities are dropped; common spellings are accepted', () => {
  const settings = parseClientSettings({
    rules: { a: 'WARN', b: 'information', c: 'loud', d: 3, e: ' Error ' },
    gunicornConfigGlobs: ['ok/*.py', 4, '', null],
    nginxVersion: { major: 1 },
  });
  assert.deepEqual(settings.rules, { a: 'warning', b: 'info', e: 'error' });
  assert.deepEqual(settings.gunicornConfigGlobs, ['ok/*.py']);
  assert.equal(settings.nginxVersion, undefined);
});

test('non-objects give the defaults', () => {
  for (const raw of [undefined, null, 'x', 42, [1, 2]]) {
    assert.deepEqual(parseClientSettings(raw), {
      rules: {},
      gunicornVersion: undefined,
      nginxVersion: undefined,
      systemdVersion: undefined,
      gunicornConfigGlobs: [],
    });
  }
});

test('didChangeConfiguration payloads are unwrapped from their section', () => {
  assert.deepEqual(unwrapSection({ gunicornLint: { rules: {} } }), { rules: {} });
  assert.deepEqual(unwrapSection({ rules: {} }), { rules: {} });
  assert.equal(unwrapSection(null), null);
});
