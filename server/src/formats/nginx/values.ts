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

/** ngx_parse_time's units, largest first: each part of a time must use a smaller unit than the one before. */
const UNIT_STEP: Record<string, number> = { y: 1, M: 2, w: 3, d: 4, h: 5, m: 6, s: 7, ms: 8 };

/**
 * Whether ngx_parse_time accepts a time: `1h30m`, `1h 30m`, `90` (seconds), `500ms`. Units must fall (`1m1h` is
 * refused); a space may only follow a unit; second-granularity settings (`sec`) refuse `ms`, millisecond ones
 * (`msec`) refuse years and months.
 */
export function isTime(value: string, seconds = false): boolean {
  let step = seconds ? 0 : UNIT_STEP.M;
  let digits = 0;
  let sawDigit = false;
  let sawUnit = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch >= '0' && ch <= '9') {
      if (++digits > MAX_DIGITS) return false;
      sawDigit = true;
      continue;
    }
    if (ch === ' ') {
      if (digits > 0 || !sawUnit) return false;
      continue;
    }
    const unit = ch === 'm' && value[i + 1] === 's' ? 'ms' : ch;
    const unitStep = UNIT_STEP[unit];
    if (unitStep === undefined || digits === 0) return false;
    if (unit === 'y' ? step > 0 : step >= unitStep) return false;
    if (unit === 'ms' && seconds) return false;
    if (unit === 'ms') i++;
    step = unitStep;
    digits = 0;
    sawUnit = true;
  }
  return sawDigit;
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
      return isTime(value, true) ? undefined : `"${name}" directive invalid value "${value}": expected a time in seconds or larger units, such as 30s, 5m or 1h`;
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
