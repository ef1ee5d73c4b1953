/**
 * gunicorn/unknown-worker-class: `worker_class` takes a short name gunicorn ships (`sync`, `gthread`, `gevent`...)
 * or a dotted path to a class. Anything else fails when the arbiter loads the worker class, after the config
 * itself was accepted, so `--check-config` passes and the real start fails.
 */
import type { Finding, Fix } from '../../../core/findings';
import { nearest } from '../../../core/nearest';
import type { Rule } from '../../../core/rule';
import { isWorkerAvailable, WORKER_CLASSES, workerClassNamed } from '../../../knowledge/gunicorn/index';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, quoteOf } from './facts';

export const RULE_ID = 'gunicorn/unknown-worker-class';

const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

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
      const name = binding.value.value.value.trim();
      const known = workerClassNamed(name);
      if (known) {
        if (known.builtin && !isWorkerAvailable(known, context.version)) {
          const why = known.removed ? `removed in ${known.removed}` : `added in ${known.added ?? 'a later release'}`;
          const replacement = suggestion(name, context.version);
          findings.push({
            rule: RULE_ID,
            range: binding.value.range,
            message: `The \`${name}\` worker is not in gunicorn ${context.version} (${why}).`,
            data: { replacement } satisfies Data,
          });
        }
        continue;
      }
      if (DOTTED_PATH.test(name) || name.startsWith('egg:')) continue;
      const replacement = suggestion(name, context.version);
      findings.push({
        rule: RULE_ID,
        range: binding.value.range,
        message:
          `\`${name}\` is not a gunicorn worker class: use a built-in name (${builtinNames(context.version).join(', ')}) or a dotted path to a class` +
          (replacement ? `; did you mean \`${replacement}\`?` : '.'),
        data: { replacement } satisfies Data,
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

function builtinNames(version: string): string[] {
  return WORKER_CLASSES.filter((worker) => worker.builtin && isWorkerAvailable(worker, version)).map((worker) => worker.name);
}

function suggestion(name: string, version: string): string | undefined {
  const candidates = builtinNames(version).filter((candidate) => candidate !== name);
  return nearest(name, candidates, Math.max(2, Math.floor(name.length / 3)));
}
