/**
 * Finding a file a unit names (`EnvironmentFile=/etc/myapp/env`) inside the workspace: deployments install it under
 * /etc, the repository keeps it beside the unit. As written when it exists, else against WorkingDirectory= and the
 * unit's folder, else the workspace file with the same base name closest to the unit.
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { compareStrings } from '../../core/text';

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
  const matches = project.workspaceFiles().filter((file) => path.basename(file) === base && file !== unitPath);
  if (matches.length === 0) return undefined;
  const unitDir = unitPath ? path.dirname(unitPath) : project.root;
  return [...matches].sort((a, b) => sharedPrefix(b, unitDir) - sharedPrefix(a, unitDir) || compareStrings(a, b))[0];
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
