/**
 * gunicorn/unknown-worker-class: `worker_class` takes a short name gunicorn ships (`sync`, `gthread`, `gevent`...)
 * or a dotted path to a class. Anything else fails when the arbiter loads the worker class, after the config
 * itself was accepted, so `--check-config` passes and the real start fails. The judgement is shared with the
 * command-line check of `-k` (knowledge/gunicorn/workerClassVerdict.ts).
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { unknownWorkerClassVerdict } from '../../../knowledge/gunicorn/workerClassVerdict';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, quoteOf } from './facts';

export const RULE_ID = 'gunicorn/unknown-worker-class';

interface Data {
  replacement?: string;
}

export const unknownWorkerClass: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'A `worker_class` that is neither a worker gunicorn ships nor a dotted path to a class.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'worker_class')) {
      if (binding.augmented || binding.value.value.kind !== 'string') continue;
      const verdict = unknownWorkerClassVerdict(binding.value.value.value, context.version);
      if (!verdict) continue;
      findings.push({
        rule: RULE_ID,
        range: binding.value.range,
        message: verdict.message,
        data: { replacement: verdict.replacement } satisfies Data,
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data?.replacement) return [];
    const quote = quoteOf(context.text.slice(finding.range.start, finding.range.end));
    return [
      {
        title: `Use the \`${data.replacement}\` worker`,
        edits: [{ range: finding.range, newText: `${quote}${data.replacement}${quote}` }],
        safe: false,
        preferred: true,
      },
    ];
  },
};
