/**
 * The shape of systemd knowledge. Facts (sections, names, parsers, accepted values, versions) come from the
 * extracted upstream tables in directives.generated.ts; the prose (docs.ts) is ours.
 */

/** One row as extracted from systemd's gperf table (see scripts/gen-systemd-knowledge.mjs). */
export interface DirectiveFact {
  section: string;
  name: string;
  /** The config_parse_* function systemd uses for the value. */
  parser: string;
  /** Coarse value type of the newest version (bool, enum, timespan, rlimit, path, ...). */
  type: string;
  /** The value type in 252, when it differs (PrivateTmp= was a plain boolean). */
  type252?: string;
  /** Shared exec/kill/resource-control directives: where the man page documents them. */
  group?: 'exec' | 'kill' | 'resource-control';
  /** Accepted words (the string table the parser uses). */
  values?: string[];
  /** The values table also accepts booleans (yes/no/true/false/1/0/on/off). */
  bool?: boolean;
  rlimit?: string;
  /** legacy: recognised but ignored with a "removed" warning; obsolete: old dependency key. */
  compat?: 'legacy' | 'obsolete';
  /** Absent: present in 252 already; 253: added between 253 and the newest. */
  since?: number;
}

/** How a value is read and checked; one kind per family of systemd parsers. */
export type ValueKind =
  | 'boolean'
  | 'timespan'
  | 'enum'
  | 'limit'
  | 'signal'
  | 'path'
  | 'size'
  | 'mode'
  | 'unsigned'
  | 'list'
  | 'command'
  | 'environment'
  | 'string';

export interface SystemdDirective {
  section: string;
  name: string;
  kind: ValueKind;
  parser: string;
  /** Accepted words, for completion, hover and (when `strict`) checks. */
  values?: readonly string[];
  /** Booleans are accepted besides `values`. */
  alsoBoolean: boolean;
  /** Whether any value outside `values` (and booleans when allowed) is rejected by systemd. */
  strict: boolean;
  rlimit?: string;
  compat?: 'legacy' | 'obsolete';
  /** "252" (present in every version we know) or "253" (added after 252, present in 257). */
  since: string;
  /** The man page anchor on freedesktop.org. */
  url: string;
  /** Our words, for the keys a gunicorn deployment uses. */
  summary?: string;
  docs?: string;
}

export interface SectionInfo {
  name: string;
  /** Unit types (file suffixes without the dot) that have this section. */
  unitTypes: readonly string[];
  summary: string;
  url: string;
}
