/** Address syntax as gunicorn reads it: bind addresses, statsd host:port, and IP/CIDR allow-lists. */

/** Why a `bind` entry is malformed, or undefined when gunicorn can parse it. */
export function bindAddressProblem(address: string): string | undefined {
  const value = address.trim();
  if (value === '') return 'An empty bind address.';
  if (value.startsWith('unix:')) {
    return value.slice('unix:'.length).replace(/^\/\//, '').trim() === '' ? '`unix:` needs a socket path, as in `unix:/run/app.sock`.' : undefined;
  }
  if (value.startsWith('fd://')) {
    return /^\d+$/.test(value.slice(5)) ? undefined : '`fd://` needs a file descriptor number, as in `fd://3`.';
  }
  return hostPortProblem(value);
}

/** `host:port`, `[ipv6]:port`, `host` (default port) — the port must be a number from 0 to 65535. */
export function hostPortProblem(value: string): string | undefined {
  let port: string | undefined;
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0) return `\`${value}\` opens an IPv6 bracket that never closes.`;
    const rest = value.slice(close + 1);
    if (rest === '') return undefined;
    if (!rest.startsWith(':')) return `\`${value}\` has text after the IPv6 address that is not \`:PORT\`.`;
    port = rest.slice(1);
  } else if (value.includes(':')) {
    port = value.slice(value.lastIndexOf(':') + 1);
  }
  if (port === undefined) return undefined;
  if (!/^\d+$/.test(port)) return `\`${port}\` is not a port number (in \`${value}\`).`;
  if (Number(port) > 65535) return `Port ${port} is out of range (0-65535) in \`${value}\`.`;
  return undefined;
}

/** Why an allow-list entry is not `*` or an IP address / network with zero host bits, or undefined when fine. */
export function allowListEntryProblem(entry: string): string | undefined {
  const value = entry.trim();
  if (value === '*') return undefined;
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const prefixText = slash < 0 ? undefined : value.slice(slash + 1);
  const bits = parseIPv4(address) ?? parseIPv6(address);
  if (!bits) return `\`${value}\` is not an IP address or network.`;
  const width = address.includes(':') ? 128 : 32;
  if (prefixText === undefined) return undefined;
  if (!/^\d+$/.test(prefixText) || Number(prefixText) > width) return `\`${value}\` has an invalid prefix length.`;
  const hostBits = width - Number(prefixText);
  const hostMask = hostBits === 0 ? 0n : (1n << BigInt(hostBits)) - 1n;
  if ((bits & hostMask) !== 0n) return `\`${value}\` has host bits set; gunicorn rejects it (use the network address).`;
  return undefined;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255 || (part.length > 1 && part.startsWith('0'))) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIPv4(piece);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(parseInt(piece, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}
