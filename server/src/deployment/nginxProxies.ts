/**
 * The nginx side of the model: every `proxy_pass` of the workspace with the addresses it reaches (its own, or the
 * servers of the upstream it names in any nginx file), and the effective timeout and body limit at its place.
 */
import type { NginxFacts } from '../formats/nginx/facts';
import { parseTime } from '../formats/nginx/values';
import { nginxEndpoint, proxyPassAddress } from './addresses';
import type { Endpoint, NginxProxy, Sourced } from './model';

export interface NginxFile {
  path: string;
  facts: NginxFacts;
}

/** ngx_parse_offset: a number with an optional k/m/g suffix, in bytes; `0` means no limit. */
export function parseNginxSize(value: string): number | undefined {
  const match = /^(\d+)([kKmMgG]?)$/.exec(value.trim());
  if (!match) return undefined;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * scale;
}

interface NamedUpstream {
  path: string;
  upstream: NginxFacts['upstreams'][number];
  /** Its servers as endpoints, read on first use: thousands of proxy_passes may name one upstream. */
  endpoints?: Sourced<Endpoint>[];
}

function upstreamEndpoints(named: NamedUpstream): readonly Sourced<Endpoint>[] {
  named.endpoints ??= named.upstream.servers.flatMap((server) => {
    const endpoint = nginxEndpoint(server.value);
    return endpoint ? [{ value: endpoint, place: { path: named.path, range: server.range } }] : [];
  });
  return named.endpoints;
}

export function nginxProxies(files: readonly NginxFile[]): NginxProxy[] {
  const upstreams = new Map<string, NamedUpstream>();
  for (const file of files) {
    for (const upstream of file.facts.upstreams) if (!upstreams.has(upstream.name)) upstreams.set(upstream.name, { path: file.path, upstream });
  }
  const users = new Set(files.flatMap((file) => (file.facts.user ? [JSON.stringify([file.path, file.facts.user])] : [])));
  // The user nginx's workers run as is known only when exactly one main config says it.
  const userFact = users.size === 1 ? (JSON.parse([...users][0]) as [string, { value: string; range: { start: number; end: number } }]) : undefined;
  const nginxUser: Sourced<string> | undefined = userFact
    ? { value: userFact[1].value.split(/\s+/)[0], place: { path: userFact[0], range: userFact[1].range } }
    : undefined;

  // A fragment (no http block of its own) inherits from the main config that includes it; with one main config in
  // the workspace, that is the one.
  const mains = files.filter((file) => file.facts.hasHttpBlock);
  const main = mains.length === 1 ? mains[0] : undefined;

  const proxies: NginxProxy[] = [];
  for (const file of files) {
    const outer = !file.facts.hasHttpBlock && main ? main : undefined;
    for (const pass of file.facts.proxyPasses) {
      if (pass.directive !== 'proxy_pass') continue;
      const split = proxyPassAddress(pass.target);
      const proxy: NginxProxy = { place: { path: file.path, range: pass.range }, target: pass.target, endpoints: [] };
      if (split && !pass.target.includes('$')) {
        const named = upstreams.get(split.address);
        if (named && !/^unix:/i.test(split.address)) {
          proxy.upstream = { value: named.upstream.name, place: { path: named.path, range: named.upstream.range } };
          proxy.endpoints.push(...upstreamEndpoints(named));
        } else {
          const endpoint: Endpoint | undefined = nginxEndpoint(split.address, split.scheme === 'https' ? 443 : 80);
          if (endpoint) proxy.endpoints.push({ value: endpoint, place: proxy.place });
        }
      }
      if (pass.location !== undefined && pass.locationRange) proxy.location = { value: pass.location, place: { path: file.path, range: pass.locationRange } };
      if (pass.serverName) proxy.serverName = pass.serverName;
      const timeoutFact = pass.readTimeout
        ? { path: file.path, fact: pass.readTimeout }
        : outer?.facts.httpLevel.readTimeout && { path: outer.path, fact: outer.facts.httpLevel.readTimeout };
      const timeout = timeoutFact && parseTime(timeoutFact.fact.value, false);
      if (timeoutFact && timeout !== undefined) proxy.readTimeout = { value: timeout, place: { path: timeoutFact.path, range: timeoutFact.fact.range } };
      const sizeFact = pass.clientMaxBodySize
        ? { path: file.path, fact: pass.clientMaxBodySize }
        : outer?.facts.httpLevel.clientMaxBodySize && { path: outer.path, fact: outer.facts.httpLevel.clientMaxBodySize };
      const size = sizeFact && parseNginxSize(sizeFact.fact.value);
      if (sizeFact && size !== undefined) proxy.clientMaxBodySize = { value: size, place: { path: sizeFact.path, range: sizeFact.fact.range } };
      if (pass.requestBuffering)
        proxy.requestBuffering = { value: pass.requestBuffering.value !== 'off', place: { path: file.path, range: pass.requestBuffering.range } };
      if (nginxUser) proxy.nginxUser = nginxUser;
      proxies.push(proxy);
    }
  }
  return proxies;
}
