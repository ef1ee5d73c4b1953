/**
 * systemd directive knowledge per version: one table read by hover, completion and the value and name checks.
 * Versions known: 252 (Debian bookworm) and 257 (newest extracted); anything else maps to the nearest.
 */
import { DIRECTIVE_FACTS, SERVICE_TYPES_252, SYSTEMD_NEWEST } from './directives.generated';
import { docFor } from './docs';
import { nearest } from '../../core/nearest';
import type { DirectiveFact, SystemdDirective, ValueKind } from './types';

export * from './types';
export { SECTIONS, sectionsFor, findSection, unitTypeOf } from './sections';
export { SYSTEMD_NEWEST };

const MAN = 'https://www.freedesktop.org/software/systemd/man/latest/';

/** Parsers that look a word up in one string table and reject anything else (so a strict enum check is exact). */
const STRICT_ENUM_PARSERS = new Set([
  'config_parse_service_type',
  'config_parse_service_restart',
  'config_parse_service_restart_mode',
  'config_parse_service_exit_type',
  'config_parse_kill_mode',
  'config_parse_notify_access',
  'config_parse_service_timeout_failure_mode',
  'config_parse_oom_policy',
  'config_parse_collect_mode',
  'config_parse_job_mode',
  'config_parse_protect_system',
  'config_parse_protect_home',
  'config_parse_exec_keyring_mode',
  'config_parse_device_policy',
  'config_parse_exec_utmp_mode',
  'config_parse_proc_subset',
  'config_parse_protect_proc',
  'config_parse_exec_preserve_mode',
  'config_parse_managed_oom_mode',
  'config_parse_socket_timestamping',
  'config_parse_private_tmp',
  'config_parse_protect_control_groups',
  'config_parse_private_users',
  'config_parse_private_pids',
  'config_parse_memory_pressure_watch',
  // 257's table of emergency actions holds 252's: a word in neither (or an empty value) is refused by both.
  'config_parse_emergency_action',
]);

function kindOf(type: string, parser: string): ValueKind {
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'enum':
      return 'enum';
    case 'timespan':
      return 'timespan';
    case 'rlimit':
      return 'limit';
    case 'signal':
      return 'signal';
    case 'path':
    case 'env-file-path':
      return 'path';
    case 'size':
    case 'size-or-percent-or-infinity':
      return 'size';
    case 'octal-mode':
      return 'mode';
    case 'number':
      return parser === 'config_parse_unsigned' ? 'unsigned' : 'string';
    case 'command-line':
      return 'command';
    case 'env-list':
      return parser === 'config_parse_environ' ? 'environment' : 'list';
    case 'unit-list':
    case 'obsolete-unit-list':
    case 'list':
    case 'address-list':
    case 'sandbox-list':
    case 'capability-list':
      return 'list';
    default:
      return 'string';
  }
}

function manPage(fact: DirectiveFact): string {
  if (fact.group) return `systemd.${fact.group}.html`;
  if (fact.section === 'Service') return 'systemd.service.html';
  if (fact.section === 'Socket') return 'systemd.socket.html';
  return 'systemd.unit.html';
}

function build(fact: DirectiveFact, version: '252' | '257'): SystemdDirective {
  const type = version === '252' && fact.type252 ? fact.type252 : fact.type;
  const kind = kindOf(type, fact.parser);
  let values: readonly string[] | undefined = kind === 'enum' || (kind === 'boolean' && fact.values) ? fact.values : undefined;
  if (version === '252' && fact.name === 'Type' && fact.section === 'Service') values = SERVICE_TYPES_252;
  const doc = docFor(fact.section, fact.name, fact.group);
  return {
    section: fact.section,
    name: fact.name,
    kind: kind === 'boolean' && type === 'enum' ? 'enum' : kind,
    parser: fact.parser,
    values: kind === 'boolean' ? undefined : values,
    alsoBoolean: fact.bool === true,
    // 252's tables are subsets of 257's, so checking against the newer table never raises a false alarm.
    strict: kind === 'enum' && STRICT_ENUM_PARSERS.has(fact.parser),
    rlimit: fact.rlimit,
    compat: fact.compat,
    since: fact.since ? String(fact.since) : '252',
    url: `${MAN}${manPage(fact)}#${fact.name}=`,
    summary: doc?.summary,
    docs: doc?.docs,
  };
}

export type DirectiveTable = ReadonlyMap<string, ReadonlyMap<string, SystemdDirective>>;

const tables = new Map<string, DirectiveTable>();

/** "252" for any version up to 252 (and unparsable ones below 257), else the newest. */
export function knownVersion(setting: string | undefined): '252' | '257' {
  const n = Number.parseInt(setting ?? '', 10);
  return Number.isFinite(n) && n < 257 ? '252' : '257';
}

/** Section -> name -> directive for one systemd version. */
export function directiveTable(versionSetting?: string): DirectiveTable {
  const version = knownVersion(versionSetting);
  let table = tables.get(version);
  if (!table) {
    const sections = new Map<string, Map<string, SystemdDirective>>();
    for (const fact of DIRECTIVE_FACTS) {
      if (version === '252' && fact.since !== undefined) continue;
      let section = sections.get(fact.section);
      if (!section) sections.set(fact.section, (section = new Map<string, SystemdDirective>()));
      section.set(fact.name, build(fact, version));
    }
    tables.set(version, (table = sections));
  }
  return table;
}

export function findDirective(section: string, name: string, versionSetting?: string): SystemdDirective | undefined {
  return directiveTable(versionSetting).get(section)?.get(name);
}

/** A directive of the newest version that the requested version lacks (for "added in 253+" messages). */
export function newerDirective(section: string, name: string): SystemdDirective | undefined {
  return directiveTable('257').get(section)?.get(name);
}

/**
 * Directives systemd 252 still applies but warns about on their line ("Unit uses CPUShares=; please use
 * CPUWeight= instead"), with what it suggests instead. From the cgroup parsers of src/core/load-fragment.c,
 * checked against systemd-analyze verify.
 */
export const DEPRECATED_DIRECTIVES: ReadonlyMap<string, string> = new Map([
  ['CPUShares', 'CPUWeight='],
  ['StartupCPUShares', 'CPUWeight='],
  ['MemoryLimit', 'MemoryMax='],
  ['BlockIODeviceWeight', 'IO*= settings'],
  ['BlockIOReadBandwidth', 'IO*= settings'],
  ['BlockIOWriteBandwidth', 'IO*= settings'],
]);

/** Booleans as systemd's parse_boolean reads them (case-insensitive). */
export const BOOLEAN_WORDS: readonly string[] = ['yes', 'no', 'true', 'false', 'on', 'off', '1', '0', 'y', 'n', 't', 'f'];
export { VALUE_DOCS } from './valueDocs';
export { SPECIFIERS } from './specifiers';

const suggestions = new Map<string, string | undefined>();

/**
 * The known directive of a section nearest to a misspelt key (memoised: a unit re-checked on every keystroke asks
 * the same question again). Only names whose length is within the edit budget are compared.
 */
export function suggestDirective(section: string, key: string, versionSetting?: string): string | undefined {
  const version = knownVersion(versionSetting);
  const cacheKey = `${version}\0${section}\0${key}`;
  if (suggestions.has(cacheKey)) return suggestions.get(cacheKey);
  const keys = directiveTable(version).get(section);
  const candidates = keys ? [...keys.values()].filter((d) => d.compat !== 'legacy' && Math.abs(d.name.length - key.length) <= 3).map((d) => d.name) : [];
  const result = nearest(key, candidates);
  if (suggestions.size > 2000) suggestions.clear();
  suggestions.set(cacheKey, result);
  return result;
}
