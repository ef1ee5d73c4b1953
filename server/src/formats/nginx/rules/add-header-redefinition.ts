/** nginx/add-header-redefinition: add_header in a nested block silently drops the outer blocks' add_header lines. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { named, type NginxAnalysis } from '../analysis';
import type { NginxDirective } from '../model';

function ownAddHeaders(children: readonly NginxDirective[]): NginxDirective[] {
  return children.filter((c) => c.name === 'add_header' && c.args.length >= 2);
}

export const addHeaderRedefinitionRule: Rule<NginxAnalysis> = {
  id: 'nginx/add-header-redefinition',
  severity: 'info',
  summary: 'add_header in a nested block drops every add_header of the outer blocks',
  check(analysis) {
    const findings: Finding[] = [];
    // Only blocks that hold an add_header can drop outer ones; visit them in document order.
    const holders = new Set<NginxDirective>();
    for (const header of named(analysis, 'add_header')) if (header.parent) holders.add(header.parent);
    for (const directive of [...holders].sort((a, b) => a.range.start - b.range.start)) {
      if (!directive.block || analysis.contexts.freeform.has(directive)) continue;
      const inner = ownAddHeaders(directive.block.children);
      if (inner.length === 0 || directive.block.children.some((c) => c.name === 'add_header_inherit')) continue;
      // The nearest outer block that has add_header lines is what nginx would otherwise inherit.
      let outer: NginxDirective[] = [];
      for (let p = directive.parent, i = 0; i < 64; p = p?.parent, i++) {
        outer = ownAddHeaders(p ? (p.block?.children ?? []) : analysis.document.directives);
        if (outer.length > 0 || !p) break;
      }
      const innerNames = new Set(inner.map((d) => d.args[0].value.toLowerCase()));
      const dropped = outer.filter((d) => !innerNames.has(d.args[0].value.toLowerCase()));
      if (dropped.length === 0) continue;
      findings.push({
        rule: 'nginx/add-header-redefinition',
        range: inner[0].nameToken.range,
        message: `add_header here drops the outer ${dropped.map((d) => d.args[0].value).join(', ')} header(s) for this block`,
        related: dropped.map((d) => ({ path: analysis.path, range: d.range, message: 'no longer sent here' })),
      });
    }
    return findings;
  },
};
