/**
 * gunicorn/threads-with-sync: with `threads` above 1 gunicorn quietly swaps the sync worker for gthread. Saying so
 * in the config keeps readers (and the settings that depend on the worker) honest.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { bindingsOf, insertLineAfter, isSyncWorkerName, numberOf, quoteOf, workerClassInUse } from './facts';

export const RULE_ID = 'gunicorn/threads-with-sync';

export const threadsWithSync: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'info',
  summary: '`threads > 1` with the sync worker: gunicorn runs gthread instead.',
  check(context) {
    const worker = workerClassInUse(context.model);
    if (worker === undefined || !isSyncWorkerName(worker)) return [];
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'threads')) {
      if (binding.augmented || binding.value.value.kind !== 'int') continue;
      const threads = numberOf(binding.value.value) ?? 0;
      if (threads <= 1) continue;
      const explicit = bindingsOf(context.model, 'worker_class').at(-1);
      findings.push({
        rule: RULE_ID,
        range: binding.nameRange,
        message: `With \`threads = ${threads}\` gunicorn runs the gthread worker, not sync; say \`worker_class = "gthread"\` so the config reads as it runs.`,
        ...(explicit ? { related: [{ path: context.path, range: explicit.value.range, message: 'the sync worker is named here' }] } : {}),
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const threads = bindingsOf(context.model, 'threads').find((b) => b.nameRange.start === finding.range.start);
    if (!threads) return [];
    const explicit = bindingsOf(context.model, 'worker_class').at(-1);
    const edit =
      explicit && explicit.value.value.kind === 'string'
        ? (() => {
            const quote = quoteOf(context.text.slice(explicit.value.range.start, explicit.value.range.end));
            return { range: explicit.value.range, newText: `${quote}gthread${quote}` };
          })()
        : insertLineAfter(context.text, threads.statementRange.start, threads.statementRange.end, 'worker_class = "gthread"');
    return [{ title: 'Set `worker_class = "gthread"`', edits: [edit], safe: false, preferred: true }];
  },
};
