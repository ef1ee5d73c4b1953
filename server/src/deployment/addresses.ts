/**
 * Endpoints: the ways each program writes an address, read into one shape, and the questions asked of two of them.
 * Keys follow nginx's comparison of socket addresses (formats/nginx/addresses.ts), so that a gunicorn bind, a systemd
 * ListenStream= and an nginx proxy target meet on one key. Host names are never resolved; `localhost` is taken as
 * the loopback address it names everywhere. Two matchings, for two purposes: `reaches` links a proxy to a bind
 * (same address, or a port bound on every interface), `serves` gives a verdict only where it holds on any machine
 * (unix sockets by path, TCP to loopback: nginx and gunicorn then share the host).
 */
import { parseAddress } from '../formats/nginx/addresses';
import type { Endpoint } from './model';

// --- hosts ----------------------------------------------------------------------------------------------------------

/** An address literal as nginx keys it (`::` is `0:0:0:0:0:0:0:0`, `127.000.0.1` is `127.0.0.1`); else the lower-cased text. */
function canonicalHost(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const key = parseAddress(bare.includes(':') ? `[${bare}]:1` : `${bare}:1`, false).address?.key;
  return key ? key.slice(2, -2) : bare.toLowerCase();
}

/** 127.0.0.0/8, ::1 and the names every distribution gives them. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const canonical = canonicalHost(host);
  return canonical === 'localhost' || canonical === 'ip6-localhost' || canonical === '0:0:0:0:0:0:0:1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(canonical);
}

/** Every interface: gunicorn's `:8000`, `0.0.0.0`, `[::]`, nginx's `*`. */
export function isWildcardHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const canonical = canonicalHost(host);
  return canonical === '' || canonical === '*' || canonical === '0.0.0.0' || canonical === '0:0:0:0:0:0:0:0';
}

/** An IPv4 or IPv6 literal (not a name). */
export function isAddressLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(bare) || (bare.includes(':') && /^[0-9A-Fa-f:.]+$/.test(bare));
}

function isIPv6(host: string): boolean {
  return host.replace(/^\[(.*)\]$/, '$1').includes(':');
}

/** Two loopback hosts that meet: the same address, or `localhost` (which resolves to 127.0.0.1 and ::1) and either. */
function sameLoopback(a: string, b: string): boolean {
  const norm = (h: string) => (canonicalHost(h) === 'ip6-localhost' ? 'localhost' : canonicalHost(h));
  const x = norm(a);
  const y = norm(b);
  const meetsLocalhost = (h: string) => h === '127.0.0.1' || h === '0:0:0:0:0:0:0:1';
  return x === y || (x === 'localhost' && meetsLocalhost(y)) || (y === 'localhost' && meetsLocalhost(x));
}

// --- reading ----------------------------------------------------------------------------------------------------------

function tcp(host: string, port: number, bracketed = false): Endpoint | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const lower = host.toLowerCase();
  const literal = lower === 'localhost' ? '127.0.0.1' : host;
  const parsed = parseAddress(bracketed || literal.includes(':') ? `[${literal}]:${port}` : `${literal}:${port}`, false);
  const key = parsed.address?.key ?? (isWildcardHost(literal) ? `4 0.0.0.0 ${port}` : `name ${lower} ${port}`);
  return { kind: 'tcp', key, text: `${bracketed ? `[${host}]` : host}:${port}`, host, port };
}

function unix(socketPath: string): Endpoint | undefined {
  return socketPath === '' ? undefined : { kind: 'unix', key: `unix ${socketPath}`, text: `unix:${socketPath}`, socketPath };
}

/** A text with a shell or systemd variable in it: its value is not ours to know. */
function variable(text: string): boolean {
  return /\$|%[a-zA-Z]/.test(text);
}

/**
 * One gunicorn `bind` entry, as gunicorn's util.parse_address reads it: `unix:PATH`, `fd://N`, `HOST:PORT`,
 * `[V6]:PORT`, `HOST` (port 8000), `:PORT` (every interface).
 */
export function gunicornBindEndpoint(text: string): Endpoint | undefined {
  const value = text.trim();
  if (value === '' || variable(value)) return undefined;
  if (/^unix:/i.test(value)) return unix(value.slice(5));
  if (/^fd:\/\//i.test(value)) return /^\d+$/.test(value.slice(5)) ? { kind: 'fd', key: `fd ${value.slice(5)}`, text: value } : undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return undefined;
    const port = value.slice(close + 1).startsWith(':') ? Number(value.slice(close + 2)) : 8000;
    return tcp(value.slice(1, close), port, true);
  }
  const colon = value.lastIndexOf(':');
  if (colon < 0) return tcp(value, 8000);
  if (value.indexOf(':') !== colon) return undefined; // bare IPv6 without brackets: not modelled
  return tcp(value.slice(0, colon), Number(value.slice(colon + 1)));
}

/** A systemd ListenStream= value: a path, `PORT` (every interface), `ADDR:PORT`, `[V6]:PORT`; `@abstract` is skipped. */
export function listenStreamEndpoint(text: string): Endpoint | undefined {
  const value = text.trim();
  if (value === '' || variable(value) || value.startsWith('@')) return undefined;
  if (value.startsWith('/')) return unix(value);
  if (/^\d+$/.test(value)) return tcp('0.0.0.0', Number(value));
  if (value.startsWith('[')) {
    const match = /^\[([^\]]+)\]:(\d+)$/.exec(value);
    return match ? tcp(match[1], Number(match[2]), true) : undefined;
  }
  const match = /^([^:]+):(\d+)$/.exec(value);
  return match ? tcp(match[1], Number(match[2])) : undefined;
}

/**
 * An nginx address (`proxy_pass` target without scheme and URI, or an upstream `server`): `unix:PATH`, `HOST:PORT`,
 * `HOST` (port 80, or 443 for https), `[V6]:PORT`.
 */
export function nginxEndpoint(address: string, defaultPort = 80): Endpoint | undefined {
  const value = address.trim();
  if (value === '' || value.includes('$')) return undefined;
  if (/^unix:/i.test(value)) return unix(value.slice(5).replace(/:$/, ''));
  if (value.startsWith('[')) {
    const match = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
    return match ? tcp(match[1], match[2] ? Number(match[2]) : defaultPort, true) : undefined;
  }
  const [host, port, extra] = value.split(':');
  if (extra !== undefined || host === '') return undefined;
  return tcp(host, port === undefined ? defaultPort : Number(port));
}

/** Splits a `proxy_pass` argument into its address part: `http://unix:/run/a.sock:/uri` -> `unix:/run/a.sock`. */
export function proxyPassAddress(target: string): { address: string; scheme: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(target.trim());
  if (!match) return undefined;
  const rest = match[2];
  if (/^unix:/i.test(rest)) {
    const end = rest.indexOf(':', 5);
    return { address: end < 0 ? rest : rest.slice(0, end), scheme: match[1].toLowerCase() };
  }
  return { address: rest.split('/')[0], scheme: match[1].toLowerCase() };
}

// --- matching --------------------------------------------------------------------------------------------------------

/**
 * Whether a proxy to `target` reaches a socket bound on `bound`, for linking them into one deployment: the same
 * address, or the same port on a socket bound to every interface (which answers on loopback and on every address
 * of the host).
 */
export function reaches(target: Endpoint, bound: Endpoint): boolean {
  if (target.key === bound.key) return true;
  if (target.kind !== 'tcp' || bound.kind !== 'tcp' || target.port !== bound.port) return false;
  if (!isWildcardHost(bound.host)) return false;
  return !target.key.startsWith('name ');
}

/**
 * Whether a proxy to a host name (`proxy_pass http://web:8000`) reaches a socket in a container other containers
 * know by that name (a compose service, a network alias, a Kubernetes Service): only a socket bound on every
 * interface at that port answers connections from another container. Names are compared, never resolved.
 */
export function reachesByName(target: Endpoint, bound: Endpoint, hostnames: readonly string[]): boolean {
  if (target.kind !== 'tcp' || bound.kind !== 'tcp' || target.port === undefined || target.port !== bound.port) return false;
  if (!target.key.startsWith('name ') || !hostnames.includes((target.host ?? '').toLowerCase())) return false;
  return isWildcardHost(bound.host);
}

/** The proxy endpoints `serves` can judge: unix paths and TCP to loopback, with a port. */
export function isJudgeable(target: Endpoint): boolean {
  if (target.kind === 'unix') return !!target.socketPath?.startsWith('/');
  return target.kind === 'tcp' && target.port !== undefined && isLoopbackHost(target.host);
}

/**
 * Whether a bind accepts connections to `target` on the same host: true, false, or undefined when it cannot be
 * told (file descriptors, relative socket paths, a proxy to another host).
 */
export function serves(bind: Endpoint, target: Endpoint): boolean | undefined {
  if (!isJudgeable(target)) return undefined;
  if (bind.kind === 'fd') return undefined;
  if (target.kind === 'unix') {
    if (bind.kind !== 'unix') return false;
    if (!bind.socketPath?.startsWith('/')) return undefined;
    return bind.key === target.key || bind.socketPath === target.socketPath;
  }
  if (bind.kind !== 'tcp') return false;
  if (bind.port === undefined || bind.host === undefined) return undefined;
  if (bind.port !== target.port) return false;
  const host = bind.host;
  // Linux dual-stack: `[::]` also takes IPv4 unless net.ipv6.bindv6only is set, and `localhost` may be either.
  if (isWildcardHost(host)) return isIPv6(host) || !isIPv6(target.host!) || target.host!.toLowerCase() === 'localhost';
  if (!isAddressLiteral(host) && host.toLowerCase() !== 'localhost' && host.toLowerCase() !== 'ip6-localhost') return undefined;
  return sameLoopback(host, target.host!);
}
