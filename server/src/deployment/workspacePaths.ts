/**
 * Paths as deployed (`/srv/myapp`, `/etc/myapp/gunicorn.conf.py`) against the repository that holds them. A
 * deployment copies the repository somewhere; the workspace keeps it at its root or in a folder. So a deployed
 * folder maps to the workspace folder whose path ends the same way, and a config file to the workspace file of the
 * same name nearest the file that names it. No match is "unknown", never a verdict.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import { compareStrings } from '../core/text';

/** The workspace folder a deployed folder corresponds to, if any. */
export function workspaceFolderFor(project: Project, deployed: string): string | undefined {
  const clean = deployed.replace(/^-/, '').replace(/\/+$/, '');
  if (clean === '' || /[$%]/.test(clean)) return undefined;
  if (!path.isAbsolute(clean)) return undefined;
  if (isInside(project.root, clean) && project.isDirectory(clean)) return clean;
  const segments = clean.split('/').filter((segment) => segment !== '');
  // Longest tail first: /srv/apps/myapp matches <root>/apps/myapp before <root>/myapp.
  for (let from = 0; from < segments.length; from++) {
    const candidate = path.join(project.root, ...segments.slice(from));
    if (!project.isDirectory(candidate)) continue;
    // `/srv/myapp` against a repository holding the package `myapp/`: the deployed folder is the repository, the
    // package sits inside it. A working directory is never itself a package.
    if (project.exists(path.join(candidate, '__init__.py'))) return path.dirname(candidate);
    return candidate;
  }
  if (segments.length > 0 && path.basename(project.root) === segments[segments.length - 1]) return project.root;
  return undefined;
}

/**
 * The workspace file a config path names: as written (inside the workspace), relative to the working folder or the
 * host file's folder, else the workspace file with the same base name nearest the host file.
 */
export function resolveConfigFile(project: Project, written: string, options: { workingFolder?: string; hostPath: string }): string | undefined {
  if (written === '' || /[$%]/.test(written) || written.startsWith('python:')) return undefined;
  const text = written.startsWith('file:') ? written.slice(5) : written;
  const candidates: string[] = [];
  if (path.isAbsolute(text)) {
    if (isInside(project.root, text)) candidates.push(text);
  } else {
    if (options.workingFolder) candidates.push(path.join(options.workingFolder, text));
    candidates.push(path.join(path.dirname(options.hostPath), text));
  }
  for (const candidate of candidates) if (project.exists(candidate) && !project.isDirectory(candidate)) return candidate;
  const base = path.basename(text);
  const matches = project.workspaceFiles().filter((file) => path.basename(file) === base);
  if (matches.length === 0) return undefined;
  const near = options.workingFolder ?? path.dirname(options.hostPath);
  return [...matches].sort((a, b) => commonPrefix(b, near) - commonPrefix(a, near) || compareStrings(a, b))[0];
}

/** A relative or in-workspace config path whose place the workspace can answer for (deploy/config-not-found). */
export function configPlaceIsKnown(project: Project, written: string, workingFolder: string | undefined): boolean {
  if (/[$%]/.test(written) || written.startsWith('python:')) return false;
  const text = written.startsWith('file:') ? written.slice(5) : written;
  if (path.isAbsolute(text)) return isInside(project.root, text) || (workingFolder !== undefined && workspaceFolderFor(project, path.dirname(text)) !== undefined);
  return workingFolder !== undefined;
}

export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
