/**
 * gunicorn/reload-in-production: `reload` watches every imported file and restarts workers on change. It is a
 * development convenience; in production it costs CPU (polling) and restarts workers whenever a deploy touches
 * files. Accepted without a word inside an if-arm whose condition is about development or debugging.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import type { BranchStep } from '../model';
import { bindingsOf, isTrue } from './facts';

export const RULE_ID = 'gunicorn/reload-in-production';

const DEVELOPMENT = /dev|debug|local/i;
const NEGATED = /^\s*not\b|!=|\bis\s+not\b/;

export function isDevelopmentArm(step: BranchStep): boolean {
  return step.kind === 'if' && DEVELOPMENT.test(step.condition) && !NEGATED.test(step.condition) && step.condition.trim() !== 'else';
}

export const reloadInProduction: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'info',
  summary: '`reload = True` outside a development branch of the config.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'reload')) {
      if (binding.augmented || !isTrue(binding.value.value)) continue;
      if (binding.branch.some(isDevelopmentArm)) continue;
      findings.push({
        rule: RULE_ID,
        range: binding.nameRange,
        message:
          '`reload = True` applies to every environment this config runs in; keep it under a development condition (`if os.environ.get("ENV") == "dev":`).',
      });
    }
    return findings;
  },
};
