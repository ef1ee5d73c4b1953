/**
 * gunicorn/deprecated-uvicorn-worker: uvicorn's own `uvicorn.workers` module is deprecated (uvicorn 0.30) in favour
 * of the separate `uvicorn-worker` package, and warns at every start. The class names stay the same. The judgement
 * is shared with the command-line check of `-k` (knowledge/gunicorn/workerClassVerdict.ts).
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { deprecatedUvicornWorkerVerdict } from '../../../knowledge/gunicorn/workerClassVerdict';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, quoteOf } from './facts';

export const RULE_ID = 'gunicorn/deprecated-uvicorn-worker';

interface Data {
  replacement: string;
}

export const deprecatedUvicornWorker: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`uvicorn.workers.UvicornWorker` is deprecated; the worker moved to the `uvicorn-worker` package.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'worker_class')) {
      if (binding.augmented || binding.value.value.kind !== 'string') continue;
      const verdict = deprecatedUvicornWorkerVerdict(binding.value.value.value);
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
    if (!data) return [];
    const quote = quoteOf(context.text.slice(finding.range.start, finding.range.end));
    return [
      {
        title: `Use \`${data.replacement}\` (needs the uvicorn-worker package)`,
        edits: [{ range: finding.range, newText: `${quote}${data.replacement}${quote}` }],
        safe: false,
        preferred: true,
      },
    ];
  },
};
