/**
 * The `gunicornLint` configuration section as a client sends it (VS Code's workspace/configuration, a Neovim
 * `settings` table, eglot's workspace configuration) turned into Settings. Clients send anything: wrong types are
 * dropped, never trusted.
 */
import type { SeveritySetting } from '../core/findings';
import type { Settings } from '../core/settings';
import { checkVersionRange, type VersionedProgram } from '../service/versionRanges';

export const CONFIGURATION_SECTION = 'gunicornLint';

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/**
 * Every key the client controls, present even when unset, so that a setting removed in the editor also goes
 * away in the service (the service merges what it is given over what it had).
 */
export type ClientSettings = Pick<Settings, 'rules' | 'gunicornConfigGlobs'> & Pick<Partial<Settings>, 'gunicornVersion' | 'nginxVersion' | 'systemdVersion'>;

/** `warn` hears of every setting that was changed on the way in (a version outside the known range, clamped). */
export function parseClientSettings(raw: unknown, warn: (message: string) => void = () => undefined): ClientSettings {
  const section = isObject(raw) ? raw : {};
  return {
    rules: parseRules(section.rules),
    gunicornVersion: clampVersion('gunicorn', parseVersion(section.gunicornVersion), warn),
    nginxVersion: clampVersion('nginx', parseVersion(section.nginxVersion), warn),
    systemdVersion: clampVersion('systemd', parseVersion(section.systemdVersion), warn),
    gunicornConfigGlobs: Array.isArray(section.gunicornConfigGlobs)
      ? section.gunicornConfigGlobs.filter((glob): glob is string => typeof glob === 'string' && glob.trim() !== '')
      : [],
  };
}

/** Accepts the section itself or an object holding it under `gunicornLint` (didChangeConfiguration's shape). */
export function unwrapSection(raw: unknown): unknown {
  if (isObject(raw) && isObject(raw[CONFIGURATION_SECTION])) return raw[CONFIGURATION_SECTION];
  return raw;
}

function parseRules(raw: unknown): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  if (!isObject(raw)) return rules;
  for (const [id, value] of Object.entries(raw)) {
    const severity = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    // "information" and "warn" are what people type from habit (VS Code and eslint words).
    const normalized = severity === 'information' ? 'info' : severity === 'warn' ? 'warning' : severity;
    if (SEVERITY_SETTINGS.includes(normalized as SeveritySetting)) rules[id] = normalized as SeveritySetting;
  }
  return rules;
}

function parseVersion(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A version outside the range the knowledge tables cover becomes the nearest bound, with a warning. */
function clampVersion(program: VersionedProgram, version: string | undefined, warn: (message: string) => void): string | undefined {
  if (version === undefined) return undefined;
  const verdict = checkVersionRange(program, version);
  if (verdict.inside) return version;
  warn(`${CONFIGURATION_SECTION}.${program}Version: ${verdict.message}; using ${verdict.nearest}.`);
  return verdict.nearest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
