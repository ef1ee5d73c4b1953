/**
 * The product's one version, for `gunicorn-lint --version`, SARIF's tool.driver.version and the server's
 * serverInfo. The esbuild bundles get it written in at build time (scripts/build.mjs defines
 * GUNICORN_LINT_VERSION from the root package.json), so a bundle copied anywhere (the npm package, the .vsix)
 * still knows it. Code compiled by tsc alone (out/, the tests) has no such constant and reads the root manifest.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

declare const GUNICORN_LINT_VERSION: string | undefined;

/** The root manifest's name: the extension's, which is also the repository's. */
const MANIFEST_NAME = 'gunicorn-deploy';

export function productVersion(): string {
  // typeof on an undeclared name is safe at run time, so the tsc build falls through to the manifest.
  if (typeof GUNICORN_LINT_VERSION === 'string') return GUNICORN_LINT_VERSION;
  return manifestVersion(__dirname) ?? '0.0.0';
}

/** The version in the nearest package.json named gunicorn-deploy at or above `start` (bounded to 6 folders). */
export function manifestVersion(start: string): string | undefined {
  let folder = start;
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === MANIFEST_NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no (readable) package.json here: look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}
