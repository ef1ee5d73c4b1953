/**
 * Addresses as ngx_parse_url splits them (`127.0.0.1:8000`, `[::1]:80`, `*:80`, `unix:/run/app.sock`), for the
 * `listen`, upstream `server` and `proxy_pass` checks. Host names are never resolved: nginx resolves them when it
 * starts, on the target machine, so whether they exist is not ours to say.
 */

export type AddressProblem = 'invalid port' | 'no host' | 'invalid host' | 'host not found';

export interface ParsedAddress {
  /** The normalised address (`0.0.0.0:80`, `[::1]:80`, `unix:/path`), undefined for host names. */
  key?: string;
  problem?: AddressProblem;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const DIGITS = /^\d+$/;

function validPort(text: string): boolean {
  if (!DIGITS.test(text) || text.length > 5) return false;
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

/** The four octets of a dotted IPv4 literal when every one is a byte; 'invalid' when it looks like one but is not. */
function ipv4(host: string): string | 'invalid' | undefined {
  const match = IPV4.exec(host);
  if (!match) return undefined;
  return match.slice(1).every((octet) => Number(octet) <= 255) ? host : 'invalid';
}

/**
 * One address. `listen` accepts a bare port (`8080`) and a bare host (`127.0.0.1` means port 80); elsewhere a
 * bare word is a host name. Returns no problem for forms this reader does not model (unbracketed IPv6).
 */
export function parseAddress(text: string, listen: boolean): ParsedAddress {
  if (text.startsWith('unix:')) return { key: text };
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return { problem: 'invalid host' };
    const rest = text.slice(close + 1);
    if (rest === '') return { key: `${text.toLowerCase()}:80` };
    if (!rest.startsWith(':')) return {};
    return validPort(rest.slice(1)) ? { key: text.toLowerCase() } : { problem: 'invalid port' };
  }
  const colon = text.indexOf(':');
  if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) return {};
  if (colon < 0) {
    if (listen && DIGITS.test(text)) return validPort(text) ? { key: `0.0.0.0:${Number(text)}` } : { problem: 'invalid port' };
    if (listen && text === '*') return { key: '0.0.0.0:80' };
    const address = ipv4(text);
    if (address === 'invalid') return { problem: 'host not found' };
    return address ? { key: `${address}:80` } : {};
  }
  const host = text.slice(0, colon);
  const port = text.slice(colon + 1);
  if (host === '') return { problem: 'no host' };
  if (!validPort(port)) return { problem: 'invalid port' };
  if (listen && host === '*') return { key: `0.0.0.0:${Number(port)}` };
  const address = ipv4(host);
  if (address === 'invalid') return { problem: 'host not found' };
  return address ? { key: `${address}:${Number(port)}` } : {};
}
