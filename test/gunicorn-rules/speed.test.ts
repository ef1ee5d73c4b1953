/**
 * The shortcuts that keep re-checks fast must not change answers: the one-edit test against the full edit
 * distance, the remembered requirements search against a changed requirements file, the version the value
 * validator is given, and the rule registry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { editDistance } from '../../server/src/core/nearest';
import { gunicornRules } from '../../server/src/formats/gunicorn/index';
import { allRules, ruleMeta } from '../../server/src/service/formats';
import { withinOneEdit } from '../../server/src/formats/gunicorn/rules/unknown-setting';
import { requirementsFor } from '../../server/src/formats/requirements/cache';
import { gunicornVersionFor } from '../../server/src/formats/requirements/gunicornVersion';
import { checkConfig, folderProject, ready } from './harness';

before(ready);

test('withinOneEdit is editDistance <= 1', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), maxLength: 8 });
  fc.assert(
    fc.property(word, word, (a, b) => {
      assert.equal(withinOneEdit(a, b), editDistance(a, b) <= 1, `${a} / ${b}`);
    }),
    { numRuns: 2000 },
  );
  assert.equal(withinOneEdit('workers_class', 'worker_class'), true);
  assert.equal(withinOneEdit('wokrers', 'workers'), false); // a swap is two edits
});

test('the remembered requirements search sees a requirements file change', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyperf-req-'));
  try {
    const config = path.join(root, 'gunicorn.conf.py');
    const requirements = path.join(root, 'requirements.txt');
    const project = folderProject(root);
    assert.equal(requirementsFor(project, config), undefined);
    assert.equal(gunicornVersionFor(project, config).source, 'newest');
    fs.writeFileSync(requirements, 'gunicorn==22.0.0\n');
    assert.deepEqual(gunicornVersionFor(project, config), { version: '22.0.0', source: 'requirements' });
    const first = requirementsFor(project, config);
    assert.equal(requirementsFor(project, config), first, 'unchanged files: the same answer, not searched again');
    fs.writeFileSync(requirements, 'gunicorn==23.0.0\n');
    assert.deepEqual(gunicornVersionFor(project, config), { version: '23.0.0', source: 'requirements' });
    fs.rmSync(requirements);
    assert.equal(gunicornVersionFor(project, config).source, 'newest');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('invalid-value judges a value as the gunicorn version in use does', () => {
  const file = path.join(os.tmpdir(), 'gunicorn.conf.py');
  const lint = (version?: string) =>
    checkConfig(folderProject(os.tmpdir(), {}, version ? { gunicornVersion: version } : {}), file, 'proxy_protocol = "v1"\n').findings.map((f) => f.rule);
  // proxy_protocol took only True/False before 24.1.0; later releases take the protocol name.
  assert.deepEqual(lint('23.0.0'), ['gunicorn/invalid-value']);
  assert.deepEqual(lint('24.1.0'), []);
  assert.deepEqual(lint(), []);
});

test('the registry lists the command-line check once, as an error', () => {
  const ids = gunicornRules.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(allRules().filter((rule) => rule.id === 'gunicorn/unknown-option').length, 1);
  assert.deepEqual(ruleMeta('gunicorn/unknown-option')?.severity, 'error');
});
