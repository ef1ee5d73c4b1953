/**
 * Oracle: Debian's `nginx -t` judges a corpus of our own configs (snippets x mutations, probes, our class cases, plus
 * every fixture: oracleCorpus.ts). Where nginx passes we must report no error; where it fails we must report an
 * error on the line nginx names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCorpus, judgeCorpus, nginxAvailable } from './oracleCorpus';

test('nginx -t agrees with our errors', { timeout: 180000 }, async (t) => {
  if (!nginxAvailable()) {
    t.skip('nginx not installed (or not running as root): oracle skipped');
    return;
  }
  const size = buildCorpus('/nonexistent').length;
  assert.ok(size >= 250, `corpus has ${size} files`);
  const verdicts = await judgeCorpus('1.22');
  const failures = verdicts.filter((v) => !v.agree).map((v) => v.detail!);
  assert.deepEqual(failures, [], `${failures.length} of ${verdicts.length} disagree:\n${failures.join('\n')}`);
});
