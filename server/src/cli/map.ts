/**
 * `gunicorn-lint --map mermaid|dot|json [PATH]`: the deployment map of a folder instead of findings, for docs and
 * CI. The graph carries the findings on the nodes and edges they concern, so a map is also a review aid; it never
 * fails a run (exit 0), only a folder that cannot be read does (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Settings } from '../core/settings';
import { deploymentMap, renderMap, type MapFormat } from '../service/deploymentMap';
import { LanguageService } from '../service/languageService';

export async function printMap(
  format: MapFormat,
  paths: readonly string[],
  cwd: string,
  settings: Partial<Settings>,
  write: (text: string) => void,
  writeError: (text: string) => void,
): Promise<number> {
  if (paths.length > 1) {
    writeError('gunicorn-lint: --map draws one folder at a time\n');
    return 2;
  }
  const root = path.resolve(cwd, paths[0] ?? '.');
  let isFolder = false;
  try {
    isFolder = fs.statSync(root).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isFolder) {
    writeError(`gunicorn-lint: --map needs a folder, and ${paths[0] ?? '.'} is not one\n`);
    return 2;
  }
  const service = await LanguageService.create({ root, settings });
  // The root as given (relative to the current folder), so a map written in CI or kept in docs does not carry
  // the path of the machine that drew it.
  const graph = { ...deploymentMap(service), root: path.relative(cwd, root).split(path.sep).join('/') || '.' };
  write(renderMap(graph, format));
  for (const error of service.internalErrors()) writeError(`gunicorn-lint: error: ${error}\n`);
  return service.internalErrors().length > 0 ? 2 : 0;
}
