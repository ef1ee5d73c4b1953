/**
 * gunicorn/app-target-syntax (config side): `wsgi_app` written as a file path instead of `module:variable`.
 * gunicorn imports it by module name, so the worker fails to load the app and the server never serves.
 * Command-line targets are checked by the command-line parser.
 */
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { GunicornCheckContext } from '../context';
import { pathLikeTarget } from '../../../knowledge/gunicorn/appTarget';
import { bindingsOf, insertLineAfter, quoteOf } from './facts';

export const RULE_ID = 'gunicorn/app-target-syntax';

interface Data {
  rewritten: string;
  folder?: string;
}

export const appTargetSyntax: Rule<GunicornCheckContext> = {
  id: RULE_ID,
  severity: 'error',
  summary: 'An app target written as a file path (`main.py:app`) instead of `module:variable`.',
  check(context) {
    const findings: Finding[] = [];
    for (const binding of bindingsOf(context.model, 'wsgi_app')) {
      if (binding.augmented || binding.value.value.kind !== 'string') continue;
      const target = binding.value.value.value;
      const path = pathLikeTarget(target);
      if (!path) continue;
      const where = path.folder ? ` run from \`${path.folder}\` (\`chdir = "${path.folder}"\`)` : '';
      findings.push({
        rule: RULE_ID,
        range: binding.value.range,
        message: `\`${target}\` is a file path; gunicorn imports the app by module name: write \`${path.rewritten}\`${where}.`,
        data: { rewritten: path.rewritten, folder: path.folder } satisfies Data,
      });
    }
    return findings;
  },
  fixes(finding, context): Fix[] {
    const data = finding.data as Data | undefined;
    if (!data) return [];
    const quote = quoteOf(context.text.slice(finding.range.start, finding.range.end));
    const edits = [{ range: finding.range, newText: `${quote}${data.rewritten}${quote}` }];
    if (data.folder) {
      // An existing chdir would have to be merged by hand: no fix then.
      if (bindingsOf(context.model, 'chdir').length > 0) return [];
      const binding = bindingsOf(context.model, 'wsgi_app').find((b) => b.value.range.start === finding.range.start);
      if (!binding) return [];
      edits.push(insertLineAfter(context.text, binding.statementRange.start, binding.statementRange.end, `chdir = ${quote}${data.folder}${quote}`));
    }
    return [{ title: `Write the target as \`${data.rewritten}\``, edits, safe: false, preferred: true }];
  },
};
