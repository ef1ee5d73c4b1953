/**
 * The bridge to the shared gunicorn command-line reader (formats/gunicorn/commandLine.ts): systemd splits the
 * command itself (its quoting differs from a shell's), then hands the words over. Everything the systemd checks
 * need from a gunicorn invocation goes through these few functions.
 */
import type { Project } from '../../core/format';
import type { Finding, Fix } from '../../core/findings';
import { checkInvocation, findGunicornStart, invocationFixes, parseGunicornArgs, type GunicornInvocation, type GunicornOption } from '../gunicorn/commandLine';
import { gunicornVersionFor } from '../gunicorn/version';
import { NEWEST_GUNICORN } from '../../knowledge/gunicorn/index';

export { findGunicornStart, parseGunicornArgs, type GunicornInvocation, type GunicornOption };

/** The last option that sets a gunicorn setting (the command line's last word wins, as in argparse). */
export function optionValue(invocation: GunicornInvocation, setting: string): GunicornOption | undefined {
  for (let i = invocation.options.length - 1; i >= 0; i--) if (invocation.options[i].setting?.name === setting) return invocation.options[i];
  return undefined;
}

export function gunicornVersion(project: Project | undefined, path: string): string {
  if (!project) return NEWEST_GUNICORN;
  try {
    return gunicornVersionFor(project, path).version;
  } catch {
    return NEWEST_GUNICORN;
  }
}

/** Command-line findings (unknown option, invalid value, app target syntax), reported inside the unit. */
export function invocationFindings(invocation: GunicornInvocation, version: string): Finding[] {
  try {
    return checkInvocation(invocation, version);
  } catch {
    return [];
  }
}

export function invocationFindingFixes(finding: Finding): Fix[] {
  try {
    return invocationFixes(finding);
  } catch {
    return [];
  }
}

const INVOCATION_RULES = new Set(['gunicorn/unknown-option', 'gunicorn/invalid-value', 'gunicorn/app-target-syntax']);
export function isInvocationRule(rule: string): boolean {
  return INVOCATION_RULES.has(rule);
}
