/** nginx/proxy-headers: a proxying location that passes neither Host nor X-Forwarded-Proto to the app. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { indentationAt, lineStartOf, named, statementRange, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';
import { headersAt, targetOf } from '../proxy';

export const REQUIRED_PROXY_HEADERS: [string, string][] = [
  ['Host', '$host'],
  ['X-Forwarded-For', '$proxy_add_x_forwarded_for'],
  ['X-Forwarded-Proto', '$scheme'],
];

/** proxy_set_header lines to add before `anchor` so the block ends up with `inherited` plus `extra`. */
export function headerLines(text: string, anchor: NginxDirective, inherited: NginxDirective[], extra: [string, string][]): string {
  const indent = indentationAt(text, anchor.range.start);
  const lines = inherited.map((d) => `${indent}${text.slice(d.range.start, d.terminatorEnd)}\n`);
  for (const [name, value] of extra) lines.push(`${indent}proxy_set_header ${name} ${value};\n`);
  return lines.join('');
}

export const proxyHeadersRule: Rule<NginxAnalysis> = {
  id: 'nginx/proxy-headers',
  severity: 'warning',
  summary: 'A proxying location that does not pass Host and X-Forwarded-Proto to the app',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of named(analysis, 'proxy_pass')) {
      if (directive.args.length !== 1) continue;
      if (!directive.parent || directive.parent.name !== 'location') continue;
      const target = targetOf(analysis, directive);
      if (!target || !/^https?$/i.test(target.scheme)) continue;
      const set = headersAt(analysis, directive, analysis.document.directives, analysis.path);
      if (set.unknown) continue;
      const missing = REQUIRED_PROXY_HEADERS.filter(([name]) => name !== 'X-Forwarded-For' && !set.headers.has(name.toLowerCase()));
      if (missing.length === 0) continue;
      findings.push({
        rule: 'nginx/proxy-headers',
        range: statementRange(directive),
        message: `the app behind this proxy_pass does not get ${missing.map(([n]) => n).join(' and ')}: redirects and generated URLs use the upstream's name and lose https`,
      });
    }
    return findings;
  },
  fixes(finding, analysis) {
    const directive = named(analysis, 'proxy_pass').find((d) => d.range.start === finding.range.start);
    if (!directive?.parent) return [];
    const set = headersAt(analysis, directive, analysis.document.directives, analysis.path);
    const ownsSet = set.owner === directive.parent;
    // A block with its own proxy_set_header stops inheriting: copy the inherited lines along.
    const inherited = ownsSet ? [] : [...set.headers.values()].filter((d): d is NginxDirective => d !== undefined);
    const extra = REQUIRED_PROXY_HEADERS.filter(([name]) => !set.headers.has(name.toLowerCase()));
    const at = lineStartOf(analysis.text, directive.range.start);
    return [{
      title: `Add proxy_set_header ${extra.map(([n]) => n).join(', ')}`,
      edits: [{ range: { start: at, end: at }, newText: headerLines(analysis.text, directive, inherited, extra) }],
      safe: true,
      preferred: true,
    }];
  },
};
