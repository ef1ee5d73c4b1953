/**
 * nginx/proxy-headers: a proxying location that passes neither Host nor X-Forwarded-Proto to the app. Quiet when the
 * app gets the host through X-Forwarded-Host, and when the server sits behind another proxy.
 */
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

/**
 * The server sits behind another proxy: it listens on a unix socket or with the PROXY protocol, or passes on the
 * scheme an outer proxy sent (`$http_x_forwarded_proto`). The outer proxy sets the forwarding headers, which nginx
 * passes through untouched; adding our own would overwrite them.
 */
function behindAnotherProxy(analysis: NginxAnalysis, directive: NginxDirective, headers: Map<string, NginxDirective | undefined>): boolean {
  for (const header of headers.values()) {
    if (header && header.args.slice(1).some((a) => /\$\{?http_x_forwarded_proto\b/i.test(a.value))) return true;
  }
  let server: NginxDirective | undefined = directive.parent;
  for (let i = 0; server && server.name !== 'server' && i < 64; i++) server = server.parent;
  const listens = server ? (server.block?.children ?? []).filter((c) => c.name === 'listen') : named(analysis, 'listen').filter((l) => !l.parent);
  return listens.some((l) => l.args.length > 0 && (l.args[0].value.startsWith('unix:') || l.args.slice(1).some((a) => a.value === 'proxy_protocol')));
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
      if (behindAnotherProxy(analysis, directive, set.headers)) continue;
      // An app that reads the host from X-Forwarded-Host (ProxyFix, USE_X_FORWARDED_HOST) gets it there.
      const missing = REQUIRED_PROXY_HEADERS.filter(
        ([name]) => name !== 'X-Forwarded-For' && !set.headers.has(name.toLowerCase()) && !(name === 'Host' && set.headers.has('x-forwarded-host')),
      );
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
    // Only headers the block lacks: a line that is there (or inherited) is never replaced.
    const extra = REQUIRED_PROXY_HEADERS.filter(([name]) => !set.headers.has(name.toLowerCase()) && !(name === 'Host' && set.headers.has('x-forwarded-host')));
    const lineStart = lineStartOf(analysis.text, directive.range.start);
    const lines = headerLines(analysis.text, directive, inherited, extra);
    // Something before proxy_pass on its line (a one-line `server { location / { proxy_pass ...; } }`): the line's
    // start may lie outside the location, even in the main context, so the headers go just before proxy_pass.
    const inline = analysis.text.slice(lineStart, directive.range.start).trim() !== '';
    const at = inline ? directive.range.start : lineStart;
    const newText = inline
      ? `${lines
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .join(' ')} `
      : lines;
    return [
      {
        title: `Add proxy_set_header ${extra.map(([n]) => n).join(', ')}`,
        edits: [{ range: { start: at, end: at }, newText }],
        safe: true,
        preferred: true,
      },
    ];
  },
};
