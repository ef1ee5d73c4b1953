/** Where things are, for tests compiled into out/test/... */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file holding our package.json. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'gunicorn-deploy') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

export function fixturesRoot(): string {
  return path.join(repoRoot(), 'test', 'fixtures');
}

/** The upstream facts the tests check the knowledge tables against, copied into the repository (test/reference). */
export function referenceDir(): string {
  return path.join(repoRoot(), 'test', 'reference');
}
