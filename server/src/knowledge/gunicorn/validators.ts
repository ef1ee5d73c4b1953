/**
 * gunicorn's validators (gunicorn/config.py) on value text: what a command-line flag or GUNICORN_CMD_ARGS gives,
 * and the pieces of syntax a config file's literals share with it (bind addresses, allow-lists, ranges, enums).
 * The config-file side, which also judges Python types, is formats/gunicorn/validate.ts.
 */
import { allowListEntryProblem, bindAddressProblem, hostPortProblem } from './addresses';
import type { GunicornSetting } from './types';
import { compareVersions } from './versions';

export interface ValueProblem {
  message: string;
  severity?: 'warning';
}

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'];

/**
 * Validators that changed between releases (facts from the reference's field changes): before the release named
 * here the setting used the older validator given.
 */
const OLDER_VALIDATORS: { setting: string; since: string; kind: GunicornSetting['kind']; validator: string }[] = [
  { setting: 'forwarded_allow_ips', since: '23.0.0', kind: 'comma_list', validator: 'validate_string_to_list' },
  { setting: 'proxy_allow_ips', since: '23.0.0', kind: 'comma_list', validator: 'validate_string_to_list' },
  { setting: 'proxy_protocol', since: '24.1.0', kind: 'bool', validator: 'validate_bool' },
];

/** The setting as the given gunicorn version validates it. */
export function asOfVersion(setting: GunicornSetting, version: string | undefined): GunicornSetting {
  if (!version) return setting;
  const older = OLDER_VALIDATORS.find((entry) => entry.setting === setting.name && compareVersions(version, entry.since) < 0);
  return older ? { ...setting, kind: older.kind, validator: older.validator, values: undefined, valuesExhaustive: false } : setting;
}

/** int(text, 0) as Python does it: optional sign, 0x/0o/0b prefixes, underscores between digits, no leading zeros. */
export function pythonIntBase0(text: string): number | undefined {
  const trimmed = text.trim();
  const match = /^([-+]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0(?:_?0)*)$/.exec(trimmed);
  if (!match) return undefined;
  const body = match[2].replace(/_/g, '').toLowerCase();
  const magnitude = body.startsWith('0x')
    ? parseInt(body.slice(2), 16)
    : body.startsWith('0o')
      ? parseInt(body.slice(2), 8)
      : body.startsWith('0b')
        ? parseInt(body.slice(2), 2)
        : Number(body);
  return match[1] === '-' ? -magnitude : magnitude;
}

/** Entries of list settings that have a syntax of their own: bind addresses and `KEY=VALUE` environment pairs. */
export function listEntryProblem(setting: GunicornSetting, entry: string): ValueProblem | undefined {
  if (setting.name === 'bind') {
    // gunicorn accepts an empty address and falls back to its own default host, every interface.
    if (entry.trim() === '') {
      return { message: 'An empty `bind` address makes gunicorn listen on 0.0.0.0:8000, every interface; name the address.', severity: 'warning' };
    }
    const problem = bindAddressProblem(entry);
    return problem ? { message: `Malformed \`bind\` address: ${problem}` } : undefined;
  }
  if (setting.name === 'raw_env' && !entry.includes('=')) {
    return { message: `\`${entry}\` is not \`KEY=VALUE\`; gunicorn stops with an invalid environment setting.` };
  }
  return undefined;
}

export function intProblem(setting: GunicornSetting, number: number): ValueProblem | undefined {
  if (setting.kind === 'pos_int' && number < 0) {
    return { message: `\`${setting.name}\` must not be negative (${number}); gunicorn refuses to start.` };
  }
  if (setting.kind === 'range_int' && setting.range && (number < setting.range[0] || number > setting.range[1])) {
    return { message: `\`${setting.name}\` must be between ${setting.range[0]} and ${setting.range[1]}; ${number} is refused.` };
  }
  return undefined;
}

export function stringProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  if (setting.name === 'loglevel' && !LOG_LEVELS.includes(text.trim().toLowerCase())) {
    return {
      message: `\`${text}\` is not a log level (${LOG_LEVELS.join(', ')}); gunicorn silently falls back to \`info\`.`,
      severity: 'warning',
    };
  }
  return undefined;
}

export function choices(setting: GunicornSetting): string {
  return (setting.values ?? []).map((v) => `\`${v}\``).join(', ');
}

export function enumProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  if (!setting.valuesExhaustive || !setting.values) return undefined;
  const normalised = setting.validator === 'validate_proxy_protocol' ? text.trim().toLowerCase() : text.trim();
  if (setting.values.includes(normalised) || setting.values.includes(text)) return undefined;
  return { message: `\`${text}\` is not a valid \`${setting.name}\`; use one of ${choices(setting)}.` };
}

export function protocolsProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  const items = text
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
  const seen = new Set<string>();
  for (const item of items) {
    if (!(setting.values ?? []).includes(item)) return { message: `\`${item}\` is not an HTTP protocol gunicorn knows; use ${choices(setting)}.` };
    if (seen.has(item)) return { message: `\`${item}\` is listed twice in \`${setting.name}\`; gunicorn rejects duplicates.` };
    seen.add(item);
  }
  return undefined;
}

export function allowListProblem(setting: GunicornSetting, entries: string[]): ValueProblem | undefined {
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const problem = allowListEntryProblem(entry);
    if (problem) return { message: `Invalid entry in \`${setting.name}\`: ${problem}` };
  }
  return undefined;
}

export function statsdProblem(text: string): ValueProblem | undefined {
  if (text.startsWith('unix://')) return text.length > 'unix://'.length ? undefined : { message: '`unix://` needs a socket path.' };
  const problem = hostPortProblem(text.trim());
  return problem ? { message: `Malformed \`statsd_host\`: ${problem}` } : undefined;
}

/**
 * Why gunicorn (of `version`, the newest when omitted) would refuse this text as the value of a flag, or undefined
 * when it accepts it or the setting's values are not judged here.
 */
export function validateCliValue(setting: GunicornSetting, text: string, version?: string): ValueProblem | undefined {
  try {
    return validateText(asOfVersion(setting, version), text);
  } catch {
    return undefined;
  }
}

function validateText(setting: GunicornSetting, text: string): ValueProblem | undefined {
  switch (setting.kind) {
    case 'bool':
      return ['true', 'false'].includes(text.trim().toLowerCase()) ? undefined : { message: `\`${text}\` is not true or false.` };
    case 'pos_int':
    case 'range_int':
    case 'int': {
      const number = pythonIntBase0(text);
      if (number === undefined) return { message: `\`${setting.name}\` needs an integer; \`${text}\` is not one.` };
      return intProblem(setting, number);
    }
    case 'float':
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? undefined : { message: `\`${setting.name}\` needs a number; \`${text}\` is not one.` };
    case 'string_list':
      return listEntryProblem(setting, text);
    case 'addr_list':
      return allowListProblem(setting, text.split(','));
    case 'hostport':
      return statsdProblem(text);
    case 'enum':
      if (setting.validator === 'validate_http_protocols') return protocolsProblem(setting, text);
      return enumProblem(setting, text);
    case 'string':
      return stringProblem(setting, text);
    default:
      return undefined;
  }
}
