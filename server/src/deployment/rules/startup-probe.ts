/**
 * container/startup-probe: a Kubernetes liveness probe without a `startupProbe`, for an app that is slow to come
 * up: `preload_app` (the master imports the whole app before it opens its socket), CUDA touched at import (a
 * model loaded onto the GPU), or heavy packages imported and models loaded at import (formats/python/heavy.ts).
 * The liveness probe starts counting at once; when loading outlasts `initialDelaySeconds + failureThreshold x
 * periodSeconds` (30 s by default) the kubelet kills the container and the pod never starts. A startup probe holds
 * the liveness probe back until the app answers once.
 */
import type { Fix } from '../../core/findings';
import { nextLineStart } from '../../core/yaml';
import { parseManifests, type ManifestProbe } from '../../formats/kubernetes/index';
import { boolSetting } from '../effective';
import { dataOf, related, unique } from '../findings';
import type { DeploymentFinding, DeploymentRule } from '../rule';
import { settingSite } from '../settingSite';

const RULE_ID = 'container/startup-probe';
/** How long the added startup probe lets the app load. */
const STARTUP_BUDGET = 300;
const DEFAULT_PERIOD = 10;

/** The startup probe to add after a liveness probe: its handler, with failureThreshold x periodSeconds = 5 minutes. */
function startupProbeText(text: string, probe: ManifestProbe): string | undefined {
  if (!probe.block || !probe.handler) return undefined;
  const period = probe.periodSeconds && probe.periodSeconds > 0 ? probe.periodSeconds : DEFAULT_PERIOD;
  const failures = Math.max(1, Math.ceil(STARTUP_BUDGET / period));
  const child = ' '.repeat(probe.handler.column);
  const handler = text.slice(probe.handler.range.start, probe.handler.range.end).replace(/\s+$/, '');
  const lines = [`${' '.repeat(probe.column)}startupProbe:`, `${child}${handler}`, `${child}periodSeconds: ${period}`, `${child}failureThreshold: ${failures}`];
  return lines.join('\n') + '\n';
}

/** `imports torch and transformers`, `loads a model (spacy.load)`, both joined. */
function heavyWork(heavy: readonly { kind: 'import' | 'model'; what: string }[]): string {
  const imports = [...new Set(heavy.filter((load) => load.kind === 'import').map((load) => load.what))];
  const models = [...new Set(heavy.filter((load) => load.kind === 'model').map((load) => load.what))];
  const parts: string[] = [];
  if (imports.length > 0) parts.push(`imports ${imports.slice(0, 3).join(', ')}`);
  if (models.length > 0) parts.push(`loads a model (${models.slice(0, 2).join(', ')})`);
  return parts.join(' and ');
}

export const rule: DeploymentRule = {
  id: RULE_ID,
  severity: 'warning',
  summary: 'A Kubernetes liveness probe without a startupProbe for an app that preloads or loads heavy modules at import.',
  check(model) {
    const findings: DeploymentFinding[] = [];
    for (const invocation of model.invocations) {
      const container = invocation.container;
      if (container?.runtime !== 'kubernetes') continue;
      const liveness = container.probes.find((probe) => probe.kind === 'liveness');
      if (!liveness || container.probes.some((probe) => probe.kind === 'startup')) continue;
      const preload = boolSetting(invocation, 'preload_app') === true;
      const cuda = invocation.app?.cuda ?? [];
      const heavy = invocation.app?.heavy ?? [];
      if (!preload && cuda.length === 0 && heavy.length === 0) continue;
      const why = preload
        ? 'gunicorn preloads the app (`preload_app`): the master imports all of it before it opens its socket'
        : cuda.length > 0
          ? 'the app loads onto the GPU at import: every worker imports it before it answers'
          : `the app ${heavyWork(heavy)} at import: every worker does that before it answers`;
      findings.push({
        rule: RULE_ID,
        path: liveness.place.path,
        range: liveness.place.range,
        message:
          `This liveness probe starts counting as soon as the container starts, but ${why}. When loading takes longer than ` +
          `the probe tolerates, the kubelet kills the container and it restarts forever. Add a startupProbe: liveness checks wait until it succeeds.`,
        related: [
          ...(preload ? related(settingSite(invocation, 'preload_app'), 'preload_app is on here') : []),
          ...cuda.slice(0, 3).flatMap((place) => related(place, 'CUDA is touched at import here')),
          ...heavy
            .slice(0, 3)
            .flatMap((load) => related(load, load.kind === 'import' ? `${load.what} is imported here: it ${load.why}` : `${load.what} ${load.why} here`)),
        ],
        data: { file: liveness.place.path, at: liveness.place.range.start },
      });
    }
    return unique(findings);
  },
  fixes(finding, { project }) {
    const { file, at } = dataOf<{ file: string; at: number }>(finding);
    if (typeof file !== 'string' || typeof at !== 'number') return [];
    const text = project.readFile(file);
    if (text === undefined) return [];
    const probe = parseManifests(text, file)
      .objects.flatMap((object) => object.pod?.containers ?? [])
      .flatMap((container) => container.probes)
      .find((candidate) => candidate.kind === 'liveness' && candidate.keyRange.start === at);
    const added = probe && startupProbeText(text, probe);
    if (!probe || !added) return [];
    const end = probe.range.end;
    const insertAt = end > 0 && text[end - 1] === '\n' ? end : nextLineStart(text, end);
    const newText = insertAt === text.length && !text.endsWith('\n') ? `\n${added}` : added;
    const fix: Fix = {
      title: 'Add a startupProbe mirroring the liveness probe',
      safe: true,
      preferred: true,
      edits: [{ path: file, range: { start: insertAt, end: insertAt }, newText }],
    };
    return [fix];
  },
};
