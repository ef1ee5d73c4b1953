/**
 * Arguments that nginx's own directive handlers parse, rather than its generic slot parsers: `listen`, `return`,
 * `error_page`, upstream `server`, `proxy_pass`, `expires`, ... Each check follows the handler in nginx's source
 * and words its message as nginx does, so that we refuse what `nginx -t` refuses, on the same line, and nothing
 * else. Values holding variables are decided at request time and are left alone.
 */
import { isOldVersion, type DirectiveEntry } from '../../knowledge/nginx/directives';
import { parseAddress, parseIPv4, type AddressProblem } from './addresses';
import { locationMatch } from './locations';
import type { NginxDirective } from './model';
import { parenthesisProblem } from './regexParentheses';
import { isSize, isTime, parseTime } from './values';

export interface ArgumentProblem {
  /** Index of the argument at fault; -1 for the statement; 'block' for a whole block (nginx names its last line). */
  arg: number | 'block';
  message: string;
}

interface HandlerInput {
  directive: NginxDirective;
  args: readonly string[];
  /** The 1.22 table is selected (Debian bookworm): parameters added later are refused. */
  old: boolean;
}

type HandlerCheck = (input: HandlerInput) => ArgumentProblem | undefined;

const DIGITS = /^\d+$/;
const hasVariable = (value: string) => value.includes('$');
const problem = (arg: number | 'block', message: string): ArgumentProblem => ({ arg, message });

// --- listen -----------------------------------------------------------------------------------------------------

/** Parameters taking no value; `quic` arrived in 1.25, `multipath` later still. */
const LISTEN_FLAGS = new Set(['default_server', 'default', 'ssl', 'http2', 'proxy_protocol', 'deferred', 'bind', 'reuseport']);
const LISTEN_FLAGS_SINCE_1_25 = new Set(['quic', 'multipath']);

function listenParameterProblem(parameter: string, old: boolean): string | undefined {
  if (LISTEN_FLAGS.has(parameter) || (!old && LISTEN_FLAGS_SINCE_1_25.has(parameter))) return undefined;
  const equals = parameter.indexOf('=');
  const key = equals < 0 ? parameter : parameter.slice(0, equals + 1);
  const value = parameter.slice(equals + 1);
  switch (key) {
    case 'backlog=':
      return DIGITS.test(value) && Number(value) > 0 ? undefined : `invalid backlog "${parameter}"`;
    case 'rcvbuf=':
    case 'sndbuf=':
      return isSize(value) ? undefined : `invalid ${key.slice(0, -1)} "${parameter}"`;
    case 'fastopen=':
      return DIGITS.test(value) ? undefined : `invalid fastopen "${parameter}"`;
    case 'ipv6only=':
      return value === 'on' || value === 'off' ? undefined : `invalid parameter "${parameter}"`;
    case 'so_keepalive=':
      return soKeepaliveValid(value) ? undefined : `invalid so_keepalive value: "${value}"`;
    // Platform options (FreeBSD): a Linux build refuses them, but the file may be meant for another system.
    case 'accept_filter=':
    case 'setfib=':
      return undefined;
    default:
      return `invalid parameter "${parameter}"`;
  }
}

/** `on`, `off`, or `[keepidle]:[keepintvl]:[keepcnt]` with times in seconds. */
function soKeepaliveValid(value: string): boolean {
  if (value === 'on' || value === 'off') return true;
  const parts = value.split(':');
  if (parts.length !== 3) return false;
  const [idle, interval, count] = parts;
  return (idle === '' || isTime(idle, true)) && (interval === '' || isTime(interval, true)) && (count === '' || DIGITS.test(count));
}

function listenAddressMessage(kind: AddressProblem, address: string): string {
  return `${kind} in "${address}" of the "listen" directive`;
}

const listen: HandlerCheck = ({ args, old }) => {
  const address = parseAddress(args[0], true);
  if (address.problem) return problem(0, listenAddressMessage(address.problem, args[0]));
  for (let i = 1; i < args.length; i++) {
    const message = listenParameterProblem(args[i], old);
    if (message) return problem(i, message);
  }
  return undefined;
};

// --- upstream server --------------------------------------------------------------------------------------------

const upstreamServer: HandlerCheck = ({ args, old }) => {
  const address = parseAddress(args[0], false);
  if (address.problem) return problem(0, `${address.problem} in upstream "${args[0]}"`);
  for (let i = 1; i < args.length; i++) {
    if (!upstreamParameterValid(args[i], old)) return problem(i, `invalid parameter "${args[i]}"`);
  }
  return undefined;
};

function upstreamParameterValid(parameter: string, old: boolean): boolean {
  if (parameter === 'backup' || parameter === 'down') return true;
  // Open-source nginx learned re-resolving upstream names in 1.27.3.
  if (!old && (parameter === 'resolve' || parameter.startsWith('service='))) return true;
  const equals = parameter.indexOf('=');
  if (equals < 0) return false;
  const key = parameter.slice(0, equals);
  const value = parameter.slice(equals + 1);
  switch (key) {
    case 'weight':
      return DIGITS.test(value) && Number(value) > 0;
    case 'max_fails':
    case 'max_conns':
      return DIGITS.test(value);
    case 'fail_timeout':
      return isTime(value, true);
    default:
      return false;
  }
}

/** Directives an upstream block may hold besides `server`; anything else (a module, an include) may bring servers. */
const UPSTREAM_SETTINGS = new Set([
  'keepalive',
  'keepalive_timeout',
  'keepalive_requests',
  'keepalive_time',
  'zone',
  'hash',
  'ip_hash',
  'least_conn',
  'random',
  'resolver',
  'resolver_timeout',
]);

const upstreamBlock: HandlerCheck = ({ directive }) => {
  const block = directive.block;
  if (!block || block.close === undefined || block.raw) return undefined;
  if (!block.children.every((child) => UPSTREAM_SETTINGS.has(child.name))) return undefined;
  return problem('block', `no servers are inside upstream "${directive.args[0]?.value ?? ''}"`);
};

// --- return, error_page -----------------------------------------------------------------------------------------

const returnCode: HandlerCheck = ({ args }) => {
  const code = args[0];
  if (DIGITS.test(code)) return code.length > 3 ? problem(0, `invalid return code "${code}"`) : undefined;
  const redirect = args.length === 1 && (code.startsWith('http://') || code.startsWith('https://') || code.startsWith('$scheme'));
  return redirect ? undefined : problem(0, `invalid return code "${code}": give a status code, or a URL starting with http://, https:// or $scheme`);
};

const errorPage: HandlerCheck = ({ args }) => {
  const overrideIndex = args.length - 2;
  let codesEnd = args.length - 1;
  if (args[overrideIndex].startsWith('=')) {
    const override = args[overrideIndex].slice(1);
    if (overrideIndex === 0 || (override !== '' && !DIGITS.test(override))) return problem(overrideIndex, `invalid value "${args[overrideIndex]}"`);
    codesEnd = overrideIndex;
  }
  for (let i = 0; i < codesEnd; i++) {
    const code = args[i];
    if (!DIGITS.test(code) || code === '499') return problem(i, `invalid value "${code}"`);
    if (Number(code) < 300 || Number(code) > 599) return problem(i, `value "${code}" must be between 300 and 599`);
  }
  return undefined;
};

// --- allow, deny ------------------------------------------------------------------------------------------------

function cidrValid(value: string): boolean {
  if (value === 'all' || value === 'unix:') return true;
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const mask = slash < 0 ? undefined : value.slice(slash + 1);
  if (address.includes(':')) {
    return /^[0-9a-fA-F:.]+$/.test(address) && (mask === undefined || (DIGITS.test(mask) && Number(mask) <= 128));
  }
  if (!parseIPv4(address)) return false;
  return mask === undefined || (DIGITS.test(mask) && Number(mask) <= 32);
}

const accessRule: HandlerCheck = ({ args }) => (cidrValid(args[0]) ? undefined : problem(0, `invalid parameter "${args[0]}"`));

// --- proxy_pass ---------------------------------------------------------------------------------------------------

/** Blocks where a proxy_pass URL may not carry a URI: nginx cannot tell which part of the request to replace. */
function uriForbiddenIn(parent: NginxDirective | undefined): boolean {
  if (!parent) return false;
  if (parent.name === 'if' || parent.name === 'limit_except') return true;
  if (parent.name !== 'location') return false;
  const kind = locationMatch(parent)?.kind;
  return kind === 'regex' || kind === 'named';
}

const proxyPass: HandlerCheck = ({ directive, args }) => {
  const url = args[0];
  if (hasVariable(url)) return undefined;
  const lower = url.toLowerCase();
  const schemeLength = lower.startsWith('http://') ? 7 : lower.startsWith('https://') ? 8 : 0;
  if (schemeLength === 0) return problem(0, `invalid URL prefix in "${url}": proxy_pass takes an http:// or https:// URL`);
  const rest = url.slice(schemeLength);
  let uri: string;
  if (rest.startsWith('unix:')) {
    // http://unix:/run/app.sock:/prefix -- the socket path ends at the next colon.
    const colon = rest.indexOf(':', 5);
    uri = colon < 0 ? '' : rest.slice(colon + 1);
  } else {
    const end = rest.search(/[/?]/);
    const hostPort = end < 0 ? rest : rest.slice(0, end);
    uri = end < 0 ? '' : rest.slice(end);
    if (hostPort === '') return problem(0, `no host in upstream "${hostPort}"`);
    const address = parseAddress(hostPort, false);
    if (address.problem && address.problem !== 'host not found') return problem(0, `${address.problem} in upstream "${hostPort}"`);
  }
  if (uri !== '' && uriForbiddenIn(directive.parent)) {
    return problem(
      0,
      '"proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block',
    );
  }
  return undefined;
};

// --- times and sizes with their own handlers ----------------------------------------------------------------------

const invalidValue = (name: string) => `"${name}" directive invalid value`;

const keepaliveTimeout: HandlerCheck = ({ directive, args }) => {
  if (!isTime(args[0])) return problem(0, invalidValue(directive.name));
  if (args.length > 1 && !isTime(args[1], true)) return problem(1, invalidValue(directive.name));
  return undefined;
};

/** ngx_conf_set_bufs_slot: a count and a size, both above zero (`proxy_buffers 8 16k`). */
const buffers: HandlerCheck = ({ directive, args }) => {
  if (!DIGITS.test(args[0]) || Number(args[0]) === 0) return problem(0, invalidValue(directive.name));
  if (!isSize(args[1]) || parseInt(args[1], 10) === 0) return problem(1, invalidValue(directive.name));
  return undefined;
};

const expires: HandlerCheck = ({ directive, args }) => {
  if (args.length === 2 && args[0] !== 'modified') return problem(0, invalidValue(directive.name));
  const last = args.length - 1;
  const value = args[last];
  if (args.length === 1 && (value === 'epoch' || value === 'max' || value === 'off')) return undefined;
  if (hasVariable(value)) return undefined;
  if (value.startsWith('@')) {
    if (args.length === 2) return problem(last, 'daily time cannot be used with "modified" parameter');
    const time = parseTime(value.slice(1), true);
    if (time === undefined) return problem(last, invalidValue(directive.name));
    return time < 24 * 60 * 60 ? undefined : problem(last, `"${directive.name}" directive daily time value must be less than 24 hours`);
  }
  const unsigned = value.startsWith('+') || value.startsWith('-') ? value.slice(1) : value;
  return isTime(unsigned, true) ? undefined : problem(last, invalidValue(directive.name));
};

/** limit_rate and limit_rate_after take a size, or variables (since 1.17.0). */
const sizeOrVariables: HandlerCheck = ({ directive, args }) => (hasVariable(args[0]) || isSize(args[0]) ? undefined : problem(0, invalidValue(directive.name)));

const openFileCache: HandlerCheck = ({ directive, args }) => {
  if (args.includes('off')) return undefined;
  let max = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const valid = arg.startsWith('max=') ? DIGITS.test(arg.slice(4)) && Number(arg.slice(4)) > 0 : arg.startsWith('inactive=') && isTime(arg.slice(9), true);
    if (!valid) return problem(i, `invalid "${directive.name}" parameter "${arg}"`);
    if (arg.startsWith('max=')) max = true;
  }
  return max ? undefined : problem(-1, `"${directive.name}" must have the "max" parameter`);
};

/** proxy_cache_valid and its siblings: `[code ...] time`, codes between 100 and 599 or `any`. */
const cacheValid: HandlerCheck = ({ args }) => {
  const last = args.length - 1;
  if (!isTime(args[last], true)) return problem(last, `invalid time value "${args[last]}"`);
  for (let i = 0; i < last; i++) {
    const code = args[i];
    if (code === 'any') continue;
    if (!DIGITS.test(code) || Number(code) < 100 || Number(code) > 599) return problem(i, `invalid status "${code}"`);
  }
  return undefined;
};

// --- keywords -------------------------------------------------------------------------------------------------------

const addHeader: HandlerCheck = ({ args }) => (args.length === 3 && args[2] !== 'always' ? problem(2, `invalid parameter "${args[2]}"`) : undefined);

const proxyRedirect: HandlerCheck = ({ args }) =>
  // "false" is an old spelling of "off" that nginx still takes (with a warning).
  args.length === 1 && !['default', 'off', 'false'].includes(args[0]) && !args[0].startsWith('~') ? problem(0, `invalid parameter "${args[0]}"`) : undefined;

const IGNORABLE_HEADERS = [
  'X-Accel-Redirect',
  'X-Accel-Expires',
  'X-Accel-Limit-Rate',
  'X-Accel-Buffering',
  'X-Accel-Charset',
  'Expires',
  'Cache-Control',
  'Set-Cookie',
  'Vary',
].map((h) => h.toLowerCase());

const ignoreHeaders: HandlerCheck = ({ args }) => {
  const index = args.findIndex((arg) => !IGNORABLE_HEADERS.includes(arg.toLowerCase()));
  return index < 0 ? undefined : problem(index, `invalid value "${args[index]}"`);
};

function sessionCacheValid(value: string): boolean {
  if (value === 'off' || value === 'none' || value === 'builtin') return true;
  if (value.startsWith('builtin:')) return DIGITS.test(value.slice(8));
  const shared = /^shared:([^:]+):(.+)$/.exec(value);
  return !!shared && isSize(shared[2]);
}

const sslSessionCache: HandlerCheck = ({ args }) => {
  const index = args.findIndex((arg) => !sessionCacheValid(arg));
  return index < 0 ? undefined : problem(index, `invalid session cache "${args[index]}"`);
};

/** root and alias are resolved into $document_root and $realpath_root, so they cannot be built from them. */
const rootPath: HandlerCheck = ({ directive, args }) => {
  const own = /\$\{?(document_root|realpath_root)/.exec(args[0]); // nginx searches the text, as strstr does
  return own ? problem(0, `the $${own[1]} variable cannot be used in the "${directive.name}" directive`) : undefined;
};

// --- regular expressions --------------------------------------------------------------------------------------------

function regexProblem(arg: number, regex: string): ArgumentProblem | undefined {
  const found = parenthesisProblem(regex);
  return found
    ? problem(
        arg,
        `the regular expression "${regex}" has an ${found === 'missing closing parenthesis' ? 'unclosed "("' : 'unmatched ")"'}: nginx refuses to load it`,
      )
    : undefined;
}

const LOCATION_MODIFIERS = new Set(['=', '^~', '~', '~*']);

const location: HandlerCheck = ({ directive, args }) => {
  if (args.length === 2 && !LOCATION_MODIFIERS.has(args[0])) return problem(0, `invalid location modifier "${args[0]}"`);
  const match = locationMatch(directive);
  return match?.kind === 'regex' ? regexProblem(match.nameArg, match.name) : undefined;
};

const rewrite: HandlerCheck = ({ args }) => regexProblem(0, args[0]);

const serverName: HandlerCheck = ({ args }) => {
  for (let i = 0; i < args.length; i++) {
    const found = args[i].startsWith('~') ? regexProblem(i, args[i].slice(1)) : undefined;
    if (found) return found;
  }
  return undefined;
};

const REGEX_OPERATORS = new Set(['~', '~*', '!~', '!~*']);

/** `if ($uri ~ ^/(a|b)$)`: nginx strips the condition's outer parentheses, then the regex follows the operator. */
const ifCondition: HandlerCheck = ({ args }) => {
  const operator = args.findIndex((arg) => REGEX_OPERATORS.has(arg));
  if (operator < 0 || operator !== args.length - 2) return undefined;
  const last = args[args.length - 1];
  if (!last.endsWith(')')) return undefined;
  return regexProblem(args.length - 1, last.slice(0, -1));
};

// --- numbers, rates, zones, log levels (handlers of the core, event, limit_req and limit_conn modules) -----------

/** ngx_atoi: digits only, at least one. */
const atoi = (value: string): number | undefined => (DIGITS.test(value) && value.length <= 18 ? Number(value) : undefined);

/** ngx_event_connections: `worker_connections many` is "invalid number". */
const workerConnections: HandlerCheck = ({ args }) => (atoi(args[0]) === undefined ? problem(0, `invalid number "${args[0]}"`) : undefined);

/** ngx_set_worker_processes: `auto` or a number. */
const workerProcesses: HandlerCheck = ({ directive, args }) =>
  args[0] === 'auto' || atoi(args[0]) !== undefined ? undefined : problem(0, `"${directive.name}" directive invalid value`);

/** ngx_parse_size in bytes (undefined when refused). */
function sizeBytes(value: string): number | undefined {
  if (!isSize(value)) return undefined;
  const unit = value[value.length - 1].toLowerCase();
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1;
  return parseInt(value, 10) * scale;
}

/** `zone=name:size` of limit_req_zone and limit_conn_zone; nginx wants at least 8 pages (32k on Linux). */
function zoneProblem(arg: number, value: string): ArgumentProblem | undefined {
  const colon = value.indexOf(':', 5);
  const size = colon < 0 ? undefined : sizeBytes(value.slice(colon + 1));
  if (size === undefined) return problem(arg, `invalid zone size "${value}"`);
  return size < 8 * 4096 ? problem(arg, `zone "${value}" is too small`) : undefined;
}

/** ngx_http_limit_req_zone: `key zone=name:size [rate=Nr/s|Nr/m]`. */
const limitReqZone: HandlerCheck = ({ directive, args }) => {
  let zone = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('zone=')) {
      const found = zoneProblem(i, arg);
      if (found) return found;
      zone = true;
    } else if (arg.startsWith('rate=')) {
      const number = /r\/[sm]$/.test(arg) ? arg.slice(5, -3) : arg.slice(5);
      const rate = atoi(number);
      if (rate === undefined || rate <= 0) return problem(i, `invalid rate "${arg}"`);
    } else return problem(i, `invalid parameter "${arg}"`);
  }
  return zone ? undefined : problem(-1, `"${directive.name}" must have "zone" parameter`);
};

/** ngx_http_limit_req: `zone=name [burst=N] [nodelay | delay=N]`. */
const limitReq: HandlerCheck = ({ directive, args }) => {
  let zone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('zone=')) zone = true;
    else if (arg.startsWith('burst=') || arg.startsWith('delay=')) {
      const value = atoi(arg.slice(6));
      if (value === undefined || value <= 0) return problem(i, `invalid ${arg.slice(0, 5)} value "${arg}"`);
    } else if (arg !== 'nodelay') return problem(i, `invalid parameter "${arg}"`);
  }
  return zone ? undefined : problem(-1, `"${directive.name}" must have "zone" parameter`);
};

/** ngx_http_limit_conn_zone: `key zone=name:size`. */
const limitConnZone: HandlerCheck = ({ directive, args }) => {
  let zone = false;
  for (let i = 1; i < args.length; i++) {
    if (!args[i].startsWith('zone=')) return problem(i, `invalid parameter "${args[i]}"`);
    const found = zoneProblem(i, args[i]);
    if (found) return found;
    zone = true;
  }
  return zone ? undefined : problem(-1, `"${directive.name}" must have "zone" parameter`);
};

/** ngx_http_limit_conn: `zone number`, 1 to 65535. */
const limitConn: HandlerCheck = ({ args }) => {
  if (args.length < 2) return undefined;
  const n = atoi(args[1]);
  if (n === undefined || n <= 0) return problem(1, `invalid number of connections "${args[1]}"`);
  return n > 65535 ? problem(1, 'connection limit must be less 65536') : undefined;
};

const ERROR_LEVELS = new Set(['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug']);
const DEBUG_LEVELS = new Set(['debug_core', 'debug_alloc', 'debug_mutex', 'debug_event', 'debug_http', 'debug_mail', 'debug_stream']);

/** ngx_log_set_levels: one level at most, or debug_* levels alone; names are case-sensitive. */
const errorLog: HandlerCheck = ({ args }) => {
  let level = false;
  let debug = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (ERROR_LEVELS.has(arg)) {
      if (level || debug) return problem(i, `duplicate log level "${arg}"`);
      level = true;
    } else if (DEBUG_LEVELS.has(arg)) {
      if (level) return problem(i, `invalid log level "${arg}"`);
      debug = true;
    } else return problem(i, `invalid log level "${arg}"`);
  }
  return undefined;
};

/** ngx_conf_set_path_slot: each level a positive number, all levels together at most 10 characters. */
const tempPath: HandlerCheck = ({ directive, args }) => {
  let total = 0;
  for (let i = 1; i < args.length; i++) {
    const level = atoi(args[i]);
    if (level === undefined || level === 0) return problem(i, `"${directive.name}" directive invalid value`);
    total += level;
  }
  return total > 10 ? problem(args.length - 1, `"${directive.name}" directive invalid value`) : undefined;
};

// --- the upstream address of fastcgi_pass and its kin, of stream proxy_pass -----------------------------------------

/** `scheme://` prefixes the *_pass handlers strip before ngx_parse_url. */
const PASS_SCHEMES = ['uwsgi://', 'suwsgi://', 'grpc://', 'grpcs://'];

/** A port out of range (or zero) in `host:port`: ngx_parse_url's "invalid port", whatever the module. */
const upstreamAddress: HandlerCheck = ({ args }) => {
  let value = args[0];
  if (hasVariable(value)) return undefined;
  const scheme = PASS_SCHEMES.find((prefix) => value.toLowerCase().startsWith(prefix));
  if (scheme) value = value.slice(scheme.length);
  if (value.toLowerCase().startsWith('unix:') || value.includes('/')) return undefined;
  const address = parseAddress(value, false);
  return address.problem === 'invalid port' || address.problem === 'no host' ? problem(0, `${address.problem} in upstream "${value}"`) : undefined;
};

// --- stream and mail listen ------------------------------------------------------------------------------------------

const STREAM_LISTEN_FLAGS = new Set(['udp', 'bind', 'reuseport', 'ssl', 'proxy_protocol']);
const MAIL_LISTEN_FLAGS = new Set(['bind', 'ssl', 'proxy_protocol']);

function streamOrMailListen(flags: Set<string>): HandlerCheck {
  return ({ args, old }) => {
    const address = parseAddress(args[0], true);
    if (address.problem) return problem(0, listenAddressMessage(address.problem, args[0]));
    for (let i = 1; i < args.length; i++) {
      const parameter = args[i];
      if (flags.has(parameter)) continue;
      const equals = parameter.indexOf('=');
      const key = equals < 0 ? parameter : parameter.slice(0, equals + 1);
      const value = parameter.slice(equals + 1);
      switch (key) {
        case 'backlog=':
          if (!(DIGITS.test(value) && Number(value) > 0)) return problem(i, `invalid backlog "${parameter}"`);
          continue;
        case 'rcvbuf=':
        case 'sndbuf=':
          if (!isSize(value)) return problem(i, `invalid ${key.slice(0, -1)} "${parameter}"`);
          continue;
        case 'fastopen=':
          if (flags === STREAM_LISTEN_FLAGS && !DIGITS.test(value)) return problem(i, `invalid fastopen "${parameter}"`);
          if (flags === STREAM_LISTEN_FLAGS) continue;
          break;
        case 'ipv6only=':
          if (value !== 'on' && value !== 'off') return problem(i, `invalid ipv6only flags "${value}"`);
          continue;
        case 'so_keepalive=':
          if (!soKeepaliveValid(value)) return problem(i, `invalid so_keepalive value: "${value}"`);
          continue;
      }
      // Later nginx releases added listen parameters here (default_server, quic, ...): only 1.22's list is sure.
      if (old) return problem(i, `the invalid "${parameter}" parameter`);
    }
    return undefined;
  };
}

// --- the table ------------------------------------------------------------------------------------------------------

/** By name, then module: stream and mail directives of the same name take other arguments. */
const HANDLERS = new Map<string, { module?: string; check: HandlerCheck }[]>();

/** `module` undefined: the directive of that name in whichever http module (proxy, fastcgi, uwsgi, ...). */
function handle(module: string | undefined, names: string[], check: HandlerCheck): void {
  for (const name of names) HANDLERS.set(name, [...(HANDLERS.get(name) ?? []), { module, check }]);
}

handle('ngx_http_core_module', ['listen'], listen);
handle('ngx_http_upstream_module', ['server'], upstreamServer);
handle('ngx_http_upstream_module', ['upstream'], upstreamBlock);
handle('ngx_http_rewrite_module', ['return'], returnCode);
handle('ngx_http_core_module', ['error_page'], errorPage);
handle('ngx_http_access_module', ['allow', 'deny'], accessRule);
handle('ngx_http_proxy_module', ['proxy_pass'], proxyPass);
handle('ngx_http_core_module', ['keepalive_timeout'], keepaliveTimeout);
handle('ngx_http_headers_filter_module', ['expires'], expires);
handle('ngx_http_core_module', ['limit_rate', 'limit_rate_after'], sizeOrVariables);
handle('ngx_http_core_module', ['open_file_cache'], openFileCache);
handle('ngx_http_headers_filter_module', ['add_header', 'add_trailer'], addHeader);
handle('ngx_http_proxy_module', ['proxy_redirect'], proxyRedirect);
handle('ngx_http_ssl_module', ['ssl_session_cache'], sslSessionCache);
handle('ngx_http_core_module', ['location'], location);
handle('ngx_http_core_module', ['root', 'alias'], rootPath);
handle('ngx_http_rewrite_module', ['rewrite'], rewrite);
handle('ngx_http_core_module', ['server_name'], serverName);
handle('ngx_http_rewrite_module', ['if'], ifCondition);
handle(
  undefined,
  [
    'proxy_buffers',
    'fastcgi_buffers',
    'uwsgi_buffers',
    'scgi_buffers',
    'grpc_buffers',
    'gzip_buffers',
    'gunzip_buffers',
    'output_buffers',
    'large_client_header_buffers',
  ],
  buffers,
);
handle(undefined, ['proxy_cache_valid', 'fastcgi_cache_valid', 'uwsgi_cache_valid', 'scgi_cache_valid'], cacheValid);
handle(undefined, ['proxy_ignore_headers', 'fastcgi_ignore_headers', 'uwsgi_ignore_headers', 'scgi_ignore_headers'], ignoreHeaders);

handle('ngx_event_core_module', ['worker_connections'], workerConnections);
handle('ngx_core_module', ['worker_processes'], workerProcesses);
handle('ngx_http_limit_req_module', ['limit_req_zone'], limitReqZone);
handle('ngx_http_limit_req_module', ['limit_req'], limitReq);
handle('ngx_http_limit_conn_module', ['limit_conn_zone'], limitConnZone);
handle('ngx_http_limit_conn_module', ['limit_conn'], limitConn);
handle('ngx_stream_limit_conn_module', ['limit_conn_zone'], limitConnZone);
handle('ngx_stream_limit_conn_module', ['limit_conn'], limitConn);
handle(undefined, ['error_log'], errorLog);
handle(undefined, ['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path'], tempPath);
handle(undefined, ['fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass'], upstreamAddress);
handle('ngx_stream_proxy_module', ['proxy_pass'], upstreamAddress);
handle('ngx_stream_upstream_module', ['server'], upstreamServer);
handle('ngx_stream_core_module', ['listen'], streamOrMailListen(STREAM_LISTEN_FLAGS));
handle('ngx_mail_core_module', ['listen'], streamOrMailListen(MAIL_LISTEN_FLAGS));
// ngx_mail_core_protocol: the protocols Debian's mail module is built with.
handle('ngx_mail_core_module', ['protocol'], ({ args }) =>
  ['smtp', 'pop3', 'imap'].includes(args[0]) ? undefined : problem(0, `unknown protocol "${args[0]}"`),
);

/** What nginx's handler for this directive would refuse, if anything. */
export function handlerProblem(entry: DirectiveEntry, directive: NginxDirective, version: string | undefined): ArgumentProblem | undefined {
  const handlers = HANDLERS.get(directive.name);
  if (!handlers || directive.args.length === 0) return undefined;
  const handler = handlers.find((h) => h.module === undefined || h.module === entry.module);
  return handler?.check({ directive, args: directive.args.map((a) => a.value), old: isOldVersion(version) });
}
