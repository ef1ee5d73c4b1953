/** Deployment facts from one nginx document, for the cross-file model (deploy/ checks). */
import type { OffsetRange } from '../../core/text';
import type { NginxDirective, NginxDocument } from './model';
import { documentIndex, firstNamed } from './documentIndex';
import { parseProxyTarget, type ProxyTarget } from './proxy';

export interface ValueFact {
  value: string;
  range: OffsetRange;
}

export interface NginxFacts {
  upstreams: { name: string; range: OffsetRange; servers: ValueFact[]; keepalive?: ValueFact }[];
  proxyPasses: {
    /** `proxy_pass` or `uwsgi_pass`. */
    directive: string;
    target: string;
    parsed?: ProxyTarget;
    range: OffsetRange;
    /** The location's path (`/`, `@app`, `~ ^/api`), undefined outside a location. */
    location?: string;
    locationRange?: OffsetRange;
    /** The effective proxy_read_timeout at this place (nearest enclosing block). */
    readTimeout?: ValueFact;
    clientMaxBodySize?: ValueFact;
    /** The effective proxy_request_buffering at this place. */
    requestBuffering?: ValueFact;
    /** The first `server_name` of the enclosing server block. */
    serverName?: string;
  }[];
  /** The file has an `http {}` block: a main config, not a fragment included into one. */
  hasHttpBlock: boolean;
  /** Values set directly in `http {}`: what fragments included there inherit. */
  httpLevel: { readTimeout?: ValueFact; clientMaxBodySize?: ValueFact };
  listen: ValueFact[];
  serverNames: ValueFact[];
  user?: ValueFact;
  clientMaxBodySize: ValueFact[];
  proxyReadTimeout: ValueFact[];
  proxyConnectTimeout: ValueFact[];
  proxySendTimeout: ValueFact[];
}

function fact(d: NginxDirective): ValueFact {
  return { value: d.args.map((a) => a.value).join(' '), range: { start: d.range.start, end: d.terminatorEnd } };
}

function inherited(d: NginxDirective, top: readonly NginxDirective[], name: string): ValueFact | undefined {
  for (let p = d.parent, i = 0; i < 64; p = p?.parent, i++) {
    const found = firstNamed(p ? (p.block?.children ?? []) : top, name);
    if (found) return fact(found);
    if (!p) break;
  }
  return undefined;
}

function serverNameAround(d: NginxDirective): string | undefined {
  let server = d.parent;
  for (let i = 0; server && server.name !== 'server' && i < 64; i++) server = server.parent;
  return server?.block ? firstNamed(server.block.children, 'server_name')?.args[0]?.value : undefined;
}

const factsCache = new WeakMap<NginxDocument, NginxFacts>();

/**
 * The facts of a document, computed once and kept with it (a parsed tree never changes): every caller gets the
 * same object, so treat it as read-only.
 */
export function nginxFacts(doc: NginxDocument): NginxFacts {
  let facts = factsCache.get(doc);
  if (!facts) {
    facts = computeFacts(doc);
    factsCache.set(doc, facts);
  }
  return facts;
}

function computeFacts(doc: NginxDocument): NginxFacts {
  const out: NginxFacts = {
    upstreams: [],
    proxyPasses: [],
    hasHttpBlock: false,
    httpLevel: {},
    listen: [],
    serverNames: [],
    clientMaxBodySize: [],
    proxyReadTimeout: [],
    proxyConnectTimeout: [],
    proxySendTimeout: [],
  };
  for (const d of documentIndex(doc).all) {
    switch (d.name) {
      case 'upstream':
        if (d.block && d.args[0]) {
          const children = d.block.children;
          const keepalive = children.find((c) => c.name === 'keepalive');
          out.upstreams.push({
            name: d.args[0].value,
            range: d.range,
            servers: children.filter((c) => c.name === 'server' && c.args[0]).map((c) => ({ value: c.args[0].value, range: c.args[0].range })),
            keepalive: keepalive ? fact(keepalive) : undefined,
          });
        }
        break;
      case 'proxy_pass':
      case 'uwsgi_pass':
        if (d.args[0]) {
          let location: NginxDirective | undefined = d.parent;
          while (location && location.name !== 'location') location = location.parent;
          out.proxyPasses.push({
            directive: d.name,
            target: d.args[0].value,
            parsed: parseProxyTarget(d.args[0].value),
            range: d.args[0].range,
            location: location?.args.map((a) => a.value).join(' '),
            locationRange: location?.range,
            readTimeout: inherited(d, doc.directives, 'proxy_read_timeout'),
            clientMaxBodySize: inherited(d, doc.directives, 'client_max_body_size'),
            requestBuffering: inherited(d, doc.directives, 'proxy_request_buffering'),
            serverName: serverNameAround(d),
          });
        }
        break;
      case 'http':
        out.hasHttpBlock = true;
        break;
      case 'listen':
        out.listen.push(fact(d));
        break;
      case 'server_name':
        out.serverNames.push(fact(d));
        break;
      case 'user':
        out.user = fact(d);
        break;
      case 'client_max_body_size':
        out.clientMaxBodySize.push(fact(d));
        if (d.parent?.name === 'http') out.httpLevel.clientMaxBodySize = fact(d);
        break;
      case 'proxy_read_timeout':
        out.proxyReadTimeout.push(fact(d));
        if (d.parent?.name === 'http') out.httpLevel.readTimeout = fact(d);
        break;
      case 'proxy_connect_timeout':
        out.proxyConnectTimeout.push(fact(d));
        break;
      case 'proxy_send_timeout':
        out.proxySendTimeout.push(fact(d));
        break;
    }
  }
  return out;
}
