/**
 * The versions of gunicorn, nginx and systemd whose facts the knowledge tables hold, as ranges a version setting must
 * fall in. Outside them the checks would judge by facts of another release (a directive nginx 1.10 never had, a key
 * systemd 100 refuses), so the CLI refuses such a version and the language server clamps it with a warning.
 * The bounds come from the tables themselves: the oldest and newest gunicorn release extracted, nginx's 1.22.1 and
 * newest tables, systemd's 252 and 257 tables. A patch release of a bound is inside (`1.31.5`, `26.1.2`).
 */
import { KNOWN_GUNICORN_RELEASES, NEWEST_GUNICORN, compareVersions, parseVersion } from '../knowledge/gunicorn/versions';
import { NGINX_VERSIONS } from '../knowledge/nginx/directives';
import { knownVersion } from '../knowledge/systemd/index';

export type VersionedProgram = 'gunicorn' | 'nginx' | 'systemd';

export interface VersionRange {
  oldest: string;
  newest: string;
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

export const VERSION_RANGES: Readonly<Record<VersionedProgram, VersionRange>> = {
  gunicorn: { oldest: KNOWN_GUNICORN_RELEASES[0], newest: majorMinor(NEWEST_GUNICORN) },
  nginx: { oldest: NGINX_VERSIONS[0], newest: NGINX_VERSIONS[NGINX_VERSIONS.length - 1] },
  // knownVersion maps every version up to the oldest table to that table: '0' names the oldest.
  systemd: { oldest: knownVersion('0'), newest: knownVersion(undefined) },
};

export function describeRange(program: VersionedProgram): string {
  const range = VERSION_RANGES[program];
  return `${range.oldest} to ${range.newest}`;
}

export type VersionVerdict = { inside: true } | { inside: false; nearest: string; message: string };

/**
 * Whether `version` is inside the program's range. The newest bound is compared only as far as it is written, so
 * any patch release of it is inside. Text that is not a version at all is left to the callers' own checks.
 */
export function checkVersionRange(program: VersionedProgram, version: string): VersionVerdict {
  const parts = parseVersion(version);
  if (!parts) return { inside: true };
  const range = VERSION_RANGES[program];
  const newestLength = range.newest.split('.').length;
  const comparable = parts.slice(0, newestLength).join('.');
  let nearest: string | undefined;
  if (compareVersions(version, range.oldest) < 0) nearest = range.oldest;
  else if (compareVersions(comparable, range.newest) > 0) nearest = range.newest;
  if (nearest === undefined) return { inside: true };
  return {
    inside: false,
    nearest,
    message: `${program} ${version} is outside the versions this linter knows (${describeRange(program)})`,
  };
}
