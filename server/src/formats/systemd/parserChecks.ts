/**
 * Values whose parser has rules of its own beyond the value kind (a plain "string" in the tables): nice levels,
 * weights, output targets, namespace paths, slices. Each follows the named config_parse_* function of systemd 252,
 * and its verdicts are checked against `systemd-analyze verify`. Values with specifiers (`%i`) are expanded by
 * systemd first, so they are left alone.
 */

type ParserCheck = (value: string) => string | undefined;

const INTEGER = /^[+-]?[0-9]+$/;

function integerIn(low: number, high: number, what: string): ParserCheck {
  return (value) => {
    if (value === '') return undefined; // an empty assignment resets to the default
    return INTEGER.test(value) && Number(value) >= low && Number(value) <= high ? undefined : `'${value}' is not ${what} between ${low} and ${high}`;
  };
}

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

const CHECKS: Record<string, ParserCheck> = {
  config_parse_exec_nice: integerIn(-20, 19, 'a nice level'),
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
