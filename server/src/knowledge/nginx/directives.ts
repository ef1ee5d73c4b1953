/**
 * The nginx directive table, decoded once from the generated packed strings. Hover, completion and every check
 * read these entries; nothing else knows nginx's contexts or argument forms.
 */
import { DEBIAN_ABSENT_MODULES, DEBIAN_DYNAMIC_MODULES, NGINX_NEWEST_VERSION, PACKED_DIRECTIVES, PACKED_MODULES } from './directives.generated';

/** Where a directive sits, in nginx's own terms (`http.server.if` is an `if` inside `server`). */
export type NginxContext =
  | 'main'
  | 'events'
  | 'http'
  | 'http.server'
  | 'http.location'
  | 'http.upstream'
  | 'http.server.if'
  | 'http.location.if'
  | 'http.limit_except'
  | 'stream'
  | 'stream.server'
  | 'stream.upstream'
  | 'mail'
  | 'mail.server';

const CONTEXT_BY_CODE: Record<string, NginxContext | 'any'> = {
  m: 'main',
  '*': 'any',
  e: 'events',
  h: 'http',
  s: 'http.server',
  l: 'http.location',
  u: 'http.upstream',
  S: 'http.server.if',
  L: 'http.location.if',
  x: 'http.limit_except',
  t: 'stream',
  T: 'stream.server',
  U: 'stream.upstream',
  a: 'mail',
  A: 'mail.server',
};

/** How many arguments nginx accepts. */
export type ArgumentForm = { kind: 'counts'; counts: number[] } | { kind: 'flag' } | { kind: 'any' } | { kind: 'oneOrMore' } | { kind: 'twoOrMore' };

/** The value form of a single-argument directive, where nginx's own slot parser decides validity. */
export type ValueKind = 'flag' | 'size' | 'offset' | 'msec' | 'sec' | 'number' | 'enum' | 'bitmask' | '';

export interface DirectiveEntry {
  name: string;
  module: string;
  /** `any` means every context (include). */
  contexts: (NginxContext | 'any')[];
  block: boolean;
  args: ArgumentForm;
  valueKind: ValueKind;
  /** Accepted keywords (enum/bitmask). */
  values: string[];
  /** Inclusive bounds for numbers (gzip_comp_level 1..9). */
  bounds?: [number, number];
  /** nginx refuses a second occurrence in one block ("is duplicate"). */
  unique: boolean;
  inOld: boolean;
  inNewest: boolean;
}

export const NGINX_VERSIONS = ['1.22', NGINX_NEWEST_VERSION] as const;
/** The release the older table was extracted from (Debian bookworm's build). */
export const NGINX_OLD_TABLE_VERSION = '1.22.1';

let decoded: DirectiveEntry[] | undefined;

/**
 * Directives whose handler refuses a second use in one block although the generated table does not say so: the
 * complex-value slots (ngx_http_set_complex_value_slot and its _size variant, ngx_stream_set_complex_value_slot)
 * return "is duplicate". From the nginx 1.22.1 sources; the newest nginx keeps this for the http ones listed first.
 */
const REPEAT_REFUSED_BOTH: Record<string, string> = {
  limit_rate: 'ngx_http_core_module',
  limit_rate_after: 'ngx_http_core_module',
  proxy_method: 'ngx_http_proxy_module',
  auth_basic: 'ngx_http_auth_basic_module',
};
const REPEAT_REFUSED_1_22: Record<string, string[]> = {
  proxy_ssl_certificate: ['ngx_http_proxy_module', 'ngx_stream_proxy_module'],
  proxy_ssl_certificate_key: ['ngx_http_proxy_module', 'ngx_stream_proxy_module'],
  proxy_ssl_name: ['ngx_http_proxy_module', 'ngx_stream_proxy_module'],
  grpc_ssl_certificate: ['ngx_http_grpc_module'],
  grpc_ssl_certificate_key: ['ngx_http_grpc_module'],
  grpc_ssl_name: ['ngx_http_grpc_module'],
  uwsgi_ssl_certificate: ['ngx_http_uwsgi_module'],
  uwsgi_ssl_certificate_key: ['ngx_http_uwsgi_module'],
  uwsgi_ssl_name: ['ngx_http_uwsgi_module'],
  secure_link: ['ngx_http_secure_link_module'],
  secure_link_md5: ['ngx_http_secure_link_module'],
  proxy_upload_rate: ['ngx_stream_proxy_module'],
  proxy_download_rate: ['ngx_stream_proxy_module'],
};

/** Whether nginx refuses a second use of the entry's directive in one block ("is duplicate"). */
export function refusesRepeat(entry: DirectiveEntry, version: string | undefined): boolean {
  if (entry.unique || REPEAT_REFUSED_BOTH[entry.name] === entry.module) return true;
  return isOldVersion(version) && !!REPEAT_REFUSED_1_22[entry.name]?.includes(entry.module);
}

function decodeArgs(text: string): ArgumentForm {
  if (text === 'f') return { kind: 'flag' };
  if (text === '*') return { kind: 'any' };
  if (text === '+') return { kind: 'oneOrMore' };
  if (text === '++') return { kind: 'twoOrMore' };
  return { kind: 'counts', counts: [...text].map(Number) };
}

export function allEntries(): DirectiveEntry[] {
  if (decoded) return decoded;
  const modules = PACKED_MODULES.split(' ');
  decoded = PACKED_DIRECTIVES.split('\n').map((line) => {
    const [name, module, ctx, args, kind, values, dup, versions] = line.split('|');
    const block = args.startsWith('B');
    const bounds = /^(\d+)\.\.(\d+)$/.exec(values);
    return {
      name,
      module: modules[Number(module)],
      contexts: [...ctx].map((c) => CONTEXT_BY_CODE[c]),
      block,
      args: decodeArgs(block ? args.slice(1) : args),
      valueKind: kind as ValueKind,
      values: bounds || values === '' ? [] : values.split(' '),
      bounds: bounds ? [Number(bounds[1]), Number(bounds[2])] : undefined,
      unique: dup === '1',
      inOld: versions !== 'n',
      inNewest: versions !== 'o',
    };
  });
  return decoded;
}

let lastVersion: string | undefined;
let lastOld = false;

/**
 * True when the version setting selects the 1.22 table (Debian bookworm). Asked for every directive by several
 * rules, always about the same setting: the string is parsed once, not per call (it was 8% of a warm check).
 */
export function isOldVersion(version: string | undefined): boolean {
  if (version === lastVersion) return lastOld;
  const [major, minor] = (version ?? '').split('.').map(Number);
  lastVersion = version;
  lastOld = major === 1 && minor < 23;
  return lastOld;
}

const tables = new Map<boolean, Map<string, DirectiveEntry[]>>();

/** Every entry of a name for the selected nginx version (several when modules share a name: `server`, `listen`). */
export function entriesFor(name: string, version?: string): DirectiveEntry[] {
  const old = isOldVersion(version);
  let table = tables.get(old);
  if (!table) {
    table = new Map();
    for (const entry of allEntries()) {
      if (old ? !entry.inOld : !entry.inNewest) continue;
      const list = table.get(entry.name) ?? [];
      list.push(entry);
      table.set(entry.name, list);
    }
    tables.set(old, table);
  }
  return table.get(name) ?? [];
}

/** All names of the selected version, for "did you mean" and completion. */
const namesByTable = new Map<boolean, readonly string[]>();

export function directiveNames(version?: string): readonly string[] {
  const old = isOldVersion(version);
  let names = namesByTable.get(old);
  if (!names) {
    const set = new Set<string>();
    for (const entry of allEntries()) if (old ? entry.inOld : entry.inNewest) set.add(entry.name);
    names = [...set];
    namesByTable.set(old, names);
  }
  return names;
}

/** Whether any version we know has the name (to say "added in a later nginx" instead of "unknown"). */
export function versionNote(name: string, version?: string): string | undefined {
  const all = allEntries().filter((e) => e.name === name);
  if (all.length === 0) return undefined;
  const old = isOldVersion(version);
  if (old && all.every((e) => !e.inOld)) return `not in nginx 1.22 (added in a later release)`;
  if (!old && all.every((e) => !e.inNewest)) return `removed after nginx 1.22`;
  return undefined;
}

export function allowedIn(entry: DirectiveEntry, context: NginxContext): boolean {
  return entry.contexts.includes('any') || entry.contexts.includes(context);
}

export function argumentsAccepted(form: ArgumentForm, count: number): boolean {
  switch (form.kind) {
    case 'any':
      return true;
    case 'flag':
      return count === 1;
    case 'oneOrMore':
      return count >= 1;
    case 'twoOrMore':
      return count >= 2;
    case 'counts':
      return form.counts.includes(count);
  }
}

export function describeArguments(form: ArgumentForm): string {
  switch (form.kind) {
    case 'any':
      return 'any number of arguments';
    case 'flag':
      return '`on` or `off`';
    case 'oneOrMore':
      return 'one or more arguments';
    case 'twoOrMore':
      return 'two or more arguments';
    case 'counts':
      return form.counts.length === 1 && form.counts[0] === 0
        ? 'no arguments'
        : `${form.counts.join(' or ')} argument${form.counts.length === 1 && form.counts[0] === 1 ? '' : 's'}`;
  }
}

const DEBIAN_DYNAMIC = new Set(DEBIAN_DYNAMIC_MODULES.split(' '));
const DEBIAN_ABSENT = new Set(DEBIAN_ABSENT_MODULES.split(' '));

/** Debian's build: 'static', 'dynamic' (needs load_module) or 'absent'. */
export function debianBuild(module: string): 'static' | 'dynamic' | 'absent' {
  if (DEBIAN_DYNAMIC.has(module)) return 'dynamic';
  if (DEBIAN_ABSENT.has(module)) return 'absent';
  return 'static';
}

/** The nginx.org page of a module: filter and upstream helper modules are documented under their family. */
export function docsPage(module: string): string {
  const base = 'https://nginx.org/en/docs/';
  if (/^ngx_http_upstream_\w+_module$/.test(module)) return `${base}http/ngx_http_upstream_module.html`;
  if (/^ngx_stream_upstream_\w+_module$/.test(module)) return `${base}stream/ngx_stream_upstream_module.html`;
  if (module === 'ngx_http_module' || module === 'ngx_http_copy_filter_module' || module === 'ngx_http_try_files_module')
    return `${base}http/ngx_http_core_module.html`;
  if (module === 'ngx_stream_module') return `${base}stream/ngx_stream_core_module.html`;
  if (module === 'ngx_mail_module') return `${base}mail/ngx_mail_core_module.html`;
  if (module.startsWith('ngx_http_')) {
    const page = module === 'ngx_http_image_filter_module' ? module : module.replace('_filter_module', '_module');
    return `${base}http/${page}.html`;
  }
  if (module.startsWith('ngx_stream_')) return `${base}stream/${module}.html`;
  if (module.startsWith('ngx_mail_')) return `${base}mail/${module}.html`;
  if (module === 'ngx_event_core_module' || module === 'ngx_events_module') return `${base}ngx_core_module.html`;
  return `${base}ngx_core_module.html`;
}

export function docsUrlFor(entry: DirectiveEntry): string {
  return `${docsPage(entry.module)}#${entry.name}`;
}

/**
 * The modules a `load_module` line makes available, by the file it names: Debian's dynamic modules (libnginx-mod-*:
 * `ngx_stream_module.so` brings every stream module but geoip, `ngx_mail_module.so` every mail module), or
 * undefined for a module we do not know (a third-party one, whose directives we cannot judge).
 */
export function modulesLoadedBy(file: string): string[] | undefined {
  const name = /([\w-]+)\.so$/.exec(file)?.[1];
  if (!name || !DEBIAN_DYNAMIC.has(name)) return undefined;
  const family = /^ngx_(stream|mail)_module$/.exec(name)?.[1];
  if (!family) return [name];
  return [...DEBIAN_DYNAMIC].filter((m) => m.startsWith(`ngx_${family}_`) && m !== 'ngx_stream_geoip_module');
}
