/**
 * Which requirement lines install a package, directly or as a well-known dependency: `gunicorn[gevent]` installs
 * gevent, `uvicorn-worker` installs uvicorn, uvicorn installs h11. Only dependencies the packages have declared
 * for years are listed; anything else counts as missing only when no line names the package itself.
 */
import type { Requirement, RequirementsInfo } from '../formats/requirements/types';

interface Provider {
  /** The requirement's normalised name. */
  name: string;
  /** The extra that pulls the package in; absent when the plain requirement does. */
  extra?: string;
}

const PROVIDERS: Readonly<Record<string, readonly Provider[]>> = {
  gevent: [{ name: 'gunicorn', extra: 'gevent' }],
  eventlet: [{ name: 'gunicorn', extra: 'eventlet' }],
  tornado: [{ name: 'gunicorn', extra: 'tornado' }],
  uvicorn: [{ name: 'uvicorn-worker' }, { name: 'fastapi', extra: 'standard' }, { name: 'fastapi', extra: 'all' }],
  h11: [{ name: 'uvicorn' }, { name: 'uvicorn-worker' }, { name: 'httpx' }, { name: 'fastapi', extra: 'standard' }],
};

/** The requirement that installs `pkg` (normalised name), or undefined when none of the lines does. */
export function providerOf(requirements: RequirementsInfo, pkg: string, depth = 0): Requirement | undefined {
  const direct = requirements.packages.get(pkg);
  if (direct) return direct;
  if (depth > 2) return undefined;
  for (const provider of PROVIDERS[pkg] ?? []) {
    const requirement = provider.extra ? requirements.packages.get(provider.name) : providerOf(requirements, provider.name, depth + 1);
    if (!requirement) continue;
    if (!provider.extra || requirement.extras.some((extra) => extra.toLowerCase() === provider.extra)) return requirement;
  }
  return undefined;
}
