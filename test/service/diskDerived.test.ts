/**
 * Answers derived from the disk alone (an include glob's files) are kept while the disk's answers are, and the
 * check cache treats one as a question like any other: a check that read it is run again when it changes and reused
 * when, computed again, it is the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/core/findings';
import type { AnalysisContext } from '../../server/src/core/format';
import { CheckCache } from '../../server/src/service/checkCache';
import { memoryProject } from '../support/memoryFileSystem';

const FILES = { 'nginx.conf': 'include conf.d/*.conf;\n', 'conf.d/a.conf': '', 'conf.d/b.conf': '' };

test('a derived answer is computed once while the disk answers stand', () => {
  const { project, fs } = memoryProject('/w', FILES);
  let computed = 0;
  const confD = () =>
    project.diskDerived('conf.d', (own) => {
      computed++;
      return { files: own.listDirectory('/w/conf.d') };
    });
  assert.deepEqual(confD(), { files: ['a.conf', 'b.conf'] });
  confD();
  project.setOpen('/w/nginx.conf', 'include conf.d/*.conf;\n# edited\n', 1);
  project.setOpen('/w/nginx.conf', 'include conf.d/*.conf;\n# edited again\n', 2);
  assert.deepEqual(confD(), { files: ['a.conf', 'b.conf'] });
  assert.equal(computed, 2, 'once, and once more for the document newly opened (it may answer `exists`), not per edit');
  fs.write('/w/conf.d/c.conf', '');
  project.invalidate(['/w/conf.d/c.conf']);
  assert.deepEqual(confD(), { files: ['a.conf', 'b.conf', 'c.conf'] }, 'a reported disk change renews it');
  assert.equal(computed, 3);
});

test('the check cache reuses findings while a derived answer is the same, and checks again when it changes', () => {
  const { project, fs } = memoryProject('/w', FILES);
  const cache = new CheckCache(project);
  let runs = 0;
  const check = (context: AnalysisContext<unknown>): Finding[] => {
    runs++;
    const { files } = context.project.diskDerived!('conf.d', (own) => ({ files: own.listDirectory('/w/conf.d') }));
    return [{ rule: 'test/fragments', range: { start: 0, end: 1 }, message: `${files.length} fragments` }];
  };
  const context = { path: '/w/nginx.conf', text: FILES['nginx.conf'], document: {}, project };
  const message = () => cache.run(context, check)[0].message;
  assert.equal(message(), '2 fragments');
  // A disk change elsewhere renews the disk answers: the glob's files, computed again, are the same.
  fs.write('/w/other.txt', '');
  project.invalidate(['/w/other.txt']);
  assert.equal(message(), '2 fragments');
  assert.equal(runs, 1, 'reused: the answer it read is the same');
  fs.write('/w/conf.d/c.conf', '');
  project.invalidate(['/w/conf.d/c.conf']);
  assert.equal(message(), '3 fragments', 'checked again: the answer it read changed');
  assert.equal(runs, 2);
});
