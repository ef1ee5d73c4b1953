/**
 * Finding a file a unit names (`EnvironmentFile=/etc/myapp/env`) inside the workspace: deployments install it under
 * /etc, the repository keeps it beside the unit. As written when it exists, else against WorkingDirectory= and the
 * unit's folder, else the workspace file with the same base name closest to the unit.
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { compareStrings } from '../../core/text';
import { workspaceFilesNamed } from '../../core/workspaceNames';

export function findWorkspaceFile(written: string, unitPath: string, workingDirectory: string | undefined, project: Project | undefined): string | undefined {
  // Specifiers and variables are filled in by systemd on the target machine: nothing to look up here.
  if (!project || written === '' || written.includes('%') || written.includes('$')) return undefined;
  const candidates: string[] = [];
  if (path.isAbsolute(written)) candidates.push(written);
  else {
    const wd = workingDirectory?.replace(/^-/, '');
    if (wd && wd.startsWith('/')) candidates.push(path.join(wd, written));
    if (unitPath) candidates.push(path.join(path.dirname(unitPath), written));
  }
  for (const candidate of candidates) if (project.exists(candidate) && !project.isDirectory(candidate)) return candidate;
  const base = path.basename(written);
  const matches = workspaceFilesNamed(project, base).filter((file) => file !== unitPath);
  if (matches.length === 0) return undefined;
  const unitDir = unitPath ? path.dirname(unitPath) : project.root;
  // The one sharing the longest prefix with the unit's folder, the first by name among equals: one pass, since
  // every unit of a large workspace may have hundreds of `gunicorn.conf.py` to choose from.
  let best: string | undefined;
  let bestShared = -1;
  for (const file of matches) {
    const shared = sharedPrefix(file, unitDir);
    if (shared > bestShared || (shared === bestShared && best !== undefined && compareStrings(file, best) < 0)) {
      best = file;
      bestShared = shared;
    }
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
