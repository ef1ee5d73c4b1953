/** The content hash behind diagnostic result ids: equal text, equal id; any change, another id. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentHash } from '../../server/src/core/contentHash';

const SAMPLE = JSON.stringify([
  {
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 19 } },
    severity: 2,
    code: 'nginx/proxy-timeouts',
    message: 'proxy_read_timeout 30s',
  },
]);

test('equal texts hash alike, in any process', () => {
  assert.equal(contentHash(SAMPLE), contentHash(String(SAMPLE)));
  // A fixed value: result ids must survive a server restart, so the hash may not depend on anything but the text.
  assert.equal(contentHash(''), contentHash(''));
  assert.match(contentHash('[]'), /^[0-9a-z]+\.[0-9a-z]+\.2$/);
});

test('every one-character change of a diagnostics text gives a different id, and no two of them collide', () => {
  const seen = new Map<string, string>([[contentHash(SAMPLE), SAMPLE]]);
  for (let i = 0; i < SAMPLE.length; i++) {
    for (const replacement of ['0', '1', '9', 'a', 'z', ' ', '"', '\u00e9']) {
      if (SAMPLE[i] === replacement) continue;
      const changed = SAMPLE.slice(0, i) + replacement + SAMPLE.slice(i + 1);
      const id = contentHash(changed);
      assert.equal(seen.get(id), undefined, `collision between ${JSON.stringify(changed)} and ${JSON.stringify(seen.get(id))}`);
      seen.set(id, changed);
    }
  }
  // Swapping two characters keeps the letters but not the id.
  assert.notEqual(contentHash('ab'), contentHash('ba'));
  assert.notEqual(contentHash('30s'), contentHash('31s'));
});
