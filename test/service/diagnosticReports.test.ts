/**
 * Result ids and reused findings behind workspace diagnostics: an id changes exactly when a file's diagnostics do;
 * a check's findings are reused only while every file it read is unchanged; a check that read the project's
 * revision (a per-revision memo) is re-run at every revision.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { FormatSupport, Project } from '../../server/src/core/format';
import type { Finding } from '../../server/src/core/findings';
import { EMPTY_RESULT_ID, LanguageService } from '../../server/src/service/languageService';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const ROOT = '/ws';

/** The memory disk, where files can also be deleted. */
class Disk extends MemoryFileSystem {
  private readonly gone = new Set<string>();
  delete(file: string): void {
    this.gone.add(file);
  }
  override write(file: string, text: string): void {
    this.gone?.delete(file);
    super.write(file, text);
  }
  override readFile(file: string): string | undefined {
    return this.gone.has(file) ? undefined : super.readFile(file);
  }
  override stat(file: string): ReturnType<MemoryFileSystem['stat']> {
    return this.gone.has(file) ? undefined : super.stat(file);
  }
  override readDirectory(dir: string): string[] {
    return super.readDirectory(dir).filter((name) => !this.gone.has(path.posix.join(dir, name)));
  }
}

/** A format whose check reports `x/mentions` when `other.txt` holds the file's first word, counting its runs. */
function readingFormat(runs: Map<string, number>, readRevision = false): FormatSupport<string> {
  return {
    language: 'fake',
    matches: (file) => file.endsWith('.fake'),
    parse: (text) => text,
    check: (context) => {
      runs.set(context.path, (runs.get(context.path) ?? 0) + 1);
      if (readRevision) void (context.project as Project & { revision?: number }).revision;
      const word = context.text.split(/\s/)[0];
      const other = context.project.readFile(`${ROOT}/other.txt`) ?? '';
      const found: Finding[] = [];
      if (word && other.includes(word)) found.push({ rule: 'x/mentions', range: { start: 0, end: word.length }, message: `other.txt mentions ${word}` });
      return found;
    },
  };
}

async function service(runs: Map<string, number>, readRevision = false): Promise<{ service: LanguageService; disk: Disk }> {
  const disk = new Disk({ [`${ROOT}/a.fake`]: 'alpha\n', [`${ROOT}/b.fake`]: 'beta\n', [`${ROOT}/other.txt`]: 'nothing\n' });
  return { service: await LanguageService.create({ root: ROOT, fs: disk, formats: [readingFormat(runs, readRevision)] }), disk };
}

test('every claimed file is covered; the result id follows the diagnostics, not the revision', async () => {
  const runs = new Map<string, number>();
  const { service: s, disk } = await service(runs);
  assert.deepEqual(s.diagnosticFiles(), [`${ROOT}/a.fake`, `${ROOT}/b.fake`]);
  const before = s.diagnosticReport(`${ROOT}/a.fake`);
  assert.equal(before.resultId, EMPTY_RESULT_ID);
  assert.deepEqual(before.diagnostics, []);

  // An edit of b.fake moves the revision on: a.fake keeps its id.
  s.changeDocument(`${ROOT}/b.fake`, 'gamma\n', 2);
  assert.equal(s.diagnosticReport(`${ROOT}/a.fake`).resultId, before.resultId);

  // other.txt now mentions alpha: a.fake gets a finding and a new id; b.fake does not.
  disk.write(`${ROOT}/other.txt`, 'alpha\n');
  s.filesChanged([`${ROOT}/other.txt`]);
  const after = s.diagnosticReport(`${ROOT}/a.fake`);
  assert.notEqual(after.resultId, before.resultId);
  assert.deepEqual(
    after.diagnostics.map((d) => d.code),
    ['x/mentions'],
  );
  assert.equal(s.diagnosticReport(`${ROOT}/b.fake`).resultId, EMPTY_RESULT_ID);
});

test("a file's check runs again only when a file it read changed", async () => {
  const runs = new Map<string, number>();
  const { service: s, disk } = await service(runs);
  for (const file of s.diagnosticFiles()) s.diagnosticReport(file);
  assert.equal(runs.get(`${ROOT}/a.fake`), 1);

  // An edit of b.fake: b.fake is checked again, a.fake (which never read b.fake) is not.
  s.changeDocument(`${ROOT}/b.fake`, 'beta two\n', 2);
  for (const file of s.diagnosticFiles()) s.diagnosticReport(file);
  assert.equal(runs.get(`${ROOT}/a.fake`), 1);
  assert.equal(runs.get(`${ROOT}/b.fake`), 2);

  // other.txt changes on disk: both read it, both run again.
  disk.write(`${ROOT}/other.txt`, 'beta\n');
  s.filesChanged([`${ROOT}/other.txt`]);
  for (const file of s.diagnosticFiles()) s.diagnosticReport(file);
  assert.equal(runs.get(`${ROOT}/a.fake`), 2);
  assert.equal(runs.get(`${ROOT}/b.fake`), 3);
  assert.deepEqual(
    s.diagnostics(`${ROOT}/b.fake`).map((d) => d.code),
    ['x/mentions'],
  );
});

test('a check that read the revision (a per-revision memo) runs again at every revision', async () => {
  const runs = new Map<string, number>();
  const { service: s } = await service(runs, true);
  s.diagnosticReport(`${ROOT}/a.fake`);
  s.diagnosticReport(`${ROOT}/a.fake`);
  assert.equal(runs.get(`${ROOT}/a.fake`), 1, 'kept within the revision');
  s.changeDocument(`${ROOT}/b.fake`, 'beta two\n', 2);
  s.diagnosticReport(`${ROOT}/a.fake`);
  assert.equal(runs.get(`${ROOT}/a.fake`), 2, 'checked again at the next');
});

test('a deleted file leaves the covered files and takes its cached findings with it', async () => {
  const runs = new Map<string, number>();
  const { service: s, disk } = await service(runs);
  for (const file of s.diagnosticFiles()) s.diagnosticReport(file);
  disk.delete(`${ROOT}/b.fake`);
  s.filesChanged([`${ROOT}/b.fake`]);
  assert.deepEqual(s.diagnosticFiles(), [`${ROOT}/a.fake`]);
});
