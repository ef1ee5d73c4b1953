/**
 * systemd unit support: `.service`, `.socket`, `.target`, `.timer` units and their drop-ins (`NAME.service.d/*.conf`).
 * The language id is the one the most installed systemd extension for VS Code uses (`systemd-unit-file`), so
 * both can be installed together.
 */
import type { FormatSupport } from '../../core/format';
import type { Finding, Fix } from '../../core/findings';
import { fixesForFinding, metaOf, runRules, type RuleMeta } from '../../core/rule';
import { buildContext } from './context';
import type { UnitDocument } from './document';
import { complete } from './completion';
import { hover } from './hover';
import { definition, links } from './links';
import { folding, symbols } from './outline';
import { parseUnit } from './parser';
import { SYSTEMD_RULES } from './rules';
import { isUnitPath } from './unitPath';
import { gunicornVersion, invocationFindingFixes, invocationFindings, isInvocationRule } from './gunicornCommand';

export type { UnitDocument, UnitEntry, UnitSection } from './document';
export { parseUnit } from './parser';
export { unitFacts, type UnitFacts } from './facts';

export const SYSTEMD_LANGUAGE_ID = 'systemd-unit-file';

export const systemdRules: RuleMeta[] = SYSTEMD_RULES.map(metaOf);

export const systemdFormat: FormatSupport<UnitDocument> = {
  language: SYSTEMD_LANGUAGE_ID,
  matches: (path) => isUnitPath(path),
  parse: (text, path) => parseUnit(text, path),
  check(context): Finding[] {
    const systemdContext = buildContext(context);
    const findings = runRules(SYSTEMD_RULES, systemdContext);
    // The gunicorn command line's own problems (unknown option, bad value, app target), at the flag in the unit.
    const gunicorn = systemdContext.facts.gunicorn;
    if (gunicorn && gunicorn.path === context.path) {
      findings.push(...invocationFindings(gunicorn.invocation, gunicornVersion(context.project, context.path)));
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    if (isInvocationRule(finding.rule)) return invocationFindingFixes(finding);
    return fixesForFinding(SYSTEMD_RULES, finding, () => buildContext(context));
  },
  hover,
  complete,
  symbols,
  folding,
  links,
  definition,
};
