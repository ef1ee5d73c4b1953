/** Which gunicorn version a file is read against: the user's setting, else the requirements pin, else the newest. */
import type { Project } from '../../core/format';
import { NEWEST_GUNICORN, normaliseVersion } from '../../knowledge/gunicorn/index';
import { gunicornVersionFromRequirements } from '../requirements/index';
import type { RequirementsInfo } from '../requirements/types';
import { requirementsFor } from './requirementsCache';

export interface GunicornVersion {
  version: string;
  source: 'setting' | 'requirements' | 'newest';
}

export function gunicornVersionFor(project: Project, path: string, requirements?: RequirementsInfo | null): GunicornVersion {
  const configured = project.settings.gunicornVersion?.trim();
  if (configured) return { version: normaliseVersion(configured) ?? configured, source: 'setting' };
  try {
    const info = requirements === undefined ? requirementsFor(project, path) : requirements ?? undefined;
    const pinned = info ? gunicornVersionFromRequirements(info) : undefined;
    if (pinned) return { version: pinned, source: 'requirements' };
  } catch {
    /* unreadable requirements: fall through to the newest */
  }
  return { version: NEWEST_GUNICORN, source: 'newest' };
}
