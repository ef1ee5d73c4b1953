/** Finding the gunicorn config file a unit's `-c PATH` names, inside the workspace. */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { compareStrings } from '../../core/text';
import type { UnitFacts } from './facts';

/**
 * Resolves a `-c` path: as written when it exists, else against WorkingDirectory=, else the unit's folder, else
 * the workspace file with the same base name (deployments copy configs to /etc/..., the repository keeps them).
 */
export function resolveConfigPath(configPath: string, facts: UnitFacts, project: Project | undefined): string | undefined {
  if (!project || configPath === '' || configPath.includes('$') || configPath.includes('%')) return undefined;
  const text = configPath.startsWith('python:') || configPath.startsWith('file:') ? configPath.slice(configPath.indexOf(':') + 1) : configPath;
  if (configPath.startsWith('python:')) return undefined;
  const candidates: string[] = [];
  if (path.isAbsolute(text)) candidates.push(text);
  else {
    const wd = facts.workingDirectory?.value.replace(/^-/, '');
    if (wd && wd.startsWith('/')) candidates.push(path.join(wd, text));
    if (facts.path) candidates.push(path.join(path.dirname(facts.path), text));
  }
  for (const candidate of candidates) if (project.exists(candidate) && !project.isDirectory(candidate)) return candidate;
  const base = path.basename(text);
  const matches = project.workspaceFiles().filter((file) => path.basename(file) === base);
  if (matches.length === 0) return undefined;
  // Prefer the match closest to the unit (sharing the longest folder prefix).
  const unitDir = facts.path ? path.dirname(facts.path) : project.root;
  return [...matches].sort((a, b) => commonPrefix(b, unitDir) - commonPrefix(a, unitDir) || compareStrings(a, b))[0];
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
