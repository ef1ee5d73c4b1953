/**
 * gunicorn/app-target-syntax (command line): the app target written as a file path (`src/main.py:app`). gunicorn
 * imports it by module name, so the worker cannot load the app. GUNICORN_CMD_ARGS has no app target to judge:
 * gunicorn reads only settings from it.
 */
import type { Finding, Fix } from '../../core/findings';
import type { OffsetRange } from '../../core/text';
import type { Rule } from '../../core/rule';
import { pathLikeTarget } from '../../knowledge/gunicorn/appTarget';
import type { CommandLineContext } from '../context';
import { fromEnvironment, shellQuote } from '../words';

export const RULE_ID = 'gunicorn/app-target-syntax';

interface Data {
  rewritten: string;
  folder?: string;
  /** Where the existing `--chdir` value sits, if the command line has one. */
  chdirRange?: OffsetRange;
  chdir?: string;
}

export const appTargetSyntax: Rule<CommandLineContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'An app target written as a file path (`main.py:app`) instead of `module:variable`.',
  check({ site, invocation }) {
    const target = invocation.appTarget;
    if (site.kind !== 'command' || !target || fromEnvironment(target)) return [];
    const path = pathLikeTarget(target.text);
    if (!path) return [];
    const chdir = invocation.options.find((option) => option.setting?.name === 'chdir' && option.value);
    const where = path.folder ? ` with \`--chdir ${path.folder}\`` : '';
    const finding: Finding = {
      rule: RULE_ID,
      range: target.range,
      message: `\`${target.text}\` is a file path; gunicorn imports the app by module name: write \`${path.rewritten}\`${where}.`,
      data: { rewritten: path.rewritten, folder: path.folder, chdir: chdir?.value?.text, chdirRange: chdir?.value?.range } satisfies Data,
    };
    return [finding];
  },
  fixes(finding): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data?.rewritten) return [];
    if (!data.folder) {
      return [
        {
          title: `Write the target as \`${data.rewritten}\``,
          edits: [{ range: finding.range, newText: shellQuote(data.rewritten) }],
          safe: false,
          preferred: true,
        },
      ];
    }
    // An existing --chdir already names the folder gunicorn starts in: the path's folder goes below it.
    if (data.chdirRange && data.chdir !== undefined) {
      const combined = data.chdir.replace(/\/+$/, '') + '/' + data.folder;
      return [
        {
          title: `Write the target as \`${data.rewritten}\` and run from \`${combined}\``,
          edits: [
            { range: data.chdirRange, newText: shellQuote(combined) },
            { range: finding.range, newText: shellQuote(data.rewritten) },
          ],
          safe: false,
          preferred: true,
        },
      ];
    }
    return [
      {
        title: `Write the target as \`${data.rewritten}\` with \`--chdir ${data.folder}\``,
        edits: [{ range: finding.range, newText: `--chdir ${shellQuote(data.folder)} ${shellQuote(data.rewritten)}` }],
        safe: false,
        preferred: true,
      },
    ];
  },
};
