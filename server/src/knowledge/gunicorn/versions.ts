/**
 * Gunicorn release numbers and the availability questions asked of them ("does 23.0.0 know `asgi_loop`?").
 * Versions are compared numerically, part by part; a missing part counts as 0, so "19.0" equals "19.0.0".
 */
import type { GunicornSetting, WorkerClass } from './types';

/** The newest gunicorn release the knowledge tables describe. */
export const NEWEST_GUNICORN = '26.1.0';

/** Every release tag the reference data was extracted from, oldest first, spelled as tagged upstream. */
export const KNOWN_GUNICORN_RELEASES: readonly string[] = [
  '19.0',
  '19.1',
  '19.1.1',
  '19.2',
  '19.2.1',
  '19.3',
  '19.4',
  '19.4.1',
  '19.4.2',
  '19.4.3',
  '19.4.4',
  '19.4.5',
  '19.5.0',
  '19.6.0',
  '19.7.0',
  '19.7.1',
  '19.8.0',
  '19.8.1',
  '19.9.0',
  '19.10.0',
  '20.0.0',
  '20.0.1',
  '20.0.2',
  '20.0.3',
  '20.0.4',
  '20.1.0',
  '21.0.0',
  '21.0.1',
  '21.1.0',
  '21.2.0',
  '22.0.0',
  '23.0.0',
  '24.0.0',
  '24.1.0',
  '24.1.1',
  '25.0.0',
  '25.0.1',
  '25.0.2',
  '25.0.3',
  '25.1.0',
  '25.2.0',
  '25.3.0',
  '26.0.0',
  '26.1.0',
];

/**
 * The numeric parts of a version string, or undefined when it is not one. Accepts what people write in pins
 * and settings: `23`, `23.0`, `v23.0.0`, `23.0.0rc1` (the pre-release suffix is dropped: it behaves as its base).
 */
export function parseVersion(text: string): number[] | undefined {
  const match = /^\s*v?(\d{1,6}(?:\.\d{1,6}){0,3})(?:[.-]?(?:a|b|rc|alpha|beta|pre|post|dev)\.?\d*)?(?:\+[\w.]*)?\s*$/i.exec(text);
  if (!match) return undefined;
  return match[1].split('.').map((part) => Number(part));
}

/** Negative when a < b, 0 when equal, positive when a > b. Unparseable versions sort before every real one. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) return (left ? 1 : 0) - (right ? 1 : 0);
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** `23` -> `23.0.0`, `23.1` -> `23.1.0`, `v24.1.1` -> `24.1.1`; undefined for text that is not a version. */
export function normaliseVersion(text: string): string | undefined {
  const parts = parseVersion(text);
  if (!parts) return undefined;
  while (parts.length < 3) parts.push(0);
  return parts.slice(0, 3).join('.');
}

/**
 * The known release a version behaves as: the newest known release not after it. A version older than every
 * known release behaves as the oldest one; text that is not a version behaves as the newest.
 */
export function effectiveRelease(version: string): string {
  if (!parseVersion(version)) return NEWEST_GUNICORN;
  let best = KNOWN_GUNICORN_RELEASES[0];
  for (const release of KNOWN_GUNICORN_RELEASES) {
    if (compareVersions(release, version) <= 0) best = release;
  }
  return best;
}

export type Availability = 'available' | 'not-yet' | 'removed';

/**
 * Whether a setting exists in a gunicorn version. Bounds are compared with the version as given (not only with
 * known releases), so a setting announced for an unreleased version (http2_cleartext, 26.2.0) is 'not-yet' for
 * 26.1.0 and available once someone pins 26.2.0. Text that is not a version is read as the newest release.
 */
export function settingAvailability(setting: Pick<GunicornSetting, 'added' | 'removed'>, version: string): Availability {
  const asked = parseVersion(version) ? version : NEWEST_GUNICORN;
  if (setting.removed !== undefined && compareVersions(asked, setting.removed) >= 0) return 'removed';
  if (compareVersions(asked, setting.added) < 0) return 'not-yet';
  return 'available';
}

/** Whether gunicorn of that version can load the worker class (third-party classes: whether gunicorn allows it). */
export function isWorkerAvailable(worker: Pick<WorkerClass, 'added' | 'removed'>, version: string): boolean {
  return settingAvailability({ added: worker.added ?? KNOWN_GUNICORN_RELEASES[0], removed: worker.removed }, version) === 'available';
}
