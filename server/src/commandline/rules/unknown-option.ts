/**
 * gunicorn/unknown-option (command line): a flag gunicorn's argparse does not know, an ambiguous prefix, or a flag
 * the gunicorn in use does not have yet (or no longer). argparse stops with a usage error before anything starts.
 */
import type { Finding, Fix } from '../../core/findings';
import type { Rule } from '../../core/rule';
import { settingAvailability } from '../../knowledge/gunicorn/index';
import type { CommandLineContext } from '../context';

export const RULE_ID = 'gunicorn/unknown-option';

interface Data {
  /** The flag the misspelling most likely meant. */
  replacement?: string;
}

export const unknownOption: Rule<CommandLineContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'a command-line flag gunicorn does not have',
  check({ invocation, version }) {
    const findings: Finding[] = [];
    for (const unknown of invocation.unknown) {
      const what = unknown.ambiguous ? `is ambiguous (it could be ${unknown.ambiguous.map((f) => `\`${f}\``).join(', ')})` : 'is not a gunicorn option';
      const hint = unknown.suggestion ? ` Did you mean \`${unknown.suggestion}\`?` : '';
      findings.push({
        rule: RULE_ID,
        range: unknown.flagRange,
        message: `\`${unknown.flag}\` ${what}: gunicorn exits with a usage error.${hint}`,
        data: { replacement: unknown.suggestion } satisfies Data,
      });
    }
    for (const option of invocation.options) {
      const setting = option.setting;
      if (!setting) continue;
      const availability = settingAvailability(setting, version);
      if (availability === 'available') continue;
      const why = availability === 'removed' ? `was removed in gunicorn ${setting.removed}` : `arrived in gunicorn ${setting.added}`;
      findings.push({
        rule: RULE_ID,
        range: option.flagRange,
        message: `\`${option.written}\` ${why}; gunicorn ${version} exits with a usage error.`,
        data: {} satisfies Data,
      });
    }
    return findings;
  },
  fixes(finding): Fix[] {
    const replacement = (finding.data as Data | undefined)?.replacement;
    if (!replacement) return [];
    return [{ title: `Replace with \`${replacement}\``, edits: [{ range: finding.range, newText: replacement }], safe: false, preferred: true }];
  },
};
