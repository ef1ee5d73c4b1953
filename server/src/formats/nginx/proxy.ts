/** Proxy facts shared by the proxy rules: targets of proxy_pass, inherited proxy_set_header, upstreams anywhere. */
import type { Project } from '../../core/format';
import { getNginxPathMatcher, type NginxAnalysis } from './analysis';
import { directivesNamed, firstNamed } from './documentIndex';
import type { NginxDirective, NginxDocument } from './model';
import { resolveInclude } from './includes';
import { workspaceIndex } from './workspaceIndex';

export interface ProxyTarget {
  scheme: string;
  host: string;
  port?: string;
  /** `unix:/run/app.sock` targets. */
  socket?: string;
  hasVariables: boolean;
}

export function parseProxyTarget(value: string): ProxyTarget | undefined {
  const match = /^(https?|grpcs?|uwsgi|fastcgi):\/\/(.*)$/i.exec(value) ?? /^()(.*)$/.exec(value);
  if (!match) return undefined;
  const rest = match[2];
  if (rest.startsWith('unix:')) {
    const socket = rest.slice(5).split(':')[0];
    return { scheme: match[1] || 'http', host: 'unix', socket, hasVariables: value.includes('$') };
  }
  const hostPort = rest.split('/')[0];
  const bracket = /^\[([^\]]*)\](?::(\d+))?$/.exec(hostPort);
  const [host, port] = bracket ? [bracket[1], bracket[2]] : hostPort.split(':');
  return { scheme: match[1] || 'http', host, port, hasVariables: value.includes('$') };
}

/** Headers Debian's /etc/nginx/proxy_params sets. */
const PROXY_PARAMS_HEADERS = ['host', 'x-real-ip', 'x-forwarded-for', 'x-forwarded-proto'];

export interface HeaderSet {
  /** Where the effective set is defined (the nearest block with proxy_set_header), undefined when nowhere. */
  owner?: NginxDirective;
  /** Lower-case header names to their directives (undefined for headers that come from proxy_params). */
  headers: Map<string, NginxDirective | undefined>;
  /** An include we could not read sits on the chain: the answer is unknown. */
  unknown: boolean;
}

export interface OwnHeaders {
  headers: Map<string, NginxDirective | undefined>;
  unknown: boolean;
}

/** The proxy_set_header lines of one block itself (through includes we can read). */
export function ownHeaders(block: readonly NginxDirective[], project: Project | undefined, path: string): OwnHeaders {
  const headers = new Map<string, NginxDirective | undefined>();
  let unknown = false;
  for (const child of block) {
    if (child.name === 'proxy_set_header' && child.args.length >= 1) headers.set(child.args[0].value.toLowerCase(), child);
    else if (child.name === 'include' && child.args.length === 1) {
      const pattern = child.args[0].value;
      if (/(^|\/)proxy_params$/.test(pattern)) {
        for (const name of PROXY_PARAMS_HEADERS) headers.set(name, undefined);
        continue;
      }
      if (!project) {
        unknown = true;
        continue;
      }
      const { files } = resolveInclude(project, path, pattern);
      if (files.length === 0) unknown = true;
      for (const file of files.slice(0, 16)) {
        const parsed = project.parsed(file);
        if (!parsed || parsed.language !== 'nginx') continue;
        for (const d of (parsed.document as NginxDocument).directives) {
          if (d.name === 'proxy_set_header' && d.args.length >= 1) headers.set(d.args[0].value.toLowerCase(), d);
        }
      }
    }
  }
  return { headers, unknown };
}

const NO_CHILDREN: readonly NginxDirective[] = [];

/** nginx's inheritance: a block's proxy_set_header list replaces the outer one entirely; with none, it inherits. */
export function effectiveHeaders(
  directive: NginxDirective,
  topLevel: readonly NginxDirective[],
  project: Project | undefined,
  path: string,
  /** Answers per block kept for one check run: many locations share their outer blocks. */
  memo?: Map<readonly NginxDirective[], OwnHeaders>,
): HeaderSet {
  let unknown = false;
  for (let block: NginxDirective | undefined = directive.parent, i = 0; i < 64; block = block?.parent, i++) {
    const children = block ? (block.block?.children ?? NO_CHILDREN) : topLevel;
    let own = memo?.get(children);
    if (!own) {
      own = ownHeaders(children, project, path);
      if (children !== NO_CHILDREN) memo?.set(children, own);
    }
    unknown ||= own.unknown;
    if (own.headers.size > 0) return { owner: block, headers: own.headers, unknown };
    if (!block) break;
  }
  return { headers: new Map(), unknown };
}

/** The value a simple inherited directive takes at a place (proxy_http_version), nearest block first. */
export function inheritedValue(directive: NginxDirective, topLevel: readonly NginxDirective[], name: string): NginxDirective | undefined {
  for (let block: NginxDirective | undefined = directive.parent, i = 0; i < 64; block = block?.parent, i++) {
    const children = block ? (block.block?.children ?? NO_CHILDREN) : topLevel;
    const found = firstNamed(children, name);
    if (found) return found;
    if (!block) break;
  }
  return undefined;
}

export interface UpstreamRef {
  path: string;
  directive: NginxDirective;
  document: NginxDocument;
}

/** Directives of this document, then those of the workspace's other nginx files (from the workspace index). */
function collectAcrossWorkspace(
  path: string,
  doc: NginxDocument,
  project: Project | undefined,
  own: readonly NginxDirective[],
  others: () => readonly UpstreamRef[],
): UpstreamRef[] {
  const out: UpstreamRef[] = own.map((directive) => ({ path, directive, document: doc }));
  if (!project) return out;
  for (const ref of others()) if (ref.path !== path) out.push(ref);
  return out;
}

/** Every upstream block in this document and in the workspace's other nginx files. */
export function allUpstreams(
  path: string,
  doc: NginxDocument,
  project: Project | undefined,
  isNginx: (p: string) => boolean,
  owner: object = {},
): UpstreamRef[] {
  const own = directivesNamed(doc, 'upstream').filter((directive) => directive.block && directive.args.length >= 1);
  return collectAcrossWorkspace(path, doc, project, own, () => workspaceIndex(project!, isNginx, owner).upstreams);
}

/** Every location's proxy_pass in this document and in the nginx files that share a main config with it. */
export function allProxyPasses(
  path: string,
  doc: NginxDocument,
  project: Project | undefined,
  isNginx: (p: string) => boolean,
  owner: object = {},
): UpstreamRef[] {
  const own = directivesNamed(doc, 'proxy_pass').filter((directive) => directive.args.length === 1);
  return collectAcrossWorkspace(path, doc, project, own, () => workspaceIndex(project!, isNginx, owner).proxyPassesNear(path));
}

/** allUpstreams for the analysed file, read once per check run. */
export function workspaceUpstreams(analysis: NginxAnalysis): UpstreamRef[] {
  return (analysis.memo.upstreams ??= allUpstreams(analysis.path, analysis.document, analysis.project, getNginxPathMatcher(), analysis.memo));
}

/** allProxyPasses for the analysed file, read once per check run. */
export function workspaceProxyPasses(analysis: NginxAnalysis): UpstreamRef[] {
  return (analysis.memo.proxyPasses ??= allProxyPasses(analysis.path, analysis.document, analysis.project, getNginxPathMatcher(), analysis.memo));
}

/** effectiveHeaders with the run's per-block answers. */
export function headersAt(analysis: NginxAnalysis, directive: NginxDirective, topLevel: readonly NginxDirective[], path: string): HeaderSet {
  return effectiveHeaders(directive, topLevel, analysis.project, path, analysis.memo.ownHeaders);
}

/** parseProxyTarget of a directive's first argument, once per check run (three rules ask about each proxy_pass). */
export function targetOf(analysis: NginxAnalysis, directive: NginxDirective): ProxyTarget | undefined {
  const memo = analysis.memo.targets;
  if (memo.has(directive)) return memo.get(directive);
  const target = directive.args.length > 0 ? parseProxyTarget(directive.args[0].value) : undefined;
  memo.set(directive, target);
  return target;
}
