/**
 * nginx/host-spoofing: forged Host values reaching the app. Two situations:
 *
 * 1. A server proxies to the app (an upstream, a unix socket, a loopback address) and passes it the client's host
 *    name (`Host $host`, `$http_host`, Debian's `proxy_params`), while it is itself the default server of one of its
 *    addresses: no catch-all server turns away requests for names the site does not serve, so any Host reaches the
 *    app (password-reset links and cached pages pointing at another domain). Judged only when the whole http block
 *    is visible: the file is the main config, or a workspace main config includes it, and every include on the way
 *    resolves. The fix adds a catch-all default server that closes such connections (`return 444`).
 * 2. What gixy reports: the Host passed upstream is `$http_host` (the header exactly as sent: nginx picks the server
 *    by the host of an absolute request line, so this header can carry any name past server_name) or `$arg_*` (the
 *    query string). The fix uses `$host`, the name nginx chose the server by.
 */
import type { Fix, FileEdit, Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { entriesFor } from '../../../knowledge/nginx/directives';
import { parseAddress } from '../addresses';
import { getNginxPathMatcher, indentationAt, lineStartOf, named, type NginxAnalysis } from '../analysis';
import { isSystemInclude, resolveInclude } from '../includes';
import { defaultServerFlag } from '../listenAddresses';
import type { NginxDirective, NginxDocument } from '../model';
import { headersAt, targetOf, workspaceUpstreams } from '../proxy';
import { workspaceIndex } from '../workspaceIndex';

const RULE_ID = 'nginx/host-spoofing';

/** Variables that carry a host name the client chose. nginx variable names are case-insensitive. */
const CLIENT_HOST = /\$\{?(host|http_host|http_x_forwarded_host|arg_\w+)\b/i;
/** The gixy cases: the raw header, or a query argument, as the Host sent upstream. */
const RAW_HOST = /^\$(\{http_host\}|http_host|\{arg_\w+\}|arg_\w+)$/i;

interface Listen {
  /** `listen` directive, absent for a server without one (nginx then listens on *:80). */
  directive?: NginxDirective;
  key: string;
  /** The address as written, for the catch-all's own listen. */
  written: string;
  ssl: boolean;
  isDefault: boolean;
}

interface ServerInfo {
  directive: NginxDirective;
  path: string;
  listens: Listen[];
  names: string[];
}

/**
 * What a server says of itself (its listens, undefined when one cannot be read, and its names) depends on its own
 * block only: kept per directive, and a directive outlives revisions while its file is unchanged (parses are kept
 * per text), so an edit in a tree of thousands of servers reads only its own.
 */
const ownFacts = new WeakMap<NginxDirective, { listens: Listen[] | undefined; names: string[] }>();

function serverFacts(server: NginxDirective): { listens: Listen[] | undefined; names: string[] } {
  let facts = ownFacts.get(server);
  if (!facts) {
    const names = (server.block?.children ?? []).filter((c) => c.name === 'server_name').flatMap((c) => c.args.map((a) => a.value));
    facts = { listens: readListens(server), names };
    ownFacts.set(server, facts);
  }
  return facts;
}

function readListens(server: NginxDirective): Listen[] | undefined {
  const children = server.block?.children ?? [];
  const listens: Listen[] = [];
  for (const child of children) {
    if (child.name !== 'listen') continue;
    if (child.args.length === 0) return undefined;
    const value = child.args[0].value;
    const address = parseAddress(value, true).address;
    if (!address) return undefined;
    const params = child.args.slice(1).map((a) => a.value);
    if (params.includes('quic')) continue; // a UDP socket of its own
    listens.push({
      directive: child,
      key: address.key,
      written: child.args[0].raw,
      ssl: params.includes('ssl'),
      isDefault: defaultServerFlag(child) !== undefined,
    });
  }
  if (listens.length === 0 && !children.some((c) => c.name === 'listen')) {
    const address = parseAddress('80', true).address;
    if (!address) return undefined;
    listens.push({ key: address.key, written: '80', ssl: false, isDefault: false });
  }
  return listens;
}

function documentOf(analysis: NginxAnalysis, file: string): NginxDocument | undefined {
  if (file === analysis.path) return analysis.document;
  const parsed = analysis.project.parsed(file);
  return parsed?.language === 'nginx' ? (parsed.document as NginxDocument) : undefined;
}

function topHttp(doc: NginxDocument): NginxDirective | undefined {
  return doc.directives.find((d) => d.name === 'http' && d.block);
}

/** The main config (a file with a top-level http block) whose http block includes `file`, through at most 4 files. */
function rootFor(analysis: NginxAnalysis, file: string, depth = 0, seen = new Set<string>()): { path: string; http: NginxDirective } | undefined {
  const own = documentOf(analysis, file);
  const http = own ? topHttp(own) : undefined;
  if (http) return { path: file, http };
  if (depth > 4 || seen.has(file)) return undefined;
  seen.add(file);
  for (const include of workspaceIndex(analysis.project, getNginxPathMatcher(), analysis.memo).includersOf(file)) {
    // Includes below a server block bring locations, not servers: that file is not an http-level fragment.
    for (let p = include.directive.parent; p; p = p.parent) if (p.name === 'server' || p.name === 'location') return undefined;
    const found = rootFor(analysis, include.from, depth + 1, seen);
    if (found) return found;
  }
  return undefined;
}

interface HttpServers {
  servers: ServerInfo[];
  /** The default server of each address key. */
  defaults: Map<string, ServerInfo>;
  byDirective: Map<NginxDirective, ServerInfo>;
}

/**
 * httpServers with its lookups, kept in the workspace index per main config: every fragment of a main config that
 * includes thousands asks the same question. Only kept when the analysed document is the project's own parse of
 * the file (the servers hold its directives).
 */
function serversOfHttp(analysis: NginxAnalysis): HttpServers | undefined {
  const index = workspaceIndex(analysis.project, getNginxPathMatcher(), analysis.memo);
  const shared = analysis.project.parsed(analysis.path)?.document === analysis.document;
  const root = rootFor(analysis, analysis.path);
  if (!root) return undefined;
  const key = `host-spoofing|servers|${root.path}`;
  if (shared && index.memo.has(key)) return index.memo.get(key) as HttpServers | undefined;
  const servers = httpServers(analysis, root);
  const result = servers && {
    servers,
    defaults: defaultsByAddress(servers),
    byDirective: new Map(servers.map((server) => [server.directive, server])),
  };
  if (shared) index.memo.set(key, result);
  return result;
}

/** Every server of the http block in nginx's reading order (includes in place, globs sorted); undefined if unsure. */
function httpServers(analysis: NginxAnalysis, root: { path: string; http: NginxDirective }): ServerInfo[] | undefined {
  const servers: ServerInfo[] = [];
  let ok = true;
  let files = 0;
  const inWorkspace = insideTest(analysis.project.root);
  const visit = (list: readonly NginxDirective[], path: string, depth: number) => {
    if (depth > 8 || !ok) return;
    for (const d of list) {
      if (!ok) return;
      if (d.name === 'server' && d.block) {
        const { listens, names } = serverFacts(d);
        if (!listens) {
          ok = false;
          return;
        }
        servers.push({ directive: d, path, listens, names });
      } else if (d.name === 'include') {
        const pattern = d.args[0]?.value;
        if (d.args.length !== 1 || pattern.includes('$')) {
          ok = false;
          return;
        }
        const resolved = resolveInclude(analysis.project, path, pattern).files;
        if (resolved.length === 0) {
          // mime.types, proxy_params...: Debian's own files hold no server. Anything else may.
          if (!isSystemInclude(pattern) || /sites-enabled|conf\.d/.test(pattern)) ok = false;
          continue;
        }
        for (const file of resolved) {
          // A file outside the workspace describes the machine running the linter, not the deployment.
          if (!inWorkspace(file)) {
            ok = false;
            return;
          }
          const doc = documentOf(analysis, file);
          if (!doc || ++files > analysis.project.settings.maxWorkspaceFiles) {
            ok = false;
            return;
          }
          visit(doc.directives, file, depth + 1);
        }
      }
    }
  };
  visit(root.http.block!.children, root.path, 0);
  return ok ? servers : undefined;
}

/** Whether a file lies inside `root` (either slash), with the root's prefix made once for the many files asked. */
function insideTest(root: string): (file: string) => boolean {
  const prefix = `${root.split('\\').join('/').replace(/\/+$/, '')}/`;
  return (file) => file.split('\\').join('/').startsWith(prefix);
}

/** The default server of each address: the one marked default_server, else the first listening there. */
function defaultsByAddress(servers: ServerInfo[]): Map<string, ServerInfo> {
  const defaults = new Map<string, ServerInfo>();
  for (const server of servers) for (const l of server.listens) if (l.isDefault && !defaults.has(l.key)) defaults.set(l.key, server);
  for (const server of servers) for (const l of server.listens) if (!defaults.has(l.key)) defaults.set(l.key, server);
  return defaults;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const upstreamNamesOfRun = new WeakMap<NginxAnalysis['memo'], ReadonlySet<string>>();

/** The names of the workspace's upstreams, once per check run (every server of a main config asks). */
function upstreamNames(analysis: NginxAnalysis): ReadonlySet<string> {
  let names = upstreamNamesOfRun.get(analysis.memo);
  if (!names) {
    names = new Set(workspaceUpstreams(analysis).map((u) => u.directive.args[0].value));
    upstreamNamesOfRun.set(analysis.memo, names);
  }
  return names;
}

/** The proxy_passes of a server (its own tree) that go to the app and pass it a host name the client chose. */
function forwardsClientHost(analysis: NginxAnalysis, server: NginxDirective): NginxDirective | undefined {
  const upstreams = upstreamNames(analysis);
  const queue = [...(server.block?.children ?? [])];
  for (let next = 0; next < queue.length; next++) {
    const d = queue[next];
    if (d.block) queue.push(...d.block.children);
    if (d.name !== 'proxy_pass' || d.args.length !== 1) continue;
    const target = targetOf(analysis, d);
    if (!target || target.hasVariables) continue;
    const toApp = target.socket !== undefined || isLoopback(target.host) || (target.port === undefined && upstreams.has(target.host));
    if (!toApp) continue;
    const set = headersAt(analysis, d, analysis.document.directives, analysis.path);
    if (set.unknown) return undefined;
    for (const name of ['host', 'x-forwarded-host']) {
      if (!set.headers.has(name)) continue;
      const header = set.headers.get(name);
      // undefined: from Debian's proxy_params, which passes `Host $http_host`.
      if (!header || (header.args.length >= 2 && CLIENT_HOST.test(header.args[1].value))) return d;
    }
  }
  return undefined;
}

/** A server whose traffic comes through another proxy (a unix socket, the PROXY protocol): not ours to judge. */
function behindAnotherProxy(server: NginxDirective): boolean {
  return (server.block?.children ?? []).some(
    (c) => c.name === 'listen' && c.args.length > 0 && (c.args[0].value.startsWith('unix:') || c.args.some((a) => a.value === 'proxy_protocol')),
  );
}

function isHttpLevel(analysis: NginxAnalysis, server: NginxDirective): boolean {
  if (server.parent) return server.parent.name === 'http' && !server.parent.parent;
  return analysis.contexts.top === 'http';
}

function catchAllFindings(analysis: NginxAnalysis): Finding[] {
  const own = named(analysis, 'server').filter((s) => s.block && analysis.contexts.of.get(s) === 'http');
  if (own.length === 0) return [];
  const candidates = own
    .filter((s) => !behindAnotherProxy(s))
    .map((s) => ({ server: s, proxy: forwardsClientHost(analysis, s) }))
    .filter((c) => c.proxy);
  if (candidates.length === 0) return [];
  const http = serversOfHttp(analysis);
  if (!http) return [];
  const { defaults } = http;
  const findings: Finding[] = [];
  for (const { server, proxy } of candidates) {
    const info = http.byDirective.get(server);
    if (!info) continue;
    const mine = info.listens.filter((l, i) => defaults.get(l.key) === info && info.listens.findIndex((o) => o.key === l.key) === i);
    if (mine.length === 0) continue;
    const first = mine[0];
    const how = first.isDefault ? 'marked default_server' : 'the first server listening there';
    findings.push({
      rule: RULE_ID,
      range: first.directive ? first.directive.args[0].range : server.nameToken.range,
      message: `this server is the default for ${mine.map((l) => l.written).join(', ')} (${how}) and passes the client's host name to the app: requests for any Host land here, so a forged Host reaches the app (password-reset links, cache poisoning). Add a catch-all default server that refuses unknown names (return 444).`,
      related: [{ path: analysis.path, range: proxy!.range, message: "proxies to the app with the client's Host" }],
      data: { kind: 'catch-all', server: server.range.start },
    });
  }
  return findings;
}

function rawHostFindings(analysis: NginxAnalysis): Finding[] {
  const findings: Finding[] = [];
  const effective = new Set<NginxDirective>();
  for (const proxy of named(analysis, 'proxy_pass')) {
    const set = headersAt(analysis, proxy, analysis.document.directives, analysis.path);
    const host = set.headers.get('host');
    if (host) effective.add(host);
  }
  for (const directive of named(analysis, 'proxy_set_header')) {
    if (directive.args.length !== 2 || !effective.has(directive)) continue;
    if (directive.args[0].value.toLowerCase() !== 'host') continue;
    const value = directive.args[1].value;
    if (!/\$\{?(http_host|arg_\w+)\b/i.test(value)) continue;
    const fromArg = /\$\{?arg_/i.test(value);
    findings.push({
      rule: RULE_ID,
      range: directive.args[1].range,
      message: fromArg
        ? 'the Host the app receives comes from the query string: anyone can set it (password-reset links, cache poisoning). Pass $host, the name nginx chose this server by.'
        : "$http_host is the Host header exactly as the client sent it: when the request line holds an absolute URL nginx picks the server by that URL's host, so this header can carry any name past server_name to the app (password-reset links, cache poisoning). $host is the name nginx chose the server by.",
      data: { kind: 'raw', exact: RAW_HOST.test(value) },
    });
  }
  return findings;
}

/** The catch-all server's text and the edits that hand it the default role. */
function catchAllFix(analysis: NginxAnalysis, server: NginxDirective): Fix | undefined {
  if (!isHttpLevel(analysis, server)) return undefined;
  const http = serversOfHttp(analysis);
  const info = http?.byDirective.get(server);
  if (!http || !info) return undefined;
  const { servers, defaults } = http;
  const mine = info.listens.filter((l, i) => defaults.get(l.key) === info && info.listens.findIndex((o) => o.key === l.key) === i);
  if (mine.length === 0) return undefined;
  const ssl = mine.some((l) => info.listens.some((o) => o.key === l.key && o.ssl) || servers.some((s) => s.listens.some((o) => o.key === l.key && o.ssl)));
  if (ssl && entriesFor('ssl_reject_handshake', analysis.version).length === 0) return undefined;
  const keys = new Set(mine.map((l) => l.key));
  const underscoreTaken = servers.some((s) => s.names.includes('_') && s.listens.some((l) => keys.has(l.key)));
  const indent = indentationAt(analysis.text, server.range.start);
  const step = /\t/.test(indent) ? '\t' : '    ';
  const inner = indent + step;
  const lines = [`${indent}server {`];
  for (const l of mine) {
    const isSsl = servers.some((s) => s.listens.some((o) => o.key === l.key && o.ssl));
    lines.push(`${inner}listen ${l.written}${isSsl ? ' ssl' : ''} default_server;`);
  }
  if (!underscoreTaken) lines.push(`${inner}server_name _;`);
  if (ssl) lines.push(`${inner}ssl_reject_handshake on;`);
  lines.push(`${inner}return 444;`, `${indent}}`, '');
  const at = lineStartOf(analysis.text, server.range.start);
  const edits: FileEdit[] = [{ range: { start: at, end: at }, newText: `${lines.join('\n')}\n` }];
  // The catch-all takes over default_server: the flag goes from this server's own listens.
  for (const l of mine) {
    const flag = l.directive ? defaultServerFlag(l.directive) : undefined;
    if (!l.directive || !flag) continue;
    const i = l.directive.args.indexOf(flag);
    edits.push({ range: { start: l.directive.args[i - 1].range.end, end: flag.range.end }, newText: '' });
  }
  return { title: 'Add a catch-all default server that refuses unknown host names (return 444)', edits, safe: false, preferred: true };
}

export const hostSpoofingRule: Rule<NginxAnalysis> = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A forged Host can reach the app: no catch-all default server, or `$http_host`/`$arg_*` passed as Host',
  check(analysis) {
    return [...rawHostFindings(analysis), ...catchAllFindings(analysis)];
  },
  fixes(finding, analysis) {
    const data = finding.data as { kind?: string; exact?: boolean; server?: number } | undefined;
    if (data?.kind === 'raw') {
      return data.exact ? [{ title: 'Use $host', edits: [{ range: finding.range, newText: '$host' }], safe: false, preferred: true }] : [];
    }
    if (data?.kind === 'catch-all') {
      const server = named(analysis, 'server').find((s) => s.range.start === data.server);
      const fix = server ? catchAllFix(analysis, server) : undefined;
      return fix ? [fix] : [];
    }
    return [];
  },
};
