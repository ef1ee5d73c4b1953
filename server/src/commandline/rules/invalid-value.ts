/**
 * gunicorn/invalid-value (command line): a flag without the value it needs, or a value the setting's validator in
 * gunicorn/config.py refuses. Both stop gunicorn before it serves anything.
 */
import type { Finding } from '../../core/findings';
import type { Rule } from '../../core/rule';
import { settingAvailability } from '../../knowledge/gunicorn/index';
import { validateCliValue } from '../../knowledge/gunicorn/validators';
import type { CommandLineContext } from '../context';
import { fromEnvironment } from '../words';

export const RULE_ID = 'gunicorn/invalid-value';

export const invalidValue: Rule<CommandLineContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'A flag without its value, or a value gunicorn refuses: wrong type, negative count, unknown level, bad address.',
  check({ invocation, version }) {
    const findings: Finding[] = [];
    for (const option of invocation.options) {
      const setting = option.setting;
      // A flag the version does not have is unknown-option's finding; its value is beside the point.
      if (setting && settingAvailability(setting, version) !== 'available') continue;
      if (option.missingValue) {
        findings.push({ rule: RULE_ID, range: option.flagRange, message: `\`${option.written}\` needs a value; gunicorn exits with a usage error.` });
        continue;
      }
      // A variable the environment fills in at start-up (`-w $WORKERS`, `--bind 0.0.0.0:$PORT`) is not ours to judge.
      if (!setting || !option.value || fromEnvironment(option.value)) continue;
      const problem = validateCliValue(setting, option.value.text, version);
      if (problem) {
        findings.push({ rule: RULE_ID, range: option.value.range, message: problem.message, ...(problem.severity ? { severity: problem.severity } : {}) });
      }
    }
    return findings;
  },
};
