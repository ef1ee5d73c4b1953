/**
 * The gunicorn config file a unit's `-c PATH` names, inside the workspace: found as any file a unit names
 * (workspaceFile.ts), once gunicorn's own prefixes are read. `file:PATH` is a path; `python:MODULE` is a module,
 * not a file to open.
 */
import type { Project } from '../../core/format';
import type { UnitFacts } from './facts';
import { findWorkspaceFile } from './workspaceFile';

export function resolveConfigPath(configPath: string, facts: UnitFacts, project: Project | undefined): string | undefined {
  if (configPath.startsWith('python:')) return undefined;
  const written = configPath.startsWith('file:') ? configPath.slice('file:'.length) : configPath;
  return findWorkspaceFile(written, facts.path, facts.workingDirectory?.value, project);
}
