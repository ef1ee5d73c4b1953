/**
 * gunicorn/deprecated-uvicorn-worker: uvicorn's own `uvicorn.workers` module is deprecated (uvicorn 0.30) in favour
 * of the separate `uvicorn-worker` package, and warns at every start. The class names stay the same.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { workerClassNamed } from '../../../knowledge/gunicorn/index';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, quoteOf } from './facts';

export const RULE_ID = 'gunicorn/deprecated-uvicorn-worker';

const REPLACEMENTS: Record<string, string> = {
  'uvicorn.workers.UvicornWorker': 'uvicorn_worker.UvicornWorker',
  'uvicorn.workers.UvicornH11Worker': 'uvicorn_worker.UvicornH11Worker',
};

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
      const name = binding.value.value.value.trim();
      if (!(name in REPLACEMENTS)) continue;
      const replacement = workerClassNamed(name)?.deprecated?.replacement ?? REPLACEMENTS[name];
      findings.push({
        rule: RULE_ID,
        range: binding.value.range,
        message: `\`${name}\` is deprecated in uvicorn; install the \`uvicorn-worker\` package and use \`${replacement}\`.`,
        data: { replacement } satisfies Data,
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
