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

/**
 * Exit statuses (config_parse_set_status, config_parse_exit_status): numbers up to 255, signal names and the
 * upper-case names of systemd's exit status table (SUCCESS, FAILURE...); anything else is refused.
 */
const exitStatuses: ParserCheck = (value) => {
  for (const word of value.split(/[ \t]+/)) {
    if (word === '') continue;
    if (/^[0-9]+$/.test(word)) {
      if (Number(word) > 255) return `exit status ${word} is out of range (0 to 255)`;
    } else if (!/^[A-Z][A-Z0-9_+-]*$/.test(word))
      return `'${word}' is not an exit status (0 to 255, a signal name such as TERM, or a status name such as SUCCESS)`;
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

/** Words split at blanks; words with quotes or backslashes are left out (systemd unquotes them first). */
const plainWords = (value: string) => value.split(/[ \t]+/).filter((w) => w !== '' && !/["'\\]/.test(w));
/** Absolute, or starting with a specifier that may expand to an absolute path (`%h`, `%t`). */
const absolute = (path: string) => path.startsWith('/') || path.startsWith('%');
const notAbsolute = (path: string) => `'${path}' is not an absolute path`;

/** config_parse_unit_path_printf, config_parse_path: one absolute path (empty resets). */
const onePath: ParserCheck = (value) => (value === '' || absolute(value) ? undefined : notAbsolute(value));

/** Space-separated absolute paths (Symlinks=, RequiresMountsFor=). */
const pathList: ParserCheck = (value) => {
  const bad = plainWords(value).find((w) => !absolute(w));
  return bad === undefined ? undefined : notAbsolute(bad);
};

/** config_parse_colon_separated_paths (ExecSearchPath=): absolute paths separated by `:`. */
const colonPaths: ParserCheck = (value) => {
  if (/["'\\]/.test(value)) return undefined;
  const bad = value.split(':').find((p) => p !== '' && !absolute(p));
  return bad === undefined ? undefined : notAbsolute(bad);
};

/** config_parse_temporary_filesystems: `PATH[:OPTIONS]` words. */
const temporaryFileSystems: ParserCheck = (value) => {
  const bad = plainWords(value)
    .map((w) => w.split(':')[0])
    .find((p) => !absolute(p));
  return bad === undefined ? undefined : notAbsolute(bad);
};

/** config_parse_bind_paths: `[-]SOURCE[:DEST[:OPTIONS]]` words, both paths absolute. */
const bindPaths: ParserCheck = (value) => {
  for (const word of plainWords(value)) {
    const [source, dest] = word.replace(/^-/, '').split(':');
    if (!absolute(source)) return notAbsolute(source);
    if (dest !== undefined && dest !== '' && !absolute(dest)) return notAbsolute(dest);
  }
  return undefined;
};

/** config_parse_unit_condition_path: an optional `|`, then an optional `!` (no blanks between), then a normalized absolute path. */
const conditionPath: ParserCheck = (value) => {
  if (value === '') return undefined;
  const path = value.replace(/^\|/, '').replace(/^!/, '');
  if (!absolute(path)) return notAbsolute(path);
  return /(^|\/)\.\.(\/|$)/.test(path) ? `'${path}' is not normalized (it holds ..)` : undefined;
};

/** config_parse_documentation: http(s)://, file:/, info: or man: URLs in ASCII. */
const documentation: ParserCheck = (value) => {
  for (const word of plainWords(value)) {
    const ok = /^(https?:\/\/|file:\/|info:|man:)/.test(word) && !/^(https?:\/\/|info:|man:)$/.test(word) && /^[\x00-\x7f]*$/.test(word);
    if (!ok) return `'${word}' is not a documentation URL (http://, https://, file:/, info: or man:)`;
  }
  return undefined;
};

/** A word of the parser's table or a number not below 0 (config_parse_exec_io_class, config_parse_exec_cpu_sched_policy). */
function wordOrNumber(words: readonly string[], what: string): ParserCheck {
  return (value) =>
    value === '' || words.includes(value) || (parseCInteger(value) ?? -1) >= 0 ? undefined : `'${value}' is not ${what} (${words.join(', ')}, or a number)`;
}

/**
 * A user or group name as systemd's relaxed check (valid_user_group_name) reads it; only what it surely refuses is
 * judged: `:` or `/`, `.` and `..`, a minus before digits, and numbers that are not user IDs (65535, 4294967295).
 */
function userProblem(name: string): string | undefined {
  if (name.includes('%')) return undefined;
  if (/[:/]/.test(name) || name === '.' || name === '..' || /^-[0-9]+$/.test(name)) return `'${name}' is not a valid user or group name`;
  if (/^[0-9]+$/.test(name) && (Number(name) === 65535 || Number(name) >= 4294967295)) return `${name} is not a valid user or group ID`;
  return undefined;
}
const user: ParserCheck = (value) => (value === '' ? undefined : userProblem(value));
const users: ParserCheck = (value) =>
  plainWords(value)
    .map(userProblem)
    .find((p) => p !== undefined);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** config_parse_pass_environ: variable names; config_parse_unset_environ: names or NAME=VALUE assignments. */
const passEnvironment: ParserCheck = (value) => {
  const bad = plainWords(value).find((w) => !w.includes('%') && !ENV_NAME.test(w));
  return bad === undefined ? undefined : `'${bad}' is not a variable name`;
};
const unsetEnvironment: ParserCheck = (value) => {
  const bad = plainWords(value).find((w) => !w.includes('%') && !ENV_NAME.test(w.includes('=') ? w.slice(0, w.indexOf('=')) : w));
  return bad === undefined ? undefined : `'${bad}' is not a variable name or assignment`;
};

/** config_parse_exec_input: a target word, `fd:NAME` or `file:` with an absolute path; empty is refused. */
const input: ParserCheck = (value) => {
  if (value.startsWith('fd:')) return undefined;
  if (value.startsWith('file:')) return absolute(value.slice(5)) ? undefined : notAbsolute(value.slice(5));
  return ['null', 'tty', 'tty-force', 'tty-fail', 'socket', 'fd', 'data', 'file'].includes(value)
    ? undefined
    : `'${value}' is not an input (null, tty, tty-force, tty-fail, socket, data, fd:NAME, file:PATH)`;
};

/** Unit names of one type (Sockets= takes .socket units; a socket's Service= one .service unit, not a template). */
const socketUnits: ParserCheck = (value) => {
  const bad = plainWords(value).find((w) => !w.endsWith('.socket'));
  return bad === undefined ? undefined : `'${bad}' is not a .socket unit`;
};
const serviceUnit: ParserCheck = (value) => {
  if (!value.endsWith('.service')) return `'${value}' is not a .service unit`;
  return value.endsWith('@.service') ? `'${value}' is a template without an instance name` : undefined;
};

/** config_parse_tristate: a boolean, or empty for the default. */
const tristate: ParserCheck = (value) => (value === '' || isBooleanWord(value) ? undefined : `'${value}' is not a boolean`);

/** config_parse_log_level: a syslog level name or its number (0-7); an empty value is refused. */
const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const logLevel: ParserCheck = (value) => {
  const n = parseCInteger(value);
  return LOG_LEVELS.includes(value) || (n !== undefined && n >= 0 && n <= 7)
    ? undefined
    : `'${value}' is not a log level (${LOG_LEVELS.join(', ')}, or 0 to 7)`;
};

/** config_parse_exec_cpu_affinity: `numa`, or CPU numbers and ranges (`0-3 5,7`), a range never falling. */
const cpuAffinity: ParserCheck = (value) => {
  if (value === 'numa') return undefined;
  for (const word of value.split(/[ \t,]+/)) {
    if (word === '') continue;
    const [from, to, extra] = word.split('-').map((part) => (part === '' ? undefined : parseCInteger(part)));
    if (from === undefined || from < 0 || extra !== undefined || (word.includes('-') && (to === undefined || to < 0)))
      return `'${word}' is not a CPU number or range`;
    if (to !== undefined && to < from) return `the range '${word}' falls`;
  }
  return undefined;
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
  config_parse_unit_path_printf: onePath,
  config_parse_unit_path_strv_printf: pathList,
  config_parse_unit_mounts_for: pathList,
  config_parse_colon_separated_paths: colonPaths,
  config_parse_temporary_filesystems: temporaryFileSystems,
  config_parse_bind_paths: bindPaths,
  config_parse_unit_condition_path: conditionPath,
  config_parse_documentation: documentation,
  config_parse_exec_io_class: wordOrNumber(['none', 'realtime', 'best-effort', 'idle'], 'an IO scheduling class'),
  config_parse_exec_cpu_sched_policy: wordOrNumber(['other', 'batch', 'idle', 'fifo', 'rr'], 'a CPU scheduling policy'),
  config_parse_exec_input: input,
  config_parse_service_sockets: socketUnits,
  config_parse_socket_service: serviceUnit,
  config_parse_tristate: tristate,
  config_parse_log_level: logLevel,
  config_parse_exec_cpu_affinity: cpuAffinity,
  config_parse_user_group_compat: user,
  config_parse_user_group_strv_compat: users,
  config_parse_pass_environ: passEnvironment,
  config_parse_unset_environ: unsetEnvironment,
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
