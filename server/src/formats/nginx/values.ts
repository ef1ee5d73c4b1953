/** Value forms as nginx's ngx_conf_set_*_slot parsers accept them (ngx_parse_size, ngx_parse_time, ...). */
import type { DirectiveEntry } from '../../knowledge/nginx/directives';

const SIZE = /^\d+[kKmM]?$/;
const OFFSET = /^\d+[kKmMgG]?$/;
// ngx_parse_time: numbers with units in falling order; spaces allowed between parts; a bare number is seconds.
const TIME = /^\s*(?:\d+\s*(?:ms|[yMwdhms])\s*)*(?:\d+\s*)?$/;

export function isSize(value: string): boolean {
  return SIZE.test(value);
}

export function isTime(value: string): boolean {
  return value.trim() !== '' && TIME.test(value);
}

/** Why nginx would refuse a value for this entry, in nginx's own words; undefined when fine. */
export function valueProblem(entry: DirectiveEntry, value: string): string | undefined {
  const name = entry.name;
  switch (entry.valueKind) {
    case 'flag':
      return /^(on|off)$/i.test(value) ? undefined : `invalid value "${value}" in "${name}" directive, it must be "on" or "off"`;
    case 'size':
      return SIZE.test(value) ? undefined : `"${name}" directive invalid value "${value}": expected a size such as 512, 16k or 10m`;
    case 'offset':
      return OFFSET.test(value) ? undefined : `"${name}" directive invalid value "${value}": expected a size such as 512, 16k, 10m or 1g`;
    case 'msec':
    case 'sec':
      return isTime(value) ? undefined : `"${name}" directive invalid value "${value}": expected a time such as 30s, 5m or 1h`;
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
