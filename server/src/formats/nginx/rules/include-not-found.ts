/** nginx/include-not-found: an include that matches nothing in the workspace (system files excepted). */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { named, type NginxAnalysis } from '../analysis';
import { isGlob, isSystemInclude, resolveInclude } from '../includes';

export const includeNotFoundRule: Rule<NginxAnalysis> = {
  id: 'nginx/include-not-found',
  severity: 'info',
  summary: 'An include whose path or glob matches nothing in the workspace',
  check(analysis) {
    const findings: Finding[] = [];
    for (const directive of named(analysis, 'include')) {
      if (directive.args.length !== 1) continue;
      const pattern = directive.args[0].value;
      if (pattern.includes('$') || isSystemInclude(pattern)) continue;
      const result = resolveInclude(analysis.project, analysis.path, pattern);
      if (result.files.length > 0 || (result.absolute && !result.folderSeen)) continue;
      findings.push({
        rule: 'nginx/include-not-found',
        range: directive.args[0].range,
        message: isGlob(pattern)
          ? `"${pattern}" matches no file in the workspace`
          : `"${pattern}" is not in the workspace (looked next to this file and the main nginx.conf)`,
      });
    }
    return findings;
  },
};
