/**
 * gunicorn/duplicate-setting: the config file is run top to bottom and the last value wins, so a setting assigned
 * twice on the same path makes the first assignment dead. Often the second one was pasted in from another
 * config and nobody noticed the first. Alternatives (if/else arms) and a later override inside an if-arm are
 * deliberate and not reported.
 */
import type { Finding } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import { LineIndex } from '../../../core/text';
import { settingNamed } from '../../../knowledge/gunicorn/index';
import type { GunicornCheckContext } from '../context';
import { bindings, canRunTogether, runsWheneverEarlierRuns, type Binding } from './facts';

export const RULE_ID = 'gunicorn/duplicate-setting';

export const duplicateSetting: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A setting assigned twice on the same path through the config: the first value is never used.',
  check(context) {
    const findings: Finding[] = [];
    let lines: LineIndex | undefined; // built on the first finding only: most configs have none
    const byName = new Map<string, Binding[]>();
    for (const binding of bindings(context.model)) {
      if (binding.augmented) continue;
      const setting = settingNamed(binding.name);
      if (!setting || setting.name !== binding.name) continue;
      const earlier = byName.get(binding.name) ?? [];
      // The nearest earlier binding that this one always overwrites.
      const overwritten = [...earlier].reverse().find((first) => canRunTogether(first, binding) && runsWheneverEarlierRuns(binding, first));
      if (overwritten) {
        lines ??= new LineIndex(context.text);
        const line = lines.positionAt(overwritten.nameRange.start).line + 1;
        findings.push({
          rule: RULE_ID,
          range: binding.nameRange,
          message: `\`${binding.name}\` is already set on line ${line}; this assignment replaces it, so the first value is never used.`,
          related: [{ path: context.path, range: overwritten.nameRange, message: `first assignment of \`${binding.name}\`` }],
        });
      }
      earlier.push(binding);
      byName.set(binding.name, earlier);
    }
    return findings;
  },
};
