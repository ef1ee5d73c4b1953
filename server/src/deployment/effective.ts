/**
 * Effective gunicorn settings, as gunicorn applies them: its default, then the config file, then
 * GUNICORN_CMD_ARGS, then the command line; the last source that sets a value wins (gunicorn's app/base.py
 * load_config order). The typed accessors answer only for known literals: a value from the environment or a
 * call is `undefined`, and the check that asked stays quiet.
 */
import { settingNamed } from '../knowledge/gunicorn/index';
import type { EffectiveSetting, Invocation, SettingAssignment, SettingSource, SettingValue } from './model';

const PRIORITY: Record<SettingSource, number> = { default: 0, config: 1, env: 2, 'command-line': 3 };

/** The winning assignment of a name, with the ones it overrides; undefined when nothing sets it. */
export function mergeAssignments(name: string, assignments: readonly SettingAssignment[]): EffectiveSetting | undefined {
  if (assignments.length === 0) return undefined;
  // Stable: within one source, the later assignment wins (argparse's last flag, the config's last statement).
  const ordered = assignments
    .map((assignment, index) => ({ assignment, index }))
    .sort((a, b) => PRIORITY[a.assignment.source] - PRIORITY[b.assignment.source] || a.index - b.index)
    .map((entry) => entry.assignment);
  const winner = ordered[ordered.length - 1];
  return { ...winner, name, overridden: ordered.slice(0, -1).reverse() };
}

/** gunicorn's default for a setting, as a known value when the knowledge table has it as a literal. */
export function defaultSetting(name: string): EffectiveSetting {
  const setting = settingNamed(name);
  const value: SettingValue =
    setting && setting.default !== undefined && isPlain(setting.default)
      ? { known: true, value: setting.default as string | number | boolean | null | string[] }
      : { known: false, text: setting?.defaultSource };
  return { name, source: 'default', value, overridden: [] };
}

function isPlain(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** The effective setting: what something sets, else gunicorn's default. */
export function settingOf(invocation: Invocation, name: string): EffectiveSetting {
  return invocation.settings.get(name) ?? defaultSetting(name);
}

/** A known number (bools count as 0/1, numeric strings from a command line are numbers already). */
export function numberSetting(invocation: Invocation, name: string): number | undefined {
  const { value } = settingOf(invocation, name);
  if (!value.known) return undefined;
  if (typeof value.value === 'number') return value.value;
  if (typeof value.value === 'boolean') return value.value ? 1 : 0;
  if (typeof value.value === 'string' && /^-?\d+(\.\d+)?$/.test(value.value.trim())) return Number(value.value);
  return undefined;
}

/** A known boolean (gunicorn's validate_bool: True/False, or the strings "true"/"false"). */
export function boolSetting(invocation: Invocation, name: string): boolean | undefined {
  const { value } = settingOf(invocation, name);
  if (!value.known) return undefined;
  if (typeof value.value === 'boolean') return value.value;
  if (typeof value.value === 'string') {
    const lower = value.value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

export function stringSetting(invocation: Invocation, name: string): string | undefined {
  const { value } = settingOf(invocation, name);
  return value.known && typeof value.value === 'string' ? value.value : undefined;
}

/** A known list of strings; a single string counts as a one-item list (validate_list_string). */
export function listSetting(invocation: Invocation, name: string): string[] | undefined {
  const { value } = settingOf(invocation, name);
  if (!value.known) return undefined;
  if (Array.isArray(value.value)) return value.value;
  if (typeof value.value === 'string') return [value.value];
  return undefined;
}

/** The place a user edits to change a setting: where it is set, else undefined (it is gunicorn's default). */
export function settingPlace(invocation: Invocation, name: string) {
  return invocation.settings.get(name)?.place;
}
