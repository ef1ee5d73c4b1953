/**
 * The `-k`/`--worker-class` values of a command line, and the shape both worker-class checks share: each value is
 * judged by a verdict from knowledge/gunicorn/workerClassVerdict.ts (the same one gunicorn.conf.py is judged by),
 * and the fix writes the verdict's replacement back into the word.
 */
import type { Finding, Fix } from '../core/findings';
import type { Rule, RuleMeta } from '../core/rule';
import type { OffsetRange } from '../core/text';
import { settingAvailability } from '../knowledge/gunicorn/index';
import type { WorkerClassVerdict } from '../knowledge/gunicorn/workerClassVerdict';
import type { CommandLineContext } from './context';
import type { GunicornInvocation } from './invocation';
import { fromEnvironment, shellQuote, type CommandWord } from './words';

export interface WorkerClassValue {
  word: CommandWord;
  /** Where to report: the value, or the whole `"--worker-class=..."` word when the value's own range is not exact. */
  range: OffsetRange;
  /** `range` is exactly the value's source text, so replacing it rewrites only the value. */
  rewritable: boolean;
}

/**
 * The `-k` values worth judging. Skipped: values the environment supplies (`$WORKER_CLASS`, `${X:-sync}`, and
 * systemd words already expanded from a variable); words whose source is longer than their text (escapes: the
 * value's characters cannot be placed); and flags the version lacks, which unknown-option reports.
 */
export function workerClassValues(invocation: GunicornInvocation, version: string): WorkerClassValue[] {
  const values: WorkerClassValue[] = [];
  for (const option of invocation.options) {
    const word = option.value;
    if (option.setting?.name !== 'worker_class' || !word || fromEnvironment(word)) continue;
    if (settingAvailability(option.setting, version) !== 'available') continue;
    const length = word.range.end - word.range.start;
    if (!word.quoted && length !== word.text.length) continue;
    // `"--worker-class=gevnt"`: the value's start inside a quoted word is not exact (words.ts subWord), so the
    // finding covers the whole word and offers no fix rather than a wrong edit.
    if (option.inline && word.quoted) values.push({ word, range: { start: option.flagRange.start, end: word.range.end }, rewritable: false });
    else values.push({ word, range: word.range, rewritable: true });
  }
  return values;
}

interface Data {
  replacement?: string;
}

/** A command-line check of worker-class values: its verdict, and the title of the fix that applies the replacement. */
export function workerClassRule(
  meta: RuleMeta,
  verdict: (name: string, version: string) => WorkerClassVerdict | undefined,
  fixTitle: (replacement: string) => string,
): Rule<CommandLineContext> {
  return {
    ...meta,
    check({ invocation, version }) {
      const findings: Finding[] = [];
      for (const { word, range, rewritable } of workerClassValues(invocation, version)) {
        const found = verdict(word.text, version);
        if (!found) continue;
        const data: Data = rewritable ? { replacement: found.replacement } : {};
        findings.push({ rule: meta.id, range, message: found.message, data });
      }
      return findings;
    },
    fixes(finding): Fix[] {
      const replacement = (finding.data as Data | undefined)?.replacement;
      if (!replacement) return [];
      return [{ title: fixTitle(replacement), edits: [{ range: finding.range, newText: shellQuote(replacement) }], safe: false, preferred: true }];
    },
  };
}
