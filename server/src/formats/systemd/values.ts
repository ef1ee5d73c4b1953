/**
 * Value readers that accept what systemd's parsers accept (parse_boolean, parse_sec, rlimit, signal_from_string,
 * parse_size...). Each returns undefined when systemd would take the value, else a short reason. When in doubt
 * they accept: a false alarm costs more than a missed one.
 */
import { BOOLEAN_WORDS, type SystemdDirective } from '../../knowledge/systemd';
import { parseCInteger, parserProblem } from './parserChecks';

export function isBoolean(value: string): boolean {
  return BOOLEAN_WORDS.includes(value.toLowerCase());
}

const TIME_UNITS: Record<string, number> = {
  usec: 1e-6,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  msec: 1e-3,
  ms: 1e-3,
  seconds: 1,
  second: 1,
  sec: 1,
  s: 1,
  '': 1,
  minutes: 60,
  minute: 60,
  min: 60,
  m: 60,
  hours: 3600,
  hour: 3600,
  hr: 3600,
  h: 3600,
  days: 86400,
  day: 86400,
  d: 86400,
  weeks: 604800,
  week: 604800,
  w: 604800,
  months: 2629800,
  month: 2629800,
  M: 2629800,
  years: 31557600,
  year: 31557600,
  y: 31557600,
  nsec: 1e-9,
  ns: 1e-9,
};

/** Seconds in a systemd time span (`1min 30s`, `90`, `1.5h`, `infinity`), or undefined when unparsable. */
export function parseTimeSpan(value: string, defaultUnit = 1): number | undefined {
  const text = value.trim();
  if (text === 'infinity') return Infinity;
  if (text === '') return undefined;
  if (/^[0-9]+$/.test(text)) return Number(text) * defaultUnit;
  let total = 0;
  const component = /[ \t]*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t]*([A-Za-zµμ]*)/y;
  let at = 0;
  while (at < text.length) {
    component.lastIndex = at;
    const match = component.exec(text);
    if (!match) return undefined;
    const unit = match[2];
    if (!Object.prototype.hasOwnProperty.call(TIME_UNITS, unit)) return undefined;
    total += Number.parseFloat(match[1]) * (unit === '' ? defaultUnit : TIME_UNITS[unit]);
    at = component.lastIndex;
  }
  return total;
}

/** parse_size's units, largest first: a size may chain parts with falling units (`1G 512M`). */
const SIZE_UNITS = ['E', 'P', 'T', 'G', 'M', 'K', 'B', ''];

/**
 * parse_size with base 1024: `512`, `512K`, `1.5G`, `1G 512M`; suffixes are single upper-case letters (`1GB` and
 * `1g` are refused, as systemd refuses them).
 */
export function parseSize(value: string): number | undefined {
  let rest = value.trim();
  if (rest === '') return undefined;
  let total = 0;
  let next = 0;
  while (rest !== '') {
    const number = /^([0-9]+)(\.[0-9]+)?[ \t]*/.exec(rest);
    if (!number || next >= SIZE_UNITS.length) return undefined;
    rest = rest.slice(number[0].length);
    let unit = next;
    while (!rest.startsWith(SIZE_UNITS[unit])) unit++; // '' always matches
    total += Number.parseFloat(number[1] + (number[2] ?? '')) * 1024 ** Math.max(0, 6 - unit);
    rest = rest.slice(SIZE_UNITS[unit].length).replace(/^[ \t]+/, '');
    next = unit + 1;
  }
  return total;
}

const SIGNALS = [
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'IOT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
  'STKFLT',
  'CHLD',
  'CONT',
  'STOP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'XCPU',
  'XFSZ',
  'VTALRM',
  'PROF',
  'WINCH',
  'IO',
  'POLL',
  'PWR',
  'SYS',
];
export const SIGNAL_NAMES: readonly string[] = SIGNALS.map((s) => 'SIG' + s);
const SIGNAL_SET = new Set(SIGNALS);

/** signal_from_string: `SIGTERM`, `TERM`, `15`, `RTMIN+3`, `SIGRTMAX-1` (case-sensitive). */
export function isSignal(value: string): boolean {
  if (/^[0-9]+$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 64;
  }
  const name = value.startsWith('SIG') ? value.slice(3) : value;
  if (SIGNAL_SET.has(name)) return true;
  const rt = /^RT(MIN|MAX)(?:([+-])([0-9]+))?$/.exec(name);
  if (!rt) return false;
  if (!rt[2]) return true;
  if ((rt[1] === 'MIN' && rt[2] === '-') || (rt[1] === 'MAX' && rt[2] === '+')) return false;
  return Number(rt[3]) <= 30;
}

/** One side of a resource limit (before or after `:`), per the rlimit it sets. */
function rlimitPart(part: string, rlimit: string | undefined): number | undefined {
  if (part === 'infinity') return Infinity;
  switch (rlimit) {
    case 'RLIMIT_CPU':
      return parseTimeSpan(part);
    case 'RLIMIT_RTTIME':
      return parseTimeSpan(part, 1e-6);
    case 'RLIMIT_FSIZE':
    case 'RLIMIT_DATA':
    case 'RLIMIT_STACK':
    case 'RLIMIT_CORE':
    case 'RLIMIT_RSS':
    case 'RLIMIT_AS':
    case 'RLIMIT_MEMLOCK':
    case 'RLIMIT_MSGQUEUE':
      return parseSize(part);
    case 'RLIMIT_NICE': {
      // rlimit_parse_nice: a signed value is a nice level (-20..19), an unsigned one the raw limit (0..40).
      const n = parseCInteger(part);
      if (n === undefined) return undefined;
      return /^[+-]/.test(part) ? (n >= -20 && n <= 19 ? 20 - n : undefined) : n <= 40 ? n : undefined;
    }
    default:
      return /^[0-9]+$/.test(part) ? Number(part) : undefined;
  }
}

/** `65536`, `infinity`, `soft:hard`; the soft limit may not exceed the hard one. */
export function checkLimit(value: string, rlimit: string | undefined): string | undefined {
  if (value === 'infinity' || (/^[0-9]+$/.test(value) && rlimit !== 'RLIMIT_NICE')) return undefined;
  const parts = value.split(':');
  if (parts.length > 2) return 'not a resource limit (use N, infinity or SOFT:HARD)';
  const numbers = parts.map((p) => rlimitPart(p.trim() === p ? p : '\0', rlimit));
  if (numbers.some((n) => n === undefined)) return 'not a resource limit (use N, infinity or SOFT:HARD)';
  if (numbers.length === 2 && (numbers[0] as number) > (numbers[1] as number)) return 'the soft limit is higher than the hard limit';
  return undefined;
}

/**
 * Checks one value against its directive; undefined when systemd would accept it. Only the kinds whose
 * parsers are fully known are judged: anything else passes.
 */
export function checkValue(directive: SystemdDirective, value: string): string | undefined {
  const refused = parserProblem(directive.parser, value);
  if (refused) return refused;
  switch (directive.kind) {
    case 'boolean':
      return isBoolean(value) ? undefined : `'${value}' is not a boolean (use yes/no, true/false, on/off, 1/0)`;
    case 'timespan':
      if (value === '' && /^config_parse_(sec|sec_fix_0|service_timeout|job_timeout_sec|job_running_timeout_sec)$/.test(directive.parser))
        return 'an empty time span is not accepted here';
      if (value === '') return undefined;
      return parseTimeSpan(value) === undefined ? `'${value}' is not a time span (e.g. 90, 1min 30s, 500ms, infinity)` : undefined;
    case 'limit': {
      const problem = checkLimit(value, directive.rlimit);
      return problem === undefined ? undefined : `'${value}': ${problem}`;
    }
    case 'signal':
      return isSignal(value) ? undefined : `'${value}' is not a signal name (e.g. SIGTERM, TERM, 15)`;
    case 'enum': {
      if (!directive.strict || !directive.values) return undefined;
      if (value === '' && !requiresNonEmpty(directive)) return undefined;
      if (directive.values.includes(value)) return undefined;
      if (directive.alsoBoolean && isBoolean(value)) return undefined;
      return `'${value}' is not one of: ${directive.values.join(', ')}${directive.alsoBoolean ? ', or a boolean' : ''}`;
    }
    case 'unsigned': {
      // safe_atou: base 0 (`0x10`, `+5`), no minus sign, 32 bits.
      const n = parseCInteger(value);
      return n !== undefined && n >= 0 && n <= 0xffffffff ? undefined : `'${value}' is not an unsigned number`;
    }
    case 'mode':
      // parse_mode: any number of octal digits (leading zeros included) up to 07777.
      return /^[0-7]{1,12}$/.test(value) && parseInt(value, 8) <= 0o7777 ? undefined : `'${value}' is not an octal file mode (e.g. 0660)`;
    case 'size':
      // config_parse_iec_size: parse_size, and an empty value is refused.
      if (directive.parser === 'config_parse_iec_size') return parseSize(value) === undefined ? `'${value}' is not a size (e.g. 8M)` : undefined;
      if (value === '' || value === 'infinity' || /%$|‰$|‱$/.test(value) || directive.parser !== 'config_parse_memory_limit') return undefined;
      return parseSize(value) === undefined ? `'${value}' is not a size (e.g. 512M, 2G, 50%, infinity)` : undefined;
    default:
      return undefined;
  }
}

/** Enum parsers generated by DEFINE_CONFIG_PARSE_ENUM reject an empty value; KillMode= and ManagedOOM*= reset to the default. */
function requiresNonEmpty(directive: SystemdDirective): boolean {
  return directive.parser !== 'config_parse_kill_mode' && directive.parser !== 'config_parse_managed_oom_mode';
}

/** Path-shaped values systemd insists on: absolute (EnvironmentFile, WorkingDirectory) or relative (RuntimeDirectory). */
export function checkPathRule(name: string, value: string): string | undefined {
  if (value === '') return undefined;
  switch (name) {
    case 'EnvironmentFile': {
      const p = value.startsWith('-') ? value.slice(1) : value;
      return p.startsWith('/') || p.startsWith('%') ? undefined : 'EnvironmentFile= needs an absolute path';
    }
    case 'WorkingDirectory': {
      const p = value.startsWith('-') ? value.slice(1) : value;
      return p.startsWith('/') || p === '~' || p.startsWith('%') ? undefined : 'WorkingDirectory= needs an absolute path (or ~)';
    }
    case 'ListenFIFO':
    case 'ListenSpecial':
    case 'ListenMessageQueue':
      return value.startsWith('/') || value.startsWith('%') ? undefined : `${name}= needs an absolute path`;
    case 'RuntimeDirectory':
    case 'StateDirectory':
    case 'CacheDirectory':
    case 'LogsDirectory':
    case 'ConfigurationDirectory':
      return value.split(/[ \t]+/).some((w) => w.startsWith('/'))
        ? `${name}= takes names relative to its base folder (e.g. myapp), not absolute paths`
        : undefined;
    default:
      return undefined;
  }
}
