/** Which gunicorn version a file is read against: the user's setting, else the requirements pin, else the newest. */
import type { Project } from '../../core/format';
import { NEWEST_GUNICORN, normaliseVersion } from '../../knowledge/gunicorn/index';
import { requirementsFor } from './cache';
import { gunicornVersionFromRequirements } from './find';
import type { RequirementsInfo } from './types';

export interface GunicornVersion {
  version: string;
  source: 'setting' | 'requirements' | 'newest';
}

export function gunicornVersionFor(project: Project, path: string, requirements?: RequirementsInfo | null): GunicornVersion {
  const configured = project.settings.gunicornVersion?.trim();
  if (configured) return { version: normaliseVersion(configured) ?? configured, source: 'setting' };
  try {
    const info = requirements === undefined ? requirementsFor(project, path) : (requirements ?? undefined);
    const pinned = info ? gunicornVersionFromRequirements(info) : undefined;
    if (pinned) return { version: pinned, source: 'requirements' };
  } catch {
    /* unreadable requirements: fall through to the newest */
  }
  return { version: NEWEST_GUNICORN, source: 'newest' };
}

/** The version alone, never throwing: what command-line checks on any host need. */
export function gunicornVersionOf(project: Project | undefined, path: string): string {
  if (!project) return NEWEST_GUNICORN;
  try {
    return gunicornVersionFor(project, path).version;
  } catch {
    return NEWEST_GUNICORN;
  }
}
