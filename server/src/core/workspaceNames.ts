/**
 * The workspace's files and folders by base name, built once per walk list (the project hands out the same array
 * until a file appears or goes). Finding `myapp.socket`, an `EnvironmentFile=` or a deployed `/srv/myapp` folder is
 * then a lookup, not a scan of every workspace file per unit or deployment: on a 5,000-file workspace with 400 units
 * those scans were most of the first workspace diagnostics.
 */
import * as path from 'node:path';
import type { Project } from './format';

export interface WorkspaceNames {
  /** Every workspace file by its base name, in walk order. */
  filesByName: ReadonlyMap<string, readonly string[]>;
  /** Every folder of the workspace (up to 16 levels above a file, inside the root) by its base name. */
  foldersByName: ReadonlyMap<string, readonly string[]>;
}

const indexes = new WeakMap<readonly string[], WorkspaceNames>();
const NONE: readonly string[] = [];

export function workspaceNames(project: Project): WorkspaceNames {
  const files = project.workspaceFiles();
  let index = indexes.get(files);
  if (index) return index;
  const filesByName = new Map<string, string[]>();
  const foldersByName = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const file of files) {
    push(filesByName, path.basename(file), file);
    for (let folder = path.dirname(file), i = 0; i < 16 && folder.length > project.root.length; folder = path.dirname(folder), i++) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      push(foldersByName, path.basename(folder), folder);
    }
  }
  index = { filesByName, foldersByName };
  indexes.set(files, index);
  return index;
}

/** The workspace files with this base name, in walk order. */
export function workspaceFilesNamed(project: Project, name: string): readonly string[] {
  return workspaceNames(project).filesByName.get(name) ?? NONE;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
