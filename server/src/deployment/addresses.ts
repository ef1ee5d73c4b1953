/**
 * Endpoints from the ways each program writes an address, keyed as nginx compares socket addresses
 * (formats/nginx/addresses.ts), so that a gunicorn bind, a systemd ListenStream= and an nginx proxy target meet
 * on one key. Host names are never resolved; `localhost` is taken as the loopback address it names everywhere.
 */
import { parseAddress } from '../formats/nginx/addresses';
import type { Endpoint } from './model';

const WILDCARD_HOSTS = new Set(['', '*', '0.0.0.0', '::', '0:0:0:0:0:0:0:0']);

function tcp(host: string, port: number, bracketed = false): Endpoint | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const lower = host.toLowerCase();
  const literal = lower === 'localhost' ? '127.0.0.1' : host;
  const parsed = parseAddress(bracketed || literal.includes(':') ? `[${literal}]:${port}` : `${literal}:${port}`, false);
  const key = parsed.address?.key ?? (WILDCARD_HOSTS.has(literal) ? `4 0.0.0.0 ${port}` : `name ${lower} ${port}`);
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

export function isWildcard(endpoint: Endpoint): boolean {
  return endpoint.kind === 'tcp' && /^(4 0\.0\.0\.0|6 0:0:0:0:0:0:0:0) /.test(endpoint.key);
}

export function isLoopback(endpoint: Endpoint): boolean {
  return endpoint.kind === 'tcp' && (/^4 127\.\d+\.\d+\.\d+ /.test(endpoint.key) || endpoint.key.startsWith('6 0:0:0:0:0:0:0:1 '));
}

/**
 * Whether a proxy to `target` reaches a socket bound on `bound`: the same address, or the same port on a socket
 * bound to every interface (which answers on loopback and on every address of the host).
 */
export function reaches(target: Endpoint, bound: Endpoint): boolean {
  if (target.key === bound.key) return true;
  if (target.kind !== 'tcp' || bound.kind !== 'tcp' || target.port !== bound.port) return false;
  if (!isWildcard(bound)) return false;
  return !target.key.startsWith('name ');
}
