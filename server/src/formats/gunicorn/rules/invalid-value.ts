/**
 * gunicorn/invalid-value: a literal that the setting's validator in gunicorn/config.py refuses. gunicorn runs the
 * validators while it loads the config file, so such a value stops it before it serves anything.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { settingNamed } from '../../../knowledge/gunicorn/index';
import { availability as settingAvailability } from '../../../knowledge/gunicorn/availability';
import type { GunicornCheckContext } from '../context';
import { validateSettingValue } from '../validate';
import { bindings } from './facts';

export const RULE_ID = 'gunicorn/invalid-value';

export const invalidValue: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'A literal value that gunicorn refuses when it loads the config: wrong type, negative count, unknown level, bad address, non-callable hook.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindings(context.model)) {
      if (binding.augmented || binding.definition) continue;
      const setting = settingNamed(binding.name);
      if (!setting || setting.name !== binding.name) continue;
      if (settingAvailability(setting, context.version) !== 'available') continue;
      const value = binding.value.value;
      // Environment and computed values are not known here; functions are hook-signature's business.
      if (value.kind === 'env' || value.kind === 'unknown' || value.kind === 'function') continue;
      // The validators changed between releases: judge the value as the gunicorn in use would.
      const problem = validateSettingValue(setting, value, context.version);
      if (!problem) continue;
      findings.push({
        rule: RULE_ID,
        range: binding.value.range,
        message: problem.message,
        ...(problem.severity ? { severity: problem.severity } : {}),
      });
    }
    return findings;
  },
};
