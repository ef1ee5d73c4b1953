/** nginx/unknown-directive: a name no module of the selected nginx knows (third-party modules excepted). */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { nearest } from '../../../core/nearest';
import { debianBuild, directiveNames, isOldVersion, versionNote } from '../../../knowledge/nginx/directives';
import { isNginxOwnForm, isThirdPartyDirective } from '../../../knowledge/nginx/thirdParty';
import { entriesOf, type NginxAnalysis } from '../analysis';

export const unknownDirectiveRule: Rule<NginxAnalysis> = {
  id: 'nginx/unknown-directive',
  severity: 'error',
  summary: 'A directive that no module of a stock nginx build knows',
  check(analysis) {
    const findings: Finding[] = [];
    const names = directiveNames(analysis.version);
    const old = isOldVersion(analysis.version);
    for (const directive of analysis.all) {
      if (analysis.contexts.freeform.has(directive)) continue;
      const entries = entriesOf(analysis, directive);
      const range = directive.nameToken.range;
      if (entries.length > 0) {
        // Debian builds stream, mail and a few http modules as loadable modules: a complete config needs load_module.
        if (
          old &&
          !analysis.loadsUnknownModule &&
          analysis.contexts.top === 'main' &&
          analysis.contexts.of.get(directive) === 'main' &&
          entries.every((e) => debianBuild(e.module) === 'dynamic' && !analysis.loadedModules.has(e.module))
        ) {
          findings.push({
            rule: 'nginx/unknown-directive',
            range,
            message: `unknown directive "${directive.name}": Debian builds ${entries[0].module} as a dynamic module, add "load_module modules/${entries[0].module.replace(/^ngx_(stream|mail)_core_module$/, 'ngx_$1_module')}.so;" first`,
          });
        }
        if (old && entries.every((e) => debianBuild(e.module) === 'absent')) {
          findings.push({
            rule: 'nginx/unknown-directive',
            range,
            message: `unknown directive "${directive.name}": ${entries[0].module} is not part of Debian's nginx build`,
          });
        }
        continue;
      }
      // Only a module we do not know may bring directives we do not know.
      if (analysis.loadsUnknownModule) continue;
      if (isThirdPartyDirective(directive.name) && !isNginxOwnForm(directive.name, directive.args[0]?.value)) continue;
      const note = versionNote(directive.name, analysis.version);
      const suggestion = note ? undefined : nearest(directive.name, names);
      findings.push({
        rule: 'nginx/unknown-directive',
        range,
        message: `unknown directive "${directive.name}"` + (note ? `: ${note}` : suggestion ? `; did you mean "${suggestion}"?` : ''),
        data: suggestion ? { suggestion } : undefined,
      });
    }
    return findings;
  },
  fixes(finding) {
    const suggestion = (finding.data as { suggestion?: string } | undefined)?.suggestion;
    if (!suggestion) return [];
    return [{ title: `Change to "${suggestion}"`, edits: [{ range: finding.range, newText: suggestion }], safe: false, preferred: true }];
  },
};
