/**
 * The listen clashes nginx refuses while it reads `listen` lines: one server listening twice on an address, and two
 * servers of one http block both setting socket options for an address or both claiming to be its default.
 * Addresses are compared as nginx compares sockaddrs (addresses.ts), so `8080`, `*:8080` and `0.0.0.0:8080` are one
 * address, and `[0::0]` is `[::]`. Host names are left alone: nginx resolves them, and what they resolve to is the
 * server's business.
 */
import { isOldVersion } from '../../knowledge/nginx/directives';
import { parseAddress, type SocketAddress } from './addresses';
import { named, type NginxAnalysis } from './analysis';
import type { NginxDirective, NginxToken } from './model';

/** `default_server`, or the older `default`, anywhere after the address. */
export function defaultServerFlag(listen: NginxDirective): NginxToken | undefined {
  for (let i = 1; i < listen.args.length; i++) {
    const value = listen.args[i].value;
    if (value === 'default_server' || value === 'default') return listen.args[i];
  }
  return undefined;
}

/** Parameters that set socket options (ngx_http_listen_opt_t.set): nginx takes them once per address. */
const SOCKET_OPTION = /^(bind|deferred|reuseport|(setfib|fastopen|backlog|rcvbuf|sndbuf|accept_filter|ipv6only|so_keepalive)=.*)$/;

export function setsSocketOptions(listen: NginxDirective): boolean {
  for (let i = 1; i < listen.args.length; i++) if (SOCKET_OPTION.test(listen.args[i].value)) return true;
  return false;
}

export interface ListenClash {
  listen: NginxDirective;
  first: NginxDirective;
  address: SocketAddress;
}

export interface ListenClashes {
  /** A second listen on the same address in one server: `a duplicate listen ...`. */
  repeated: ListenClash[];
  /** A second server of the document setting socket options for an address: `duplicate listen options for ...`. */
  options: ListenClash[];
  /** A second server of the document marked default for an address: `a duplicate default server for ...`. */
  defaults: ListenClash[];
  /**
   * A stream or mail address listened on twice in the document (one protocol, any servers): `duplicate "..." address
   * and port pair`. nginx 1.25.5 let stream servers share an address (by server_name); mail still refuses it.
   */
  pairs: ListenClash[];
}

export function listenClashes(analysis: NginxAnalysis): ListenClashes {
  const repeated: ListenClash[] = [];
  const options: ListenClash[] = [];
  const defaults: ListenClash[] = [];
  // One map for all servers (keyed by the server's index and the address): a map per server costs more.
  const inServer = new Map<string, NginxDirective>();
  const optionsByAddress = new Map<string, NginxDirective>();
  const defaultByAddress = new Map<string, NginxDirective>();
  const pairs: ListenClash[] = [];
  const pairByAddress = new Map<string, NginxDirective>();
  const old = isOldVersion(analysis.version);
  for (const listen of named(analysis, 'listen')) {
    if (listen.terminator !== ';' || listen.args.length === 0 || analysis.contexts.freeform.has(listen)) continue;
    const context = analysis.contexts.of.get(listen);
    if (context === 'mail.server' || (old && context === 'stream.server')) {
      const address = parseAddress(listen.args[0].value, true).address;
      if (!address) continue;
      const key = `${context} ${address.key}${listen.args.some((a) => a.value === 'udp') ? ' udp' : ''}`;
      const first = pairByAddress.get(key);
      if (first) pairs.push({ listen, first, address });
      else pairByAddress.set(key, listen);
      continue;
    }
    if (context !== 'http.server') continue;
    const address = parseAddress(listen.args[0].value, true).address;
    if (!address) continue;
    const serverKey = `${listen.parent?.index ?? -1} ${address.key}`;
    const first = inServer.get(serverKey);
    if (first) {
      // nginx stops at the repeat before it looks at options or default_server.
      repeated.push({ listen, first, address });
      continue;
    }
    inServer.set(serverKey, listen);
    // A fragment's top-level listens belong to a server we cannot see: only servers of this document compare.
    if (listen.parent?.name !== 'server') continue;
    if (setsSocketOptions(listen)) {
      const withOptions = optionsByAddress.get(address.key);
      if (withOptions) {
        options.push({ listen, first: withOptions, address });
        continue; // checked before default_server
      }
      optionsByAddress.set(address.key, listen);
    }
    if (!defaultServerFlag(listen)) continue;
    const earlier = defaultByAddress.get(address.key);
    if (earlier) defaults.push({ listen, first: earlier, address });
    else defaultByAddress.set(address.key, listen);
  }
  return { repeated, options, defaults, pairs };
}
