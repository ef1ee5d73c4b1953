/**
 * What the server calls itself in initialize's serverInfo. The version is read from the package.json above the
 * running file (dist/server.js in the extension, out/... under tsc), so there is one version to bump.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SERVER_NAME = 'gunicorn-lint';

export function serverVersion(startFolder: string = __dirname): string {
  let folder = startFolder;
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version?: unknown };
      if (typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no (readable) package.json here: look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return 'unknown';
}
