/**
 * A realistic 1,000-file monorepo of gunicorn services (scripts/make-bench-repo.mjs: Flask, Django, Falcon and plain
 * WSGI apps, units beside their services and under ops/systemd/, socket activation, nginx sites included from a main
 * config, Dockerfiles and a Procfile) with faults planted in some services: the linter reports exactly the planted
 * faults, each in its file, and nothing on the clean services.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { LanguageService } from '../../server/src/service/languageService';
import { repoRoot } from '../support/repo';

interface Fault {
  rule: string;
  file: string;
}

test('every planted fault of the 1,000-file repository is reported, and nothing else', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-monorepo-'));
  try {
    const generator = pathToFileURL(path.join(repoRoot(), 'scripts', 'make-bench-repo.mjs')).href;
    const { makeBenchRepo } = (await import(generator)) as { makeBenchRepo: (dir: string, options?: object) => { faults: Fault[] } };
    const { faults } = makeBenchRepo(dir, { files: 1000 });
    assert.ok(faults.length >= 20, `only ${faults.length} faults planted`);
    const service = await LanguageService.create({ root: dir });
    const reported = new Set<string>();
    for (const file of service.managedFiles()) {
      for (const { finding } of service.findings(file)) reported.add(`${finding.rule} ${path.relative(dir, file)}`);
    }
    const expected = new Set(faults.map((fault) => `${fault.rule} ${fault.file}`));
    assert.deepEqual([...reported].filter((item) => !expected.has(item)).sort(), [], 'reported but not planted (false alarms)');
    assert.deepEqual([...expected].filter((item) => !reported.has(item)).sort(), [], 'planted but not reported');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
