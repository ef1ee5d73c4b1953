/** nginx/alias-traversal: `location /static` with `alias .../static/;` serves `/static../` outside the folder. */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { named, type NginxAnalysis } from '../analysis';

export const aliasTraversalRule: Rule<NginxAnalysis> = {
  id: 'nginx/alias-traversal',
  severity: 'warning',
  summary: 'A prefix location without a trailing slash whose alias has one: path traversal',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of named(analysis, 'location')) {
      if (!directive.block) continue;
      const args = directive.args;
      const pathToken = args.length === 1 ? args[0] : args.length === 2 && args[0].value === '^~' ? args[1] : undefined;
      if (!pathToken || pathToken.value.endsWith('/') || pathToken.value.startsWith('@') || pathToken.value.startsWith('~')) continue;
      const alias = directive.block.children.find((c) => c.name === 'alias' && c.args.length === 1);
      if (!alias || !alias.args[0].value.endsWith('/')) continue;
      findings.push({
        rule: 'nginx/alias-traversal',
        range: pathToken.range,
        message: `"${pathToken.value}" has no trailing slash while its alias ends with one: "${pathToken.value}../" reaches the parent of ${alias.args[0].value}`,
        related: [{ path: analysis.path, range: alias.range, message: 'alias with a trailing slash' }],
      });
    }
    return findings;
  },
  fixes(finding, analysis) {
    const raw = analysis.text.slice(finding.range.start, finding.range.end);
    const quoted = raw.length > 1 && (raw.startsWith('"') || raw.startsWith("'")) && raw.endsWith(raw[0]);
    const at = quoted ? finding.range.end - 1 : finding.range.end;
    return [{ title: 'Add the trailing slash to the location', edits: [{ range: { start: at, end: at }, newText: '/' }], safe: true, preferred: true }];
  },
};
