/**
 * The shape of a check. Each check is a module exporting one Rule: its id is the public contract (the same string
 * names its docs page `docs/checks/<id>.md`, its fixtures and its settings key).
 */
import type { Finding, Fix, Severity } from './findings';

export interface RuleMeta {
  /** `domain/slug`, exactly as in spec/checks.md. */
  id: string;
  severity: Severity;
  /** One line, shown in `--explain`, SARIF and the README table. */
  summary: string;
}

export interface Rule<Context> extends RuleMeta {
  check(context: Context): Finding[];
  /** Computed on request from the current text, never cached. */
  fixes?(finding: Finding, context: Context): Fix[];
}

export const DOCS_BASE_URL = 'https://github.com/gunicorn-deploy/gunicorn-deploy/blob/main/docs/checks/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The id of the one channel for failures of the linter itself: never "no problems" when a check could not run. */
export const INTERNAL_ERROR = 'gunicorn-lint/internal-error';

/** An error's message, or any other thrown value as `String()` gives it. */
function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A finding saying that part of the analysis failed (at the start of the file: it concerns the run, not a line). */
export function internalErrorFinding(what: string, error?: unknown): Finding {
  const reason = error === undefined ? '' : `: ${describeError(error)}`;
  return {
    rule: INTERNAL_ERROR,
    severity: 'error',
    range: { start: 0, end: 0 },
    message: `gunicorn-lint could not finish: ${what}${reason}. The findings shown may be incomplete; please report this.`,
  };
}

/**
 * Runs rules, isolating each: one failing rule must not take the others (or the server) down. A rule that throws
 * is reported to `onError` when given, else as an internal-error finding: never silently dropped.
 */
export function runRules<C>(rules: readonly Rule<C>[], context: C, onError?: (rule: string, error: unknown) => void): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      // A loop, not push(...spread): a check may return more findings than a call's argument limit.
      for (const finding of rule.check(context)) findings.push(finding);
    } catch (error) {
      if (onError) onError(rule.id, error);
      else findings.push(internalErrorFinding(`the check ${rule.id} failed`, error));
    }
  }
  return findings;
}

/** The fixes of the rule that produced a finding, with that rule's context; [] when it has none or fails. */
export function fixesForFinding<C>(rules: readonly Rule<C>[], finding: Finding, buildContext: () => C): Fix[] {
  const rule = rules.find((candidate) => candidate.id === finding.rule);
  if (!rule?.fixes) return [];
  try {
    return rule.fixes(finding, buildContext());
  } catch {
    return [];
  }
}

/** The registry entry of a rule: what the README, SARIF and `--explain` show. */
export function metaOf({ id, severity, summary }: RuleMeta): RuleMeta {
  return { id, severity, summary };
}
