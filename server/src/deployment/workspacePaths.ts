/**
 * Paths as deployed (`/srv/myapp`, `/etc/myapp/gunicorn.conf.py`) against the repository that holds them. A
 * deployment copies the repository somewhere; the workspace keeps it at its root or in a folder. So a deployed
 * folder maps to the workspace folder whose path ends the same way, and a config file to the workspace file of the
 * same name nearest the file that names it. No match is "unknown", never a verdict.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import { isInside } from '../core/paths';
import { compareStrings } from '../core/text';
import { workspaceNames } from '../core/workspaceNames';

/** The workspace folder a deployed folder corresponds to, if any; several equally good answers are none. */
export function workspaceFolderFor(project: Project, deployed: string): string | undefined {
  const clean = deployed.replace(/^-/, '').replace(/\/+$/, '');
  if (clean === '' || /[$%]/.test(clean)) return undefined;
  if (!path.isAbsolute(clean)) return undefined;
  if (isInside(project.root, clean) && project.isDirectory(clean)) return clean;
  const segments = clean.split('/').filter((segment) => segment !== '');
  // Longest tail first: /srv/apps/myapp matches <root>/apps/myapp before <root>/myapp.
  for (let from = 0; from < segments.length; from++) {
    const candidate = path.join(project.root, ...segments.slice(from));
    if (project.isDirectory(candidate)) return notAPackage(project, candidate);
  }
  // Deeper in the workspace: /srv/web is services/web when exactly one folder ends the same way.
  const found = bestFolderByTail(project, segments);
  if (found) return notAPackage(project, found);
  if (segments.length > 0 && path.basename(project.root) === segments[segments.length - 1]) return project.root;
  return undefined;
}

/**
 * `/srv/myapp` against a repository holding the package `myapp/`: the deployed folder is the folder holding the
 * package. A working directory is never itself a package.
 */
function notAPackage(project: Project, folder: string): string {
  return project.exists(path.join(folder, '__init__.py')) && folder !== project.root ? path.dirname(folder) : folder;
}

/** The one workspace folder whose path ends with the most of these segments (at least the last); a tie is none. */
function bestFolderByTail(project: Project, segments: readonly string[]): string | undefined {
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  // A package folder is never a working directory (see notAPackage): `services/catalog/catalog/` is the code of
  // `services/catalog/`, not a second candidate for /srv/catalog.
  const folders = (workspaceNames(project).foldersByName.get(last) ?? []).filter((folder) => !project.exists(path.join(folder, '__init__.py')));
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const folder of folders) {
    const parts = path.relative(project.root, folder).split(path.sep);
    let score = 0;
    while (score < parts.length && score < segments.length && parts[parts.length - 1 - score] === segments[segments.length - 1 - score]) score++;
    if (score > bestScore) [best, bestScore, tie] = [folder, score, false];
    else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}

/**
 * The workspace file a config path names: as written (inside the workspace), under the workspace folder its
 * deployed folder maps to, relative to the working folder or the host file's folder, else the one workspace file
 * with the same base name nearest the working folder (or the host file). Two equally near files are no answer.
 */
export function resolveConfigFile(project: Project, written: string, options: { workingFolder?: string; hostPath: string }): string | undefined {
  if (written === '' || /[$%]/.test(written) || written.startsWith('python:')) return undefined;
  const text = written.startsWith('file:') ? written.slice(5) : written;
  const candidates: string[] = [];
  if (path.isAbsolute(text)) {
    if (isInside(project.root, text)) candidates.push(text);
    const folder = workspaceFolderFor(project, path.dirname(text));
    if (folder) candidates.push(path.join(folder, path.basename(text)));
  } else {
    if (options.workingFolder) candidates.push(path.join(options.workingFolder, text));
    candidates.push(path.join(path.dirname(options.hostPath), text));
  }
  for (const candidate of candidates) if (project.exists(candidate) && !project.isDirectory(candidate)) return candidate;
  const base = path.basename(text);
  const matches = workspaceNames(project).filesByName.get(base) ?? [];
  if (matches.length <= 1) return matches[0];
  const near = options.workingFolder ?? path.dirname(options.hostPath);
  const ranked = matches
    .map((file) => ({ file, score: commonFolders(path.dirname(file), near) }))
    .sort((a, b) => b.score - a.score || compareStrings(a.file, b.file));
  return ranked[0].score > ranked[1].score ? ranked[0].file : undefined;
}

/** A relative or in-workspace config path whose place the workspace can answer for (deploy/config-not-found). */
export function configPlaceIsKnown(project: Project, written: string, workingFolder: string | undefined): boolean {
  if (/[$%]/.test(written) || written.startsWith('python:')) return false;
  const text = written.startsWith('file:') ? written.slice(5) : written;
  if (path.isAbsolute(text))
    return isInside(project.root, text) || (workingFolder !== undefined && workspaceFolderFor(project, path.dirname(text)) !== undefined);
  return workingFolder !== undefined;
}

/** How many leading folders two paths share. */
function commonFolders(a: string, b: string): number {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return i;
}
