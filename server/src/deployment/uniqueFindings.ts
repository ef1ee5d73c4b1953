/**
 * Several invocations can share one config, app or requirements file (a unit and a Procfile starting the same
 * app): a cross-file check would then report the same line once per invocation. Keep the first of each.
 */
import type { DeploymentFinding } from './rule';

export function uniqueFindings(findings: readonly DeploymentFinding[]): DeploymentFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}\0${finding.path}\0${finding.range.start}\0${finding.range.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a gunicorn deployment check keeps in `Finding.data`: the invocation its fixes rebuild from. */
export interface InvocationData {
  invocation: string;
}

export function invocationOf<T extends { id: string }>(invocations: readonly T[], data: unknown): T | undefined {
  const id = (data as Partial<InvocationData> | undefined)?.invocation;
  return typeof id === 'string' ? invocations.find((candidate) => candidate.id === id) : undefined;
}
