/**
 * gunicorn/deprecated-uvicorn-worker (command line): `-k uvicorn.workers.UvicornWorker`. Judged as in
 * gunicorn.conf.py (knowledge/gunicorn/workerClassVerdict.ts); the values are found as for unknown-worker-class.
 */
import type { Finding, Fix } from '../../core/findings';
import type { Rule } from '../../core/rule';
import { deprecatedUvicornWorkerVerdict } from '../../knowledge/gunicorn/workerClassVerdict';
import type { CommandLineContext } from '../context';
import { shellQuote } from '../words';
import { workerClassValues } from './unknown-worker-class';

export const RULE_ID = 'gunicorn/deprecated-uvicorn-worker';

interface Data {
  replacement?: string;
}

export const deprecatedUvicornWorker: Rule<CommandLineContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: '`uvicorn.workers.UvicornWorker` is deprecated; the worker moved to the `uvicorn-worker` package.',
  check({ invocation, version }) {
    const findings: Finding[] = [];
    for (const { word, range, rewritable } of workerClassValues(invocation, version)) {
      const verdict = deprecatedUvicornWorkerVerdict(word.text);
      if (!verdict) continue;
      const data: Data = rewritable ? { replacement: verdict.replacement } : {};
      findings.push({ rule: RULE_ID, range, message: verdict.message, data });
    }
    return findings;
  },
  fixes(finding): Fix[] {
    const replacement = (finding.data as Data | undefined)?.replacement;
    if (!replacement) return [];
    return [{
      title: `Use \`${replacement}\` (needs the uvicorn-worker package)`,
      edits: [{ range: finding.range, newText: shellQuote(replacement) }],
      safe: false,
      preferred: true,
    }];
  },
};
