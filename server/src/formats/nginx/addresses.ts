/**
 * Addresses as ngx_parse_url reads them (`127.0.0.1:8000`, `[::1]:80`, `*:80`, `unix:/run/app.sock`), for `listen`,
 * upstream `server` and `proxy_pass`: the socket address nginx compares and prints, or the reason nginx refuses the
 * text. Host names are never resolved: nginx resolves them when it starts, on the target machine, so whether they
 * exist is not ours to say.
 */

export type AddressProblem = 'invalid port' | 'no host' | 'invalid host' | 'host not found';

export interface SocketAddress {
  /** Equal for the addresses nginx's ngx_cmp_sockaddr calls equal. */
  key: string;
  /** How nginx prints the address in its messages (ngx_sock_ntop with the port). */
  text: string;
}

export interface ParsedAddress {
  /** Undefined for host names, for forms this reader does not model, and when there is a problem. */
  address?: SocketAddress;
  problem?: AddressProblem;
}

const DEFAULT_PORT = 80;
// sockaddr_un.sun_path holds 108 bytes with the terminating NUL.
const MAX_UNIX_PATH = 107;

/** ngx_atoi as a port: digits only, 1 to 65535 (leading zeros allowed). */
function parsePort(text: string): number | undefined {
  if (text.length === 0 || text.length > 10) return undefined;
  let port = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    port = port * 10 + digit;
  }
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * ngx_inet_addr: four decimal octets, as text without leading zeros; undefined for anything else, and for
 * 255.255.255.255, its "none" value, which nginx then resolves as a name. (A hand loop: listen lines are many.)
 */
export function parseIPv4(text: string): string | undefined {
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let out = '';
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46; // a final '.' closes the last octet
    if (code === 46) {
      if (digits === 0 || ++dots > 4) return undefined;
      out += dots === 1 ? `${octet}` : `.${octet}`;
      octet = 0;
      digits = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    octet = octet * 10 + digit;
    digits++;
    if (octet > 255) return undefined;
  }
  return dots === 4 && out !== '255.255.255.255' ? out : undefined;
}

/**
 * Eight 16-bit groups. Only the plain forms nginx's ngx_inet6_addr reads exactly as everyone else does: hex groups
 * with at most one `::` standing for two or more groups, no embedded IPv4, no zone.
 */
function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  if (all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return undefined;
  if (halves.length === 1) return all.length === 8 ? all.map((g) => parseInt(g, 16)) : undefined;
  if (all.length > 6) return undefined;
  return [...head, ...new Array<string>(8 - all.length).fill('0'), ...tail].map((g) => parseInt(g, 16));
}

/** ngx_inet6_ntop: the longest run of two or more zero groups becomes `::`; a few leading-zero forms end in IPv4. */
function formatIPv6(words: number[]): string {
  let zero = -1;
  let max = 1;
  let run = 0;
  let last = -1;
  for (let i = 0; i < 8; i++) {
    if (words[i] !== 0) {
      if (max < run) {
        zero = last;
        max = run;
      }
      run = 0;
      continue;
    }
    if (run++ === 0) last = i;
  }
  if (max < run) {
    zero = last;
    max = run;
  }
  let groups = 8;
  let out = '';
  if (zero === 0) {
    const low = words[7];
    if ((max === 5 && words[5] === 0xffff) || max === 6 || (max === 7 && low >> 8 !== 0 && (low & 0xff) !== 1)) groups = 6;
    out += ':';
  }
  for (let i = 0; i < groups; i++) {
    if (i === zero) {
      out += ':';
      i += max - 1;
      continue;
    }
    out += words[i].toString(16);
    if (i < 7) out += ':';
  }
  if (groups === 6) out += `${words[6] >> 8}.${words[6] & 0xff}.${words[7] >> 8}.${words[7] & 0xff}`;
  return out;
}

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** A host part: an IPv4 literal, or a dotted quad nginx cannot resolve; anything else is a name. */
function hostAddress(host: string, port: number): ParsedAddress {
  const address = host === '*' ? '0.0.0.0' : parseIPv4(host);
  if (address) return { address: { key: `4 ${address} ${port}`, text: `${address}:${port}` } };
  return DOTTED_QUAD.test(host) && host !== '255.255.255.255' ? { problem: 'host not found' } : {};
}

/**
 * One address. `listen` accepts a bare port (`8080`), `*`, and a bare host (`127.0.0.1` means port 80); elsewhere a
 * bare word is a host name. Unbracketed IPv6 is not modelled: no address and no problem.
 */
export function parseAddress(value: string, listen: boolean): ParsedAddress {
  if (value.slice(0, 5).toLowerCase() === 'unix:') {
    const path = value.slice(5);
    if (path === '' || path.length > MAX_UNIX_PATH) return {};
    return { address: { key: `unix ${path}`, text: `unix:${path}` } };
  }
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return { problem: 'invalid host' };
    const rest = value.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return {};
    const port = rest === '' ? DEFAULT_PORT : parsePort(rest.slice(1));
    if (port === undefined) return { problem: 'invalid port' };
    const words = parseIPv6(value.slice(1, close));
    return words ? { address: { key: `6 ${words.join(':')} ${port}`, text: `[${formatIPv6(words)}]:${port}` } } : {};
  }
  const colon = value.indexOf(':');
  if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) return {};
  if (colon < 0) {
    if (listen && /^\d+$/.test(value)) {
      const port = parsePort(value);
      return port === undefined ? { problem: 'invalid port' } : hostAddress('*', port);
    }
    if (!listen && value === '*') return {};
    return hostAddress(value, DEFAULT_PORT);
  }
  const host = value.slice(0, colon);
  const port = parsePort(value.slice(colon + 1));
  if (host === '') return { problem: 'no host' };
  if (port === undefined) return { problem: 'invalid port' };
  if (!listen && host === '*') return {};
  return hostAddress(host, port);
}
