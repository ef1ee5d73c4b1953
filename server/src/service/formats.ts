/** Every file format the service knows, in the order they claim files, and every check's metadata. */
import { commandLineRules } from '../commandline/support';
import type { FormatSupport } from '../core/format';
import type { RuleMeta } from '../core/rule';
import { compareStrings } from '../core/text';
import { gunicornFormat, gunicornRules } from '../formats/gunicorn';
import { nginxFormat, nginxRules } from '../formats/nginx';
import { dockerfileFormat, dockerfileRules } from '../formats/dockerfile';
import { composeFormat } from '../formats/compose';
import { kubernetesFormat } from '../formats/kubernetes';
import { procfileFormat } from '../formats/procfile';
import { shellScriptFormat } from '../formats/shellscript';
import { supervisordFormat } from '../formats/supervisord';
import { systemdFormat, systemdRules } from '../formats/systemd';
import { deploymentRules } from '../deployment/index';

export const FORMATS: readonly FormatSupport<unknown>[] = [
  gunicornFormat,
  // Before nginx: a `conf.d/*.conf` with a `[program:x]` section is supervisord's, whatever nginx's name rule says.
  supervisordFormat,
  nginxFormat,
  systemdFormat,
  procfileFormat,
  dockerfileFormat,
  composeFormat,
  kubernetesFormat,
  // Last: a `.sh` is claimed only when its first bytes start gunicorn.
  shellScriptFormat,
];

/** Findings the service makes itself, about the file rather than its content. */
export const SERVICE_RULES: readonly RuleMeta[] = [
  { id: 'gunicorn-lint/file-too-large', severity: 'info', summary: 'a file over the size cap is not analysed' },
  {
    id: 'gunicorn-lint/internal-error',
    severity: 'error',
    summary: 'part of the analysis failed (a parser that did not load, a check that threw): the findings may be incomplete',
  },
];

/** Built once: every finding looks its rule up here. */
const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(
  // For an id both have (invalid-value, app-target-syntax), the config rule's entry is listed: the later one wins.
  [...deploymentRules, ...commandLineRules, ...gunicornRules, ...nginxRules, ...systemdRules, ...dockerfileRules, ...SERVICE_RULES]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((rule) => [rule.id, rule]),
);

export function allRules(): RuleMeta[] {
  return [...RULES_BY_ID.values()];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULES_BY_ID.get(id);
}
