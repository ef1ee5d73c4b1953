/** Every file format the service knows, in the order they claim files, and every check's metadata. */
import type { FormatSupport } from '../core/format';
import type { RuleMeta } from '../core/rule';
import { compareStrings } from '../core/text';
import { gunicornFormat, gunicornRules } from '../formats/gunicorn';
import { nginxFormat, nginxRules } from '../formats/nginx';
import { systemdFormat, systemdRules } from '../formats/systemd';

export const FORMATS: readonly FormatSupport<any>[] = [gunicornFormat, nginxFormat, systemdFormat];

/** Findings the service makes itself, about the file rather than its content. */
export const SERVICE_RULES: readonly RuleMeta[] = [
  { id: 'gunicorn-lint/file-too-large', severity: 'info', summary: 'a file over the size cap is not analysed' },
];

/** Built once: every finding looks its rule up here. */
const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(
  [...gunicornRules, ...nginxRules, ...systemdRules, ...SERVICE_RULES]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((rule) => [rule.id, rule]),
);

export function allRules(): RuleMeta[] {
  return [...RULES_BY_ID.values()];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return RULES_BY_ID.get(id);
}
