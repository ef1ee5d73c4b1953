/**
 * Kubernetes manifests read with the `yaml` package: every document of the stream (and the items of a `List`)
 * that has `apiVersion` and `kind`. Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod)
 * give their pod spec; Services their selector and ports. A templated file (`{{ }}`, Helm) and YAML that is no
 * manifest give no objects; nothing throws.
 */
import { yamlListCommand } from '../../commandline/yamlCommand';
import {
  columnOf,
  isFlow,
  isTemplated,
  isYamlMap,
  isYamlSeq,
  mapEntries,
  mapEntry,
  mapGet,
  parseYamlDocuments,
  rangeOf,
  scalarContent,
  scalarNumber,
  scalarText,
  seqItems,
  startsLine,
  type YamlDocument,
} from '../../core/yaml';
import type {
  Located,
  ManifestCommand,
  ManifestContainer,
  ManifestDocument,
  ManifestEnvVar,
  ManifestObject,
  ManifestProbe,
  PodSpec,
  ProbeKind,
} from './document';

const MAX_OBJECTS = 1000;
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'Pod', 'CronJob', 'ReplicationController']);

export function parseManifests(text: string, path: string): ManifestDocument {
  const document: ManifestDocument = { text, path, templated: isTemplated(text), objects: [] };
  if (document.templated) return document;
  try {
    for (const doc of parseYamlDocuments(text)) {
      readObject(document, doc, doc.contents, 0);
      if (document.objects.length >= MAX_OBJECTS) break;
    }
  } catch {
    // Never throw: the objects read so far stand.
  }
  return document;
}

function located<T>(node: unknown, value: T | undefined): Located<T> | undefined {
  const range = rangeOf(node);
  return range && value !== undefined ? { value, range } : undefined;
}

function readObject(document: ManifestDocument, doc: YamlDocument, node: unknown, depth: number): void {
  const range = rangeOf(node);
  if (!range || !isYamlMap(node)) return;
  const apiVersion = scalarText(mapGet(node, doc, 'apiVersion'));
  const kind = scalarText(mapGet(node, doc, 'kind'));
  if (!apiVersion || !kind) return;
  if (kind === 'List' && depth === 0) {
    for (const item of seqItems(mapGet(node, doc, 'items'), doc).slice(0, MAX_OBJECTS)) readObject(document, doc, item, 1);
    return;
  }
  const metadata = mapGet(node, doc, 'metadata');
  const nameNode = mapGet(metadata, doc, 'name');
  const object: ManifestObject = { apiVersion, kind, range };
  const name = scalarText(nameNode);
  if (name) {
    object.name = name;
    object.nameRange = rangeOf(nameNode);
  }
  const namespace = scalarText(mapGet(metadata, doc, 'namespace'));
  if (namespace) object.namespace = namespace;
  const spec = mapGet(node, doc, 'spec');
  if (WORKLOADS.has(kind)) {
    let template: unknown;
    if (kind === 'Pod') template = node;
    else if (kind === 'CronJob') template = mapGet(mapGet(mapGet(spec, doc, 'jobTemplate'), doc, 'spec'), doc, 'template');
    else template = mapGet(spec, doc, 'template');
    const pod = podSpecOf(doc, document.text, mapGet(template, doc, 'spec'), labelsOf(doc, mapGet(mapGet(template, doc, 'metadata'), doc, 'labels')));
    if (pod) object.pod = pod;
  } else if (kind === 'Service') {
    const ports = seqItems(mapGet(spec, doc, 'ports'), doc).flatMap((item) => {
      const portRange = rangeOf(item);
      if (!portRange) return [];
      const port = scalarNumber(mapGet(item, doc, 'port'));
      const targetNode = mapGet(item, doc, 'targetPort');
      const targetNumber = scalarNumber(targetNode);
      const targetPort = targetNumber ?? scalarText(targetNode);
      const targetRange = rangeOf(targetNode);
      return [
        {
          range: portRange,
          ...(port !== undefined ? { port } : {}),
          ...(targetPort !== undefined ? { targetPort } : {}),
          ...(targetRange && targetPort !== undefined ? { targetRange } : {}),
        },
      ];
    });
    object.service = { selector: labelsOf(doc, mapGet(spec, doc, 'selector')), ports };
  }
  document.objects.push(object);
}

function labelsOf(doc: YamlDocument, node: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  for (const entry of mapEntries(node, doc)) {
    const value = scalarText(entry.value);
    if (value !== undefined) labels.set(entry.key, value);
  }
  return labels;
}

function podSpecOf(doc: YamlDocument, text: string, node: unknown, labels: Map<string, string>): PodSpec | undefined {
  const range = rangeOf(node);
  if (!range || !isYamlMap(node)) return undefined;
  const pod: PodSpec = { range, containers: [], labels };
  const grace = mapGet(node, doc, 'terminationGracePeriodSeconds');
  const graceValue = scalarNumber(grace);
  if (graceValue !== undefined) pod.terminationGracePeriodSeconds = located(grace, graceValue);
  const containers = mapEntry(node, doc, 'containers');
  if (containers && !isFlow(node) && startsLine(text, containers.keyRange.start)) {
    pod.containersKey = { offset: containers.keyRange.start, column: columnOf(text, containers.keyRange.start) };
  }
  for (const item of seqItems(containers?.value, doc)) {
    const container = containerOf(doc, text, item);
    if (container) pod.containers.push(container);
  }
  const security = mapGet(node, doc, 'securityContext');
  pod.runAsUser = located(mapGet(security, doc, 'runAsUser'), scalarNumber(mapGet(security, doc, 'runAsUser')));
  pod.runAsNonRoot = located(mapGet(security, doc, 'runAsNonRoot'), boolOf(mapGet(security, doc, 'runAsNonRoot')));
  return pod;
}

function boolOf(node: unknown): boolean | undefined {
  const value = (node as { value?: unknown } | undefined)?.value;
  return typeof value === 'boolean' ? value : undefined;
}

function commandOf(doc: YamlDocument, text: string, node: unknown): ManifestCommand | undefined {
  const range = rangeOf(node);
  if (!range || !isYamlSeq(node)) return undefined;
  const items = seqItems(node, doc).map((item) => scalarContent(item, text));
  if (items.some((item) => item === undefined)) return undefined;
  return { ...yamlListCommand(items as NonNullable<(typeof items)[number]>[]), range };
}

function containerOf(doc: YamlDocument, text: string, node: unknown): ManifestContainer | undefined {
  const range = rangeOf(node);
  if (!range || !isYamlMap(node)) return undefined;
  const get = (key: string) => mapGet(node, doc, key);
  const container: ManifestContainer = { range, env: [], ports: [], probes: [] };
  const name = scalarText(get('name'));
  if (name) {
    container.name = name;
    container.nameRange = rangeOf(get('name'));
  }
  container.image = located(get('image'), scalarText(get('image')));
  container.command = commandOf(doc, text, get('command'));
  container.args = commandOf(doc, text, get('args'));
  for (const item of seqItems(get('env'), doc)) {
    const envName = scalarText(mapGet(item, doc, 'name'));
    const itemRange = rangeOf(item);
    if (!envName || !itemRange) continue;
    const valueNode = mapGet(item, doc, 'value');
    const content = scalarContent(valueNode, text);
    const variable: ManifestEnvVar = { name: envName, range: content?.range ?? itemRange };
    if (content) {
      variable.value = content.value;
      if (content.contentStart !== undefined) variable.valueStart = content.contentStart;
    }
    container.env.push(variable);
  }
  const envFrom = rangeOf(get('envFrom'));
  if (envFrom) container.envFrom = envFrom;
  for (const item of seqItems(get('ports'), doc)) {
    const portNode = mapGet(item, doc, 'containerPort');
    const port = scalarNumber(portNode);
    const portRange = rangeOf(portNode);
    if (port === undefined || !Number.isInteger(port) || !portRange) continue;
    const portName = scalarText(mapGet(item, doc, 'name'));
    container.ports.push({ containerPort: port, range: portRange, ...(portName ? { name: portName } : {}) });
  }
  for (const kind of ['liveness', 'readiness', 'startup'] as ProbeKind[]) {
    const entry = mapEntry(node, doc, `${kind}Probe`);
    const probe = entry && probeOf(doc, text, kind, entry.keyRange, entry.value);
    if (probe) container.probes.push(probe);
  }
  const cpu = mapGet(mapGet(get('resources'), doc, 'limits'), doc, 'cpu');
  const cores = cpuQuantity(scalarText(cpu));
  if (cores !== undefined && cores > 0) container.cpuLimit = located(cpu, cores);
  const security = get('securityContext');
  container.runAsUser = located(mapGet(security, doc, 'runAsUser'), scalarNumber(mapGet(security, doc, 'runAsUser')));
  container.runAsNonRoot = located(mapGet(security, doc, 'runAsNonRoot'), boolOf(mapGet(security, doc, 'runAsNonRoot')));
  container.workingDir = located(get('workingDir'), scalarText(get('workingDir')));
  return container;
}

const HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'grpc'];

function probeOf(doc: YamlDocument, text: string, kind: ProbeKind, keyRange: { start: number; end: number }, node: unknown): ManifestProbe | undefined {
  const range = rangeOf(node);
  if (!range || !isYamlMap(node)) return undefined;
  const entries = mapEntries(node, doc);
  const block = !isFlow(node) && entries.every((entry) => startsLine(text, entry.keyRange.start));
  const probe: ManifestProbe = { kind, keyRange, range, column: columnOf(text, keyRange.start), block };
  const handler = entries.find((entry) => HANDLERS.includes(entry.key));
  const handlerEnd = rangeOf(handler?.value)?.end;
  if (handler && handlerEnd !== undefined) {
    probe.handler = { key: handler.key, range: { start: handler.keyRange.start, end: handlerEnd }, column: columnOf(text, handler.keyRange.start) };
  }
  const number = (key: string) => scalarNumber(mapGet(node, doc, key));
  const period = number('periodSeconds');
  const failure = number('failureThreshold');
  const delay = number('initialDelaySeconds');
  if (period !== undefined) probe.periodSeconds = period;
  if (failure !== undefined) probe.failureThreshold = failure;
  if (delay !== undefined) probe.initialDelaySeconds = delay;
  return probe;
}

/** A Kubernetes CPU quantity in cores: `500m` = 0.5, `2`, `1.5`; undefined for anything else. */
export function cpuQuantity(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = text.trim();
  if (/^\d+(\.\d+)?m$/.test(value)) return Number(value.slice(0, -1)) / 1000;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}
