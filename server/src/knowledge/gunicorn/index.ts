/**
 * Gunicorn knowledge: settings, access log atoms, worker classes and release logic, plus the lookups that hover,
 * completion and checks share.
 */
import { GUNICORN_SETTINGS } from './settings';
import type { GunicornSetting } from './types';

export * from './types';
export * from './settings';
export * from './atoms';
export * from './workers';
export * from './versions';

const byName = new Map<string, GunicornSetting>();
const byFlag = new Map<string, GunicornSetting>();
for (const setting of GUNICORN_SETTINGS) {
  // Current settings win over removed ones should a name or flag ever be reused.
  if (!byName.has(setting.name) || setting.removed === undefined) byName.set(setting.name, setting);
  for (const flag of setting.cli) {
    if (!byFlag.has(flag) || setting.removed === undefined) byFlag.set(flag, setting);
  }
}

/** The setting with exactly this name (case-sensitive, as gunicorn matches config-file names); removed ones included. */
export function settingNamed(name: string): GunicornSetting | undefined {
  return byName.get(name);
}

/**
 * The setting behind a command-line flag: `-w`, `--workers`, `--no-sendfile`, also written with a value
 * (`--workers=4`). Exact spelling only: argparse's prefix matching (`--work`) is left to callers.
 */
export function settingForFlag(flag: string): GunicornSetting | undefined {
  const trimmed = flag.trim();
  const withoutValue = trimmed.startsWith('--') ? trimmed.split('=', 1)[0] : trimmed;
  return byFlag.get(withoutValue);
}

/** Every server hook (callable setting), current and in table order. */
export function hookSettings(): GunicornSetting[] {
  return GUNICORN_SETTINGS.filter((setting) => setting.kind === 'callable' && setting.removed === undefined);
}

/** The settings that exist in the current source (not removed). */
export function currentSettings(): GunicornSetting[] {
  return GUNICORN_SETTINGS.filter((setting) => setting.removed === undefined);
}
