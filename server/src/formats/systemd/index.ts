/**
 * systemd unit support: `.service`, `.socket`, `.target`, `.timer` units and their drop-ins (`NAME.service.d/*.conf`).
 * The language id is the one the most installed systemd extension for VS Code uses (`systemd-unit-file`), so
 * both can be installed together.
 */
import { checkSites, siteFixes } from '../../commandline/support';
import type { FormatSupport } from '../../core/format';
import type { Finding, Fix } from '../../core/findings';
import { fixesForFinding, metaOf, runRules, type RuleMeta } from '../../core/rule';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import { commandSites } from './commandSites';
import { buildContext } from './context';
import type { UnitDocument } from './document';
import { complete } from './completion';
import { hover } from './hover';
import { definition, links } from './links';
import { folding, symbols } from './outline';
import { parseUnit } from './parser';
import { SYSTEMD_RULES } from './rules';
import { isUnitPath } from './unitPath';

export type { UnitDocument, UnitEntry, UnitSection } from './document';
export { parseUnit } from './parser';
export { unitFacts, type UnitFacts, type GunicornCmdArgsFact } from './facts';

export const SYSTEMD_LANGUAGE_ID = 'systemd-unit-file';

export const systemdRules: RuleMeta[] = SYSTEMD_RULES.map(metaOf);

export const systemdFormat: FormatSupport<UnitDocument> = {
  language: SYSTEMD_LANGUAGE_ID,
  matches: (path) => isUnitPath(path),
  parse: (text, path) => parseUnit(text, path),
  // The unit's own rules, then the command-line checks on the gunicorn command lines it holds.
  check(context): Finding[] {
    const systemdContext = buildContext(context);
    return [...runRules(SYSTEMD_RULES, systemdContext), ...checkSites(commandSites(systemdContext), gunicornVersionOf(context.project, context.path))];
  },
  fixes(finding, context): Fix[] {
    const systemdContext = buildContext(context);
    return [
      ...fixesForFinding(SYSTEMD_RULES, finding, () => systemdContext),
      ...siteFixes(finding, commandSites(systemdContext), gunicornVersionOf(context.project, context.path)),
    ];
  },
  hover,
  complete,
  symbols,
  folding,
  links,
  definition,
};
