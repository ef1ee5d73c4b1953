/**
 * Setting assignments from each place gunicorn reads them: the config file's module-level names (as far as a
 * reader can tell, branch-aware), and command-line options (the unit's ExecStart=, GUNICORN_CMD_ARGS, a Procfile).
 */
import type { GunicornInvocation } from '../commandline/invocation';
import type { ConfigModel, PyValue } from '../formats/gunicorn/model';
import { bindings, effectiveSetting } from '../formats/gunicorn/rules/facts';
import { settingNamed } from '../knowledge/gunicorn/index';
import type { SettingAssignment, SettingSource, SettingValue } from './model';

/** A Python literal as a setting value; anything else is unknown, with its source text. */
export function fromPyValue(value: PyValue, text?: string): SettingValue {
  switch (value.kind) {
    case 'int':
    case 'float':
    case 'bool':
    case 'string':
      return { known: true, value: value.value };
    case 'none':
      return { known: true, value: null };
    case 'list':
    case 'tuple':
      return value.items.every((item) => item.value.kind === 'string')
        ? { known: true, value: value.items.map((item) => (item.value as { value: string }).value) }
        : { known: false, text };
    default:
      return { known: false, text };
  }
}

/** Every setting the config file assigns (and every hook it defines), by name. */
export function configAssignments(model: ConfigModel, text: string, path: string): Map<string, SettingAssignment> {
  const out = new Map<string, SettingAssignment>();
  for (const binding of bindings(model)) {
    if (out.has(binding.name) || !settingNamed(binding.name)) continue;
    const effective = effectiveSetting(model, binding.name);
    if (effective.state === 'absent') continue;
    const last = effective.binding ?? binding;
    const value: SettingValue =
      effective.state === 'known'
        ? fromPyValue(effective.value, text.slice(last.value.range.start, last.value.range.end))
        : { known: false, text: text.slice(last.value.range.start, last.value.range.end) };
    out.set(binding.name, {
      source: 'config',
      value: last.definition ? { known: false, text: `def ${last.definition.name}` } : value,
      place: { path, range: last.definition ? last.definition.nameRange : last.value.range },
      statement: { path, range: last.statementRange },
    });
  }
  return out;
}

/** A shell or systemd variable: the value is the environment's, not ours to know. */
function fromEnvironment(text: string): boolean {
  return /\$|%[a-zA-Z]/.test(text);
}

/** One option's value as gunicorn's argparse would store it. */
function optionValue(action: string | undefined, kind: string, text: string | undefined): SettingValue {
  if (action === 'store_true') return { known: true, value: true };
  if (action === 'store_false') return { known: true, value: false };
  if (text === undefined) return { known: false };
  if (fromEnvironment(text)) return { known: false, text };
  if (['pos_int', 'int', 'range_int'].includes(kind) && /^\d+$/.test(text.trim())) return { known: true, value: Number(text.trim()) };
  if (kind === 'float' && /^\d+(\.\d+)?$/.test(text.trim())) return { known: true, value: Number(text.trim()) };
  if (kind === 'bool') {
    const lower = text.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') return { known: true, value: lower === 'true' };
  }
  return { known: true, value: text };
}

/**
 * The settings a parsed command line sets, by name. Repeatable options (`-b` twice) build one list, as
 * argparse's append action does; otherwise the last flag wins.
 */
export function commandLineAssignments(invocation: GunicornInvocation, path: string, source: SettingSource): Map<string, SettingAssignment> {
  const out = new Map<string, SettingAssignment>();
  for (const option of invocation.options) {
    const setting = option.setting;
    if (!setting || option.missingValue) continue;
    const value = optionValue(setting.action, setting.kind, option.value?.text);
    const place = { path, range: option.value?.range ?? option.flagRange };
    const statement = { path, range: { start: option.flagRange.start, end: option.value?.range.end ?? option.flagRange.end } };
    const previous = out.get(setting.name);
    const appends = setting.action === 'append';
    if (appends && previous) {
      const items =
        previous.value.known && Array.isArray(previous.value.value) && value.known && typeof value.value === 'string'
          ? { known: true as const, value: [...previous.value.value, value.value] }
          : { known: false as const, text: option.value?.text };
      out.set(setting.name, {
        ...previous,
        value: items,
        place,
        statement: { path, range: { start: previous.statement!.range.start, end: statement.range.end } },
      });
      continue;
    }
    const listed: SettingValue = appends && value.known && typeof value.value === 'string' ? { known: true, value: [value.value] } : value;
    out.set(setting.name, { source, value: listed, place, statement, flag: option.written });
  }
  return out;
}
