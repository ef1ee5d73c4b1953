import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/findings';
import { isSuppressed, parseSuppressions } from '../../server/src/core/suppressions';
import { LineIndex } from '../../server/src/core/text';

function findingOn(text: string, line: number, rule: string): Finding {
  const index = new LineIndex(text);
  return { rule, message: '', range: { start: index.lineStart(line), end: index.lineEnd(line) } };
}

test('a trailing comment silences its own line only', () => {
  const text = 'timeout = 900  # gunicorn-lint: disable=gunicorn/timeout-band-aid legacy clients\ntimeout = 901\n';
  const index = new LineIndex(text);
  const suppressions = parseSuppressions(text, index);
  assert.equal(isSuppressed(findingOn(text, 0, 'gunicorn/timeout-band-aid'), suppressions, index), true);
  assert.equal(isSuppressed(findingOn(text, 1, 'gunicorn/timeout-band-aid'), suppressions, index), false);
  assert.equal(isSuppressed(findingOn(text, 0, 'gunicorn/other'), suppressions, index), false);
});

test('a comment on its own line silences the next code line', () => {
  const text = '    # gunicorn-lint: disable=nginx/proxy-headers,nginx/host-spoofing why\n\n    # more words\n    proxy_pass http://app;\n';
  const index = new LineIndex(text);
  const suppressions = parseSuppressions(text, index);
  assert.equal(isSuppressed(findingOn(text, 3, 'nginx/proxy-headers'), suppressions, index), true);
  assert.equal(isSuppressed(findingOn(text, 3, 'nginx/host-spoofing'), suppressions, index), true);
});

test('disable-file and all', () => {
  const text = '# gunicorn-lint: disable-file=systemd/notify-type\n[Service]\nType=simple\n# gunicorn-lint: disable=all\nKillMode=process\n';
  const index = new LineIndex(text);
  const suppressions = parseSuppressions(text, index);
  assert.equal(isSuppressed(findingOn(text, 2, 'systemd/notify-type'), suppressions, index), true);
  assert.equal(isSuppressed(findingOn(text, 2, 'systemd/kill-mode'), suppressions, index), false);
  assert.equal(isSuppressed(findingOn(text, 4, 'systemd/kill-mode'), suppressions, index), true);
});
