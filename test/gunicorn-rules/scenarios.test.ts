/**
 * The gunicorn fixture scenarios, checked with the config rules alone (the lead's fixtures.test.ts runs them
 * through the whole service too): markers match findings both ways, first fixes give the `.fixed` text and the
 * fixed findings do not come back.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text';
import { describeExpectation, expectationOf, parseMarkers, stripMarkers } from '../support/markers';
import { checkConfig, firstFixes, fixturesDir, folderProject, ready } from './harness';

const scenarios = fs.existsSync(fixturesDir())
  ? fs.readdirSync(fixturesDir()).filter((name) => fs.existsSync(path.join(fixturesDir(), name, 'gunicorn.conf.py'))).sort()
  : [];

describe('gunicorn config rules on fixtures', () => {
  before(ready);
  test('there are scenarios', () => assert.ok(scenarios.length >= 30, `only ${scenarios.length} scenarios`));
  for (const name of scenarios) {
    test(name, () => {
      const dir = path.join(fixturesDir(), name);
      const file = path.join(dir, 'gunicorn.conf.py');
      const text = fs.readFileSync(file, 'utf8');
      const run = checkConfig(folderProject(dir), file, text);
      const index = new LineIndex(text);
      const actual = run.findings.map((f) => describeExpectation(expectationOf(index, f.range, f.severity, f.rule))).sort();
      const expected = parseMarkers(text).map(describeExpectation).sort();
      assert.deepEqual(actual, expected, run.findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));

      const fixed = path.join(dir, '.fixed', 'gunicorn.conf.py');
      if (!fs.existsSync(fixed)) return;
      const clean = stripMarkers(text);
      const cleanRun = checkConfig(folderProject(dir), file, clean);
      const fixes = firstFixes(cleanRun);
      assert.ok(fixes.length > 0, 'a .fixed file but no fix');
      const result = applyEdits(clean, fixes.flatMap(({ fix }) => fix.edits));
      assert.equal(result, fs.readFileSync(fixed, 'utf8'));
      const after = checkConfig(folderProject(dir), file, result);
      for (const rule of new Set(fixes.map(({ finding }) => finding.rule))) {
        const was = cleanRun.findings.filter((f) => f.rule === rule).length;
        const fixedCount = fixes.filter(({ finding }) => finding.rule === rule).length;
        const now = after.findings.filter((f) => f.rule === rule).length;
        assert.ok(now <= was - fixedCount, `${rule} still fires after its fix`);
      }
    });
  }
});
