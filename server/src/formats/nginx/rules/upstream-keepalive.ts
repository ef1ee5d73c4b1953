/** nginx/upstream-keepalive: keepalive to an upstream whose proxying locations still speak HTTP/1.0 with Connection: close. */
import type { FileEdit, Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { indentationAt, lineStartOf, named, statementRange, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';
import { headersAt, inheritedValue, targetOf, workspaceProxyPasses, type UpstreamRef } from '../proxy';

interface Gap {
  path: string;
  directive: NginxDirective;
  topLevel: readonly NginxDirective[];
  text: string;
  needsVersion: boolean;
  needsConnection: boolean;
}

/** The workspace's proxy_pass lines by the upstream name they target (no port: a port means a host). */
function passesByUpstream(analysis: NginxAnalysis): Map<string, UpstreamRef[]> {
  const out = new Map<string, UpstreamRef[]>();
  for (const ref of workspaceProxyPasses(analysis)) {
    const target = targetOf(analysis, ref.directive);
    if (!target || target.port !== undefined) continue;
    const list = out.get(target.host);
    if (list) list.push(ref);
    else out.set(target.host, [ref]);
  }
  return out;
}

function gaps(analysis: NginxAnalysis, upstreamName: string, passes = passesByUpstream(analysis)): Gap[] {
  const out: Gap[] = [];
  for (const ref of passes.get(upstreamName) ?? []) {
    const version = inheritedValue(ref.directive, ref.document.directives, 'proxy_http_version');
    const headers = headersAt(analysis, ref.directive, ref.document.directives, ref.path);
    if (headers.unknown) continue;
    const connection = headers.headers.get('connection');
    const needsVersion = version?.args[0]?.value !== '1.1';
    const needsConnection = !connection || ((connection.args[1]?.value ?? '') !== '' && !/^\$/.test(connection.args[1]?.value ?? ''));
    if (needsVersion || needsConnection)
      out.push({ path: ref.path, directive: ref.directive, topLevel: ref.document.directives, text: ref.document.text, needsVersion, needsConnection });
  }
  return out;
}

export const upstreamKeepaliveRule: Rule<NginxAnalysis> = {
  id: 'nginx/upstream-keepalive',
  severity: 'warning',
  summary: 'keepalive in an upstream whose locations lack proxy_http_version 1.1 and an empty Connection header',
  check(analysis) {
    const findings: Finding[] = [];
    let passes: Map<string, UpstreamRef[]> | undefined;
    for (const directive of named(analysis, 'keepalive')) {
      if (directive.parent?.name !== 'upstream') continue;
      const name = directive.parent.args[0]?.value;
      if (!name) continue;
      passes ??= passesByUpstream(analysis);
      const found = gaps(analysis, name, passes);
      if (found.length === 0) continue;
      findings.push({
        rule: 'nginx/upstream-keepalive',
        range: statementRange(directive),
        message: `keepalive has no effect: ${found.length} location(s) proxying to "${name}" lack proxy_http_version 1.1 and proxy_set_header Connection ""`,
        related: found.map((g) => ({ path: g.path, range: g.directive.range, message: 'proxies here' })),
        data: { upstream: name },
      });
    }
    return findings;
  },
  fixes(finding, analysis) {
    const name = (finding.data as { upstream?: string } | undefined)?.upstream;
    if (!name) return [];
    const edits: FileEdit[] = [];
    for (const gap of gaps(analysis, name)) {
      const indent = indentationAt(gap.text, gap.directive.range.start);
      let text = '';
      if (gap.needsVersion) text += `${indent}proxy_http_version 1.1;\n`;
      if (gap.needsConnection) {
        const set = headersAt(analysis, gap.directive, gap.topLevel, gap.path);
        // Adding a header to a block that inherited its list would drop the inherited ones: copy them.
        if (set.owner !== gap.directive.parent) {
          for (const d of set.headers.values()) if (d) text += `${indent}${gap.text.slice(d.range.start, d.terminatorEnd)}\n`;
        }
        text += `${indent}proxy_set_header Connection "";\n`;
      }
      const at = lineStartOf(gap.text, gap.directive.range.start);
      edits.push({ path: gap.path === analysis.path ? undefined : gap.path, range: { start: at, end: at }, newText: text });
    }
    return edits.length ? [{ title: 'Add proxy_http_version 1.1 and an empty Connection header', edits, safe: true, preferred: true }] : [];
  },
};
