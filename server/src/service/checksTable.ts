/** The README's table of checks, generated from the registry (a test keeps the README equal to it). */
import { docsUrl } from '../core/rule';
import { allRules } from './formats';

const SEVERITY_LETTER = { error: 'E', warning: 'W', info: 'I' } as const;

export function checksTableMarkdown(): string {
  const rows = allRules().map((rule) => {
    const relativeDocs = docsUrl(rule.id).replace(/^.*\/docs\/checks\//, 'docs/checks/');
    return `| [\`${rule.id}\`](${relativeDocs}) | ${SEVERITY_LETTER[rule.severity]} | ${sentence(rule.summary).replace(/\|/g, '\\|')} |`;
  });
  return ['| check | severity | what it finds |', '|---|---|---|', ...rows].join('\n');
}

/** Summaries read as table cells: a capital first letter, no closing full stop. */
function sentence(summary: string): string {
  const trimmed = summary.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
