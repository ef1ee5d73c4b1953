/** Small pieces the deploy/ rules share: related places, one finding per place, the fix-data round trip. */
import type { RelatedPlace } from '../core/findings';
import type { DeploymentFinding } from './rule';
import type { Place } from './model';

/** A related place, as every check writes them: none for a place the model does not know. */
export function related(place: Place | undefined, message: string): RelatedPlace[] {
  return place ? [{ path: place.path, range: place.range, message }] : [];
}

/**
 * One finding per rule, file and range, the first kept: two units that run the same config, a unit and a Procfile
 * starting the same app, or two proxies through the same upstream would otherwise say the same thing twice on one
 * line.
 */
export function unique(findings: readonly DeploymentFinding[]): DeploymentFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\0${f.path}\0${f.range.start}\0${f.range.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A finding's `data`, read back defensively (it travels through JSON and may come from an older server). */
export function dataOf<T extends object>(finding: DeploymentFinding): Partial<T> {
  return finding.data && typeof finding.data === 'object' ? (finding.data as Partial<T>) : {};
}

/** What a gunicorn deployment check keeps in `Finding.data`: the invocation its fixes rebuild from. */
export interface InvocationData {
  invocation: string;
}

/** The invocation a finding's `data` names, among the model's. */
export function invocationOf<T extends { id: string }>(invocations: readonly T[], data: unknown): T | undefined {
  const id = (data as Partial<InvocationData> | undefined)?.invocation;
  return typeof id === 'string' ? invocations.find((candidate) => candidate.id === id) : undefined;
}

/** Seconds as a person writes them in messages. */
export function seconds(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}
