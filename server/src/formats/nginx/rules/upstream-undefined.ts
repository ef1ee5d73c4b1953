/** nginx/upstream-undefined: proxy_pass to a bare name that no upstream defines and that is no host name. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { named, type NginxAnalysis } from '../analysis';
import { targetOf, workspaceUpstreams } from '../proxy';

export const upstreamUndefinedRule: Rule<NginxAnalysis> = {
  id: 'nginx/upstream-undefined',
  severity: 'warning',
  summary: 'proxy_pass to a name that is neither an upstream nor a host name',
  check(analysis) {
    const findings: Finding[] = [];
    let names: Set<string> | undefined;
    for (const directive of named(analysis, 'proxy_pass')) {
      if (directive.args.length !== 1) continue;
      const target = targetOf(analysis, directive);
      if (!target || target.hasVariables || target.socket || target.port !== undefined) continue;
      const host = target.host;
      if (host === '' || host.includes('.') || host.includes(':') || host === 'localhost') continue;
      names ??= new Set(workspaceUpstreams(analysis).map((u) => u.directive.args[0].value));
      if (names.has(host)) continue;
      const start = directive.args[0].range.start + directive.args[0].raw.indexOf(host);
      findings.push({
        rule: 'nginx/upstream-undefined',
        range: { start, end: start + host.length },
        message: `no upstream "${host}" in the configuration, and "${host}" is not a host name nginx can resolve here`,
      });
    }
    return findings;
  },
};
