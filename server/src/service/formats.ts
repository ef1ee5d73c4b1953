/** Every file format the service knows, in the order they claim files, and every check's metadata. */
import type { FormatSupport } from '../core/format';
import type { RuleMeta } from '../core/rule';
import { gunicornFormat, gunicornRules } from '../formats/gunicorn';
import { nginxFormat, nginxRules } from '../formats/nginx';
import { systemdFormat, systemdRules } from '../formats/systemd';

export const FORMATS: readonly FormatSupport<any>[] = [gunicornFormat, nginxFormat, systemdFormat];

/** Findings the service makes itself, about the file rather than its content. */
export const SERVICE_RULES: readonly RuleMeta[] = [
  { id: 'gunicorn-lint/file-too-large', severity: 'info', summary: 'a file over the size cap is not analysed' },
];

export function allRules(): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const rule of [...gunicornRules, ...nginxRules, ...systemdRules, ...SERVICE_RULES]) byId.set(rule.id, rule);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRules().find((rule) => rule.id === id);
}
