/**
 * Values whose parser has rules of its own beyond the value kind (a plain "string" in the tables): nice levels,
 * weights, output targets, namespace paths, slices. Each follows the named config_parse_* function of systemd 252,
 * and its verdicts are checked against `systemd-analyze verify`. Values with specifiers (`%i`) are expanded by
 * systemd first, so they are left alone.
 */

import { BOOLEAN_WORDS } from '../../knowledge/systemd';

type ParserCheck = (value: string) => string | undefined;

const isBooleanWord = (value: string) => BOOLEAN_WORDS.includes(value.toLowerCase());

/**
 * An integer as strtol/strtoul read it with base 0 (safe_atoi, safe_atou): an optional sign, then `0x` hex, `0`
 * octal or decimal digits, nothing after (`0x10`, `+5` and `07` are numbers; `08` and `5x` are not).
 */
export function parseCInteger(value: string): number | undefined {
  const match = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9][0-9]*))$/.exec(value);
  if (!match) return undefined;
  const magnitude = match[2] !== undefined ? parseInt(match[2], 16) : match[3] !== undefined ? parseInt(match[3], 8) : Number(match[4]);
  return match[1] === '-' ? -magnitude : magnitude;
}

/** An integer in [low, high]; `empty` says whether an empty assignment (a reset) is accepted. */
function integerIn(low: number, high: number, what: string, empty = true): ParserCheck {
  return (value) => {
    if (value === '') return empty ? undefined : `an empty value is not ${what}`;
    const n = parseCInteger(value);
    return n !== undefined && n >= low && n <= high ? undefined : `'${value}' is not ${what} between ${low} and ${high}`;
  };
}

/** Namespace types systemd 252 knows (namespace_info[] in src/shared/nsflags.c). */
const NAMESPACES = new Set(['cgroup', 'ipc', 'net', 'mnt', 'pid', 'user', 'uts', 'time']);

/**
 * config_parse_restrict_namespaces: empty, a boolean, or namespace types separated by spaces, the whole list
 * optionally inverted by one leading `~` (`~` alone allows all). One unknown name drops the whole line.
 */
const restrictNamespaces: ParserCheck = (value) => {
  if (value === '' || value === '~' || isBooleanWord(value)) return undefined;
  const list = value.startsWith('~') ? value.slice(1) : value;
  for (const word of list.split(/[ \t]+/)) {
    if (word !== '' && !NAMESPACES.has(word)) return `'${word}' is not a namespace type (${[...NAMESPACES].join(', ')}), so systemd drops the whole list`;
  }
  return undefined;
};

/** Exit statuses (config_parse_set_status, config_parse_exit_status): numbers stop at 255. */
const exitStatuses: ParserCheck = (value) => {
  for (const word of value.split(/[ \t]+/)) {
    if (/^[0-9]+$/.test(word) && Number(word) > 255) return `exit status ${word} is out of range (0 to 255)`;
  }
  return undefined;
};

const OUTPUT_WORDS = new Set(['inherit', 'null', 'tty', 'journal', 'kmsg', 'journal+console', 'kmsg+console', 'socket']);
// Obsolete targets systemd still rewrites to the journal (it says so, but loads the unit).
const OUTPUT_OBSOLETE = new Set(['syslog', 'syslog+console']);

/** config_parse_exec_output: a target word, `fd:NAME`, or `file:`/`append:`/`truncate:` with an absolute path. */
const output: ParserCheck = (value) => {
  if (OUTPUT_WORDS.has(value) || OUTPUT_OBSOLETE.has(value) || value.startsWith('fd:')) return undefined;
  const file = /^(file|append|truncate):(.*)$/.exec(value);
  if (file) return file[2].startsWith('/') ? undefined : `'${file[2]}' is not an absolute path`;
  return `'${value}' is not an output target (${[...OUTPUT_WORDS].join(', ')}, fd:NAME, file:PATH, append:PATH, truncate:PATH)`;
};

/** config_parse_namespace_path_strv: absolute paths, each optionally prefixed `-` (ignore if missing) then `+`. */
const namespacePaths: ParserCheck = (value) => {
  for (const word of value.split(/[ \t]+/)) {
    if (word === '' || /["'\\]/.test(word)) continue;
    const path = word.replace(/^-?\+?/, '');
    if (!path.startsWith('/')) return `'${path}' is not an absolute path`;
  }
  return undefined;
};

/** config_parse_unit_slice: the name of a slice unit. */
const slice: ParserCheck = (value) => {
  if (value === '') return 'an empty slice name is not a unit name';
  if (!value.endsWith('.slice')) return `'${value}' is not a slice unit (its name ends in .slice)`;
  return /^[A-Za-z0-9:_.\\-]+\.slice$/.test(value) && value !== '.slice' ? undefined : `'${value}' is not a valid unit name`;
};

const INT32 = [-2147483648, 2147483647] as const;

const CHECKS: Record<string, ParserCheck> = {
  config_parse_exec_nice: integerIn(-20, 19, 'a nice level'),
  // Ranges of systemd 252's parsers (src/core/load-fragment.c, src/basic/cgroup-util.c, ioprio-util.h).
  config_parse_exec_cpu_sched_prio: integerIn(0, 99, 'a CPU scheduling priority', false),
  config_parse_exec_io_priority: integerIn(0, 7, 'an IO scheduling priority'),
  config_parse_cpu_shares: integerIn(2, 262144, 'a CPU shares value'),
  config_parse_blockio_weight: integerIn(10, 1000, 'a block IO weight'),
  config_parse_int: integerIn(INT32[0], INT32[1], 'an integer', false),
  config_parse_restrict_namespaces: restrictNamespaces,
  config_parse_set_status: exitStatuses,
  config_parse_exit_status: exitStatuses,
  config_parse_exec_oom_score_adjust: integerIn(-1000, 1000, 'an OOM score adjustment'),
  config_parse_cg_weight: integerIn(1, 10000, 'a weight'),
  config_parse_cg_cpu_weight: (value) => (value === 'idle' ? undefined : integerIn(1, 10000, 'a CPU weight (or idle)')(value)),
  config_parse_exec_output: output,
  config_parse_namespace_path_strv: namespacePaths,
  config_parse_unit_slice: slice,
};

/** What the directive's own parser refuses, if this module knows the parser; undefined otherwise. */
export function parserProblem(parser: string, value: string): string | undefined {
  const check = CHECKS[parser];
  if (!check || value.includes('%')) return undefined;
  return check(value);
}
