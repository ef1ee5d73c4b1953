/** nginx/host-spoofing: `proxy_set_header Host $http_host` in a server that answers any Host. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { named, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';

function acceptsAnyHost(server: NginxDirective): boolean {
  const children = server.block?.children ?? [];
  if (children.some((c) => c.name === 'listen' && c.args.some((a) => a.value === 'default_server' || a.value === 'default'))) return true;
  const names = children.filter((c) => c.name === 'server_name').flatMap((c) => c.args.map((a) => a.value));
  if (names.length === 0) return true;
  return names.some((n) => n === '_' || n === '' || n.startsWith('~') || n.includes('*'));
}

export const hostSpoofingRule: Rule<NginxAnalysis> = {
  id: 'nginx/host-spoofing',
  severity: 'warning',
  summary: 'proxy_set_header Host $http_host in a server that accepts any host',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of named(analysis, 'proxy_set_header')) {
      if (directive.args.length !== 2) continue;
      if (directive.args[0].value.toLowerCase() !== 'host' || directive.args[1].value !== '$http_host') continue;
      let server = directive.parent;
      for (let i = 0; server && server.name !== 'server' && i < 64; i++) server = server.parent;
      if (!server || !acceptsAnyHost(server)) continue;
      findings.push({
        rule: 'nginx/host-spoofing',
        range: directive.args[1].range,
        message: 'this server answers any Host, and $http_host passes the client\'s Host unchecked to the app (password-reset links, cache poisoning); $host is limited to server_name',
      });
    }
    return findings;
  },
  fixes(finding) {
    return [{ title: 'Use $host', edits: [{ range: finding.range, newText: '$host' }], safe: false, preferred: true }];
  },
};
