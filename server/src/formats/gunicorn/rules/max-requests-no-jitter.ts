/**
 * gunicorn/max-requests-no-jitter: `max_requests` restarts a worker after that many requests. Workers started
 * together get similar traffic, so without jitter they all restart at about the same moment and capacity drops.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, floorDiv, insertLineAfter, numberOf } from './facts';

export const RULE_ID = 'gunicorn/max-requests-no-jitter';

interface Data {
  jitter: number;
}

export const maxRequestsNoJitter: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'info',
  summary: '`max_requests` without `max_requests_jitter`: all workers recycle at once.',
  check(context) {
    if (bindingsOf(context.model, 'max_requests_jitter').length > 0) return [];
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'max_requests')) {
      if (binding.augmented || binding.value.value.kind !== 'int') continue;
      const limit = numberOf(binding.value.value);
      if (limit === undefined || limit <= 0) continue;
      const jitter = Math.max(1, floorDiv(limit, 10));
      findings.push({
        rule: RULE_ID,
        range: binding.nameRange,
        message: `\`max_requests\` without \`max_requests_jitter\`: workers restart in step; add some jitter (\`max_requests_jitter = ${jitter}\`).`,
        data: { jitter } satisfies Data,
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const data = finding.data as Data | undefined;
    const binding = bindingsOf(context.model, 'max_requests').find((b) => b.nameRange.start === finding.range.start);
    if (!data || !binding) return [];
    return [
      {
        title: `Add \`max_requests_jitter = ${data.jitter}\``,
        edits: [insertLineAfter(context.text, binding.statementRange.start, binding.statementRange.end, `max_requests_jitter = ${data.jitter}`)],
        safe: true,
        preferred: true,
      },
    ];
  },
};
