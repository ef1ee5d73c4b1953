/**
 * Mirrors gunicorn's validators (gunicorn/config.py) on values known without running anything: a literal from a
 * config file, or the text of a command-line value. Values of kind env/unknown/function are never judged here.
 */
import { compareVersions } from '../../knowledge/gunicorn/index';
import type { GunicornSetting } from '../../knowledge/gunicorn/types';
import type { PyValue } from './model';
import { allowListEntryProblem, bindAddressProblem, hostPortProblem } from './addresses';

export type CliValue = { kind: 'cli'; text: string };
export interface ValueProblem {
  message: string;
  severity?: 'warning';
}

const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'];

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
function asOfVersion(setting: GunicornSetting, version: string | undefined): GunicornSetting {
  if (!version) return setting;
  const older = OLDER_VALIDATORS.find((entry) => entry.setting === setting.name && compareVersions(version, entry.since) < 0);
  return older ? { ...setting, kind: older.kind, validator: older.validator, values: undefined, valuesExhaustive: false } : setting;
}

/**
 * Why gunicorn (of `version`, the newest when omitted) would refuse the value, or undefined when it accepts it or
 * the value is not known here.
 */
export function validateSettingValue(setting: GunicornSetting, value: PyValue | CliValue, version?: string): ValueProblem | undefined {
  if (value.kind === 'env' || value.kind === 'unknown' || value.kind === 'function') return undefined;
  try {
    const effective = asOfVersion(setting, version);
    return value.kind === 'cli' ? validateCli(effective, value.text) : validatePython(effective, value);
  } catch {
    return undefined;
  }
}

function describe(value: PyValue): string {
  switch (value.kind) {
    case 'int': case 'float': return String(value.value);
    case 'string': return JSON.stringify(value.value.length > 60 ? value.value.slice(0, 60) + '…' : value.value);
    case 'bool': return value.value ? 'True' : 'False';
    case 'none': return 'None';
    case 'list': case 'tuple': case 'set': return `a ${value.kind}`;
    case 'dict': return 'a dict';
    default: return 'this value';
  }
}

function typeProblem(setting: GunicornSetting, value: PyValue, expected: string): ValueProblem {
  return { message: `\`${setting.name}\` must be ${expected}; ${describe(value)} is rejected when gunicorn loads the config.` };
}

/** int(text, 0) as Python does it: optional sign, 0x/0o/0b prefixes, underscores between digits, no leading zeros. */
export function pythonIntBase0(text: string): number | undefined {
  const trimmed = text.trim();
  const match = /^([-+]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0(?:_?0)*)$/.exec(trimmed);
  if (!match) return undefined;
  const body = match[2].replace(/_/g, '').toLowerCase();
  const magnitude = body.startsWith('0x') ? parseInt(body.slice(2), 16)
    : body.startsWith('0o') ? parseInt(body.slice(2), 8)
    : body.startsWith('0b') ? parseInt(body.slice(2), 2)
    : Number(body);
  return match[1] === '-' ? -magnitude : magnitude;
}

function isStringOrNone(value: PyValue): boolean {
  return value.kind === 'string' || value.kind === 'none';
}

function stringsOf(value: PyValue): string[] | undefined {
  if (value.kind === 'string') return [value.value];
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') {
    const out: string[] = [];
    for (const item of value.items) {
      if (item.value.kind === 'string') out.push(item.value.value);
      else if (item.value.kind !== 'env' && item.value.kind !== 'unknown') return undefined;
    }
    return out;
  }
  return undefined;
}

function validatePython(setting: GunicornSetting, value: PyValue): ValueProblem | undefined {
  switch (setting.validator) {
    case 'validate_proxy_protocol':
      if (value.kind === 'bool' || value.kind === 'none') return undefined;
      break;
    case 'validate_http2_cleartext':
      if (value.kind === 'bool' || value.kind === 'none') return undefined;
      break;
    case 'validate_http_protocols':
      if (value.kind === 'none') return undefined;
      if (value.kind === 'string') return protocolsProblem(setting, value.value);
      if (value.kind === 'list' || value.kind === 'tuple') {
        const items = stringsOf(value);
        return items ? protocolsProblem(setting, items.join(',')) : typeProblem(setting, value, 'a comma-separated string of h1, h2, h3');
      }
      return typeProblem(setting, value, 'a comma-separated string of h1, h2, h3');
  }
  switch (setting.kind) {
    case 'bool':
      if (value.kind === 'bool' || value.kind === 'none') return undefined;
      if (value.kind === 'string' && ['true', 'false'].includes(value.value.trim().toLowerCase())) return undefined;
      return typeProblem(setting, value, 'True or False');
    case 'pos_int':
    case 'range_int':
    case 'int': {
      let number: number | undefined;
      if (value.kind === 'int') number = value.value;
      else if (value.kind === 'bool') number = value.value ? 1 : 0;
      else if (value.kind === 'string') {
        number = pythonIntBase0(value.value);
        if (number === undefined) return { message: `\`${setting.name}\` must be an integer; ${describe(value)} cannot be read as one.` };
      } else return typeProblem(setting, value, 'an integer');
      return intProblem(setting, number);
    }
    case 'float':
      if (value.kind === 'int' || value.kind === 'float' || value.kind === 'bool') return undefined;
      if (value.kind === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) return undefined;
      return typeProblem(setting, value, 'a number');
    case 'string':
    case 'chdir':
    case 'file':
      if (!isStringOrNone(value)) return typeProblem(setting, value, 'a string');
      return value.kind === 'string' ? stringProblem(setting, value.value) : undefined;
    case 'string_list':
    case 'files_or_patterns': {
      if (value.kind === 'none') return undefined;
      if (value.kind === 'dict') return undefined; // iterating a dict yields its keys; too odd to judge
      const items = stringsOf(value);
      if (!items) return typeProblem(setting, value, 'a string or a list of strings');
      for (const item of items) {
        const problem = listEntryProblem(setting, item);
        if (problem) return problem;
      }
      return undefined;
    }
    // validate_string_to_list starts with validate_string: a list is refused ("Not a string").
    case 'comma_list':
      if (isStringOrNone(value)) return undefined;
      return typeProblem(setting, value, 'one comma-separated string (not a list)');
    case 'addr_list':
      if (value.kind === 'none') return undefined;
      if (value.kind !== 'string') return typeProblem(setting, value, 'one comma-separated string of IP addresses or networks (not a list)');
      return allowListProblem(setting, value.value.split(','));
    case 'dict':
      return value.kind === 'dict' ? undefined : typeProblem(setting, value, 'a dict');
    case 'class':
      if (value.kind === 'string' || value.kind === 'none') return undefined;
      return typeProblem(setting, value, 'a class or a string naming one');
    case 'user':
    case 'group':
      if (value.kind === 'int' || value.kind === 'bool' || value.kind === 'string' || value.kind === 'none') return undefined;
      return typeProblem(setting, value, `a ${setting.kind} name or id`);
    case 'hostport':
      if (value.kind === 'none') return undefined;
      if (value.kind !== 'string') return typeProblem(setting, value, 'a `host:port` string');
      return statsdProblem(value.value);
    case 'enum':
      if (value.kind !== 'string') return typeProblem(setting, value, `one of ${choices(setting)}`);
      return enumProblem(setting, value.value);
    case 'callable':
      return callableProblem(setting, value);
    default:
      return undefined;
  }
}

/** Entries of list settings that have a syntax of their own: bind addresses and `KEY=VALUE` environment pairs. */
function listEntryProblem(setting: GunicornSetting, entry: string): ValueProblem | undefined {
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

function intProblem(setting: GunicornSetting, number: number): ValueProblem | undefined {
  if (setting.kind === 'pos_int' && number < 0) {
    return { message: `\`${setting.name}\` must not be negative (${number}); gunicorn refuses to start.` };
  }
  if (setting.kind === 'range_int' && setting.range && (number < setting.range[0] || number > setting.range[1])) {
    return { message: `\`${setting.name}\` must be between ${setting.range[0]} and ${setting.range[1]}; ${number} is refused.` };
  }
  return undefined;
}

function stringProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  if (setting.name === 'loglevel' && !LOG_LEVELS.includes(text.trim().toLowerCase())) {
    return {
      message: `\`${text}\` is not a log level (${LOG_LEVELS.join(', ')}); gunicorn silently falls back to \`info\`.`,
      severity: 'warning',
    };
  }
  return undefined;
}

function choices(setting: GunicornSetting): string {
  return (setting.values ?? []).map((v) => `\`${v}\``).join(', ');
}

function enumProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  if (!setting.valuesExhaustive || !setting.values) return undefined;
  const normalised = setting.validator === 'validate_proxy_protocol' ? text.trim().toLowerCase() : text.trim();
  if (setting.values.includes(normalised) || setting.values.includes(text)) return undefined;
  return { message: `\`${text}\` is not a valid \`${setting.name}\`; use one of ${choices(setting)}.` };
}

function protocolsProblem(setting: GunicornSetting, text: string): ValueProblem | undefined {
  const items = text.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  const seen = new Set<string>();
  for (const item of items) {
    if (!(setting.values ?? []).includes(item)) return { message: `\`${item}\` is not an HTTP protocol gunicorn knows; use ${choices(setting)}.` };
    if (seen.has(item)) return { message: `\`${item}\` is listed twice in \`${setting.name}\`; gunicorn rejects duplicates.` };
    seen.add(item);
  }
  return undefined;
}

function allowListProblem(setting: GunicornSetting, entries: string[]): ValueProblem | undefined {
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const problem = allowListEntryProblem(entry);
    if (problem) return { message: `Invalid entry in \`${setting.name}\`: ${problem}` };
  }
  return undefined;
}

function statsdProblem(text: string): ValueProblem | undefined {
  if (text.startsWith('unix://')) return text.length > 'unix://'.length ? undefined : { message: '`unix://` needs a socket path.' };
  const problem = hostPortProblem(text.trim());
  return problem ? { message: `Malformed \`statsd_host\`: ${problem}` } : undefined;
}

function callableProblem(setting: GunicornSetting, value: PyValue): ValueProblem | undefined {
  if (value.kind === 'string') {
    if (value.value.includes('.')) return undefined; // an import path; gunicorn imports it at load time
    return { message: `\`${setting.name}\` is a string without a module path (\`module.function\`); gunicorn cannot import it. Value is not callable.` };
  }
  return { message: `Value is not callable: \`${setting.name}\` must be a function, not ${describe(value)}.` };
}

function validateCli(setting: GunicornSetting, text: string): ValueProblem | undefined {
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
