/** Value forms as nginx's ngx_conf_set_*_slot parsers accept them (ngx_parse_size, ngx_parse_time, ...). */
import type { DirectiveEntry } from '../../knowledge/nginx/directives';

const SIZE = /^\d+[kKmM]?$/;
const OFFSET = /^\d+[kKmMgG]?$/;
// Longer numbers overflow nginx's 64-bit arithmetic and are refused; the exact limit depends on the unit.
const MAX_DIGITS = 18;

export function isSize(value: string): boolean {
  return SIZE.test(value) && value.length <= MAX_DIGITS;
}

export function isOffset(value: string): boolean {
  return OFFSET.test(value) && value.length <= MAX_DIGITS;
}

/** ngx_parse_time's units, largest first, with their length in seconds. */
const UNITS: Record<string, { step: number; seconds: number }> = {
  y: { step: 1, seconds: 31536000 },
  M: { step: 2, seconds: 2592000 },
  w: { step: 3, seconds: 604800 },
  d: { step: 4, seconds: 86400 },
  h: { step: 5, seconds: 3600 },
  m: { step: 6, seconds: 60 },
  s: { step: 7, seconds: 1 },
  ms: { step: 8, seconds: 0.001 },
};

/**
 * A time as ngx_parse_time reads it, in seconds; undefined when nginx refuses it. `1h30m`, `1h 30m`, `90` (seconds),
 * `500ms`. Units must fall (`1m1h` is refused); a space may only follow a unit; second-granularity settings
 * (`seconds`) refuse `ms`, millisecond ones refuse years and months.
 */
export function parseTime(value: string, seconds = false): number | undefined {
  let step = seconds ? 0 : UNITS.M.step;
  let digits = 0;
  let amount = 0;
  let sawDigit = false;
  let sawUnit = false;
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch >= '0' && ch <= '9') {
      if (++digits > MAX_DIGITS) return undefined;
      amount = amount * 10 + (ch.charCodeAt(0) - 48);
      sawDigit = true;
      continue;
    }
    if (ch === ' ') {
      if (digits > 0 || !sawUnit) return undefined;
      continue;
    }
    const name = ch === 'm' && value[i + 1] === 's' ? 'ms' : ch;
    const unit = UNITS[name];
    if (unit === undefined || digits === 0) return undefined;
    if (name === 'y' ? step > 0 : step >= unit.step) return undefined;
    if (name === 'ms' && seconds) return undefined;
    if (name === 'ms') i++;
    step = unit.step;
    total += amount * unit.seconds;
    digits = 0;
    amount = 0;
    sawUnit = true;
  }
  return sawDigit ? total + amount : undefined;
}

export function isTime(value: string, seconds = false): boolean {
  return parseTime(value, seconds) !== undefined;
}

/** Why nginx would refuse a value for this entry, in nginx's own words; undefined when fine. */
export function valueProblem(entry: DirectiveEntry, value: string): string | undefined {
  const name = entry.name;
  switch (entry.valueKind) {
    case 'flag':
      return /^(on|off)$/i.test(value) ? undefined : `invalid value "${value}" in "${name}" directive, it must be "on" or "off"`;
    case 'size':
      return isSize(value) ? undefined : `"${name}" directive invalid value "${value}": expected a size such as 512, 16k or 10m`;
    case 'offset':
      return isOffset(value) ? undefined : `"${name}" directive invalid value "${value}": expected a size such as 512, 16k, 10m or 1g`;
    case 'msec':
      return isTime(value) ? undefined : `"${name}" directive invalid value "${value}": expected a time such as 30s, 5m or 500ms`;
    case 'sec':
      return isTime(value, true)
        ? undefined
        : `"${name}" directive invalid value "${value}": expected a time in seconds or larger units, such as 30s, 5m or 1h`;
    case 'number': {
      if (!/^\d+$/.test(value)) return `invalid number "${value}" in "${name}" directive`;
      if (entry.bounds && (Number(value) < entry.bounds[0] || Number(value) > entry.bounds[1]))
        return `"${name}" must be between ${entry.bounds[0]} and ${entry.bounds[1]}`;
      return undefined;
    }
    case 'enum':
    case 'bitmask':
      if (entry.values.length === 0) return undefined;
      return entry.values.some((v) => v.toLowerCase() === value.toLowerCase())
        ? undefined
        : `invalid value "${value}" in "${name}" directive: expected ${entry.values.map((v) => `"${v}"`).join(', ')}`;
    default:
      return undefined;
  }
}
