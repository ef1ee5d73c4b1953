/**
 * Mirrors gunicorn's validators (gunicorn/config.py) on values known without running anything: a literal from a
 * config file, or the text of a command-line value. Values of kind env/unknown/function are never judged here.
 * The text rules both sides share live in knowledge/gunicorn/validators.ts.
 */
import type { GunicornSetting } from '../../knowledge/gunicorn/types';
import {
  allowListProblem,
  asOfVersion,
  choices,
  enumProblem,
  intProblem,
  listEntryProblem,
  protocolsProblem,
  pythonIntBase0,
  statsdProblem,
  stringProblem,
  validateCliValue,
  type ValueProblem,
} from '../../knowledge/gunicorn/validators';
import type { PyValue } from './model';

export type { ValueProblem } from '../../knowledge/gunicorn/validators';
export type CliValue = { kind: 'cli'; text: string };

/**
 * Why gunicorn (of `version`, the newest when omitted) would refuse the value, or undefined when it accepts it or
 * the value is not known here.
 */
export function validateSettingValue(setting: GunicornSetting, value: PyValue | CliValue, version?: string): ValueProblem | undefined {
  if (value.kind === 'env' || value.kind === 'unknown' || value.kind === 'function') return undefined;
  if (value.kind === 'cli') return validateCliValue(setting, value.text, version);
  try {
    return validatePython(asOfVersion(setting, version), value);
  } catch {
    return undefined;
  }
}

function describe(value: PyValue): string {
  switch (value.kind) {
    case 'int':
    case 'float':
      return String(value.value);
    case 'string':
      return JSON.stringify(value.value.length > 60 ? value.value.slice(0, 60) + '…' : value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
    case 'tuple':
    case 'set':
      return `a ${value.kind}`;
    case 'dict':
      return 'a dict';
    default:
      return 'this value';
  }
}

function typeProblem(setting: GunicornSetting, value: PyValue, expected: string): ValueProblem {
  return { message: `\`${setting.name}\` must be ${expected}; ${describe(value)} is rejected when gunicorn loads the config.` };
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

function callableProblem(setting: GunicornSetting, value: PyValue): ValueProblem | undefined {
  if (value.kind === 'string') {
    if (value.value.includes('.')) return undefined; // an import path; gunicorn imports it at load time
    return { message: `\`${setting.name}\` is a string without a module path (\`module.function\`); gunicorn cannot import it. Value is not callable.` };
  }
  return { message: `Value is not callable: \`${setting.name}\` must be a function, not ${describe(value)}.` };
}
