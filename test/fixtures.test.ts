/**
 * Runs every fixture scenario under test/fixtures/<domain>/<scenario>/ through the real language service:
 * findings must match the inline markers exactly, both ways; where a `.fixed/` folder exists, the first fix of
 * every finding is applied and the result compared with it, then re-checked.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits, type FileEdit, type Finding } from '../server/src/core/findings';
import { LineIndex } from '../server/src/core/text';
import { describeExpectation, expectationOf, parseMarkers, stripMarkers, type Expectation } from './support/markers';
import { fixturesRoot } from './support/repo';
import { listScenarios, openScenario } from './support/scenario';

const key = (e: Expectation) => describeExpectation(e);

for (const domain of fs.existsSync(fixturesRoot()) ? fs.readdirSync(fixturesRoot()).sort() : []) {
  const domainDir = path.join(fixturesRoot(), domain);
  if (!fs.statSync(domainDir).isDirectory()) continue;
  describe(`fixtures/${domain}`, () => {
    for (const dir of listScenarios(domainDir)) {
      test(path.basename(dir), async () => {
        const service = await openScenario(dir);
        const files = service.managedFiles();
        assert.ok(files.length > 0, `no file in ${dir} is claimed by any format`);
        for (const file of files) {
          const text = service.textOf(file)!;
          const index = new LineIndex(text);
          const expected = parseMarkers(text).map(key).sort();
          const actual = service
            .findings(file)
            .map(({ finding, severity }) => key(expectationOf(index, finding.range, severity, finding.rule)))
            .sort();
          const messages = service
            .findings(file)
            .map(({ finding }) => `  ${finding.rule}: ${finding.message}`)
            .join('\n');
          assert.deepEqual(actual, expected, `${path.relative(fixturesRoot(), file)}: findings differ from markers\n${messages}`);
        }
        const fixedDir = path.join(dir, '.fixed');
        if (fs.existsSync(fixedDir)) await checkFixes(dir, fixedDir);
      });
    }
  });
}

async function checkFixes(dir: string, fixedDir: string): Promise<void> {
  const service = await openScenario(dir);
  const files = service.managedFiles();
  for (const file of files) service.openDocument(file, stripMarkers(service.textOf(file)!), 1);

  const edits = new Map<string, FileEdit[]>();
  const fixedRules = new Map<string, Map<string, number>>();
  for (const file of files) {
    const seen = new Set<Finding>();
    for (const { finding, fix } of service.fixes(file)) {
      if (seen.has(finding)) continue; // the first fix of each finding only
      seen.add(finding);
      for (const edit of fix.edits) {
        const target = edit.path ?? file;
        (edits.get(target) ?? edits.set(target, []).get(target)!).push(edit);
      }
      const rules = fixedRules.get(file) ?? fixedRules.set(file, new Map()).get(file)!;
      rules.set(finding.rule, (rules.get(finding.rule) ?? 0) + 1);
    }
  }
  assert.ok(edits.size > 0, `${dir}: has .fixed/ but no finding offers a fix`);

  const before = new Map(files.map((file) => [file, ruleCounts(service, file)]));
  for (const [file, fileEdits] of edits) {
    // A fix may create a file (a gunicorn.conf.py for a post_fork hook): it starts empty.
    const fixedText = applyEdits(service.textOf(file) ?? '', fileEdits);
    const expectedFile = path.join(fixedDir, path.relative(dir, file));
    assert.ok(fs.existsSync(expectedFile), `${path.relative(dir, file)} changed by fixes but ${path.relative(dir, expectedFile)} is missing`);
    assert.equal(fixedText, fs.readFileSync(expectedFile, 'utf8'), `${path.relative(dir, file)}: fixed text differs from .fixed`);
    service.openDocument(file, fixedText, 2);
  }
  for (const [file, rules] of fixedRules) {
    const after = ruleCounts(service, file);
    for (const [rule, fixedCount] of rules) {
      const was = before.get(file)?.get(rule) ?? 0;
      assert.ok((after.get(rule) ?? 0) <= was - fixedCount, `${path.relative(dir, file)}: ${rule} still fires after its fix`);
    }
  }
}

function ruleCounts(service: { findings(file: string): { finding: Finding }[] }, file: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { finding } of service.findings(file)) counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
  return counts;
}
