/**
 * Kubernetes containers that run gunicorn by their own `command:`/`args:`. The kubelet sends SIGTERM and kills
 * `terminationGracePeriodSeconds` later (30 s by default). Other pods reach a pod through the Services whose
 * selector its labels match (`web`, `web.prod`, `web.prod.svc`, `web.prod.svc.cluster.local`).
 */
import type { FileEdit } from '../core/findings';
import { lineStartOf } from '../core/yaml';
import {
  manifestFacts,
  parseManifests,
  type ContainerFactsOf,
  type ManifestContainer,
  type ManifestDocument,
  type ManifestObject,
  type PodSpec,
} from '../formats/kubernetes/index';
import type { OffsetRange } from '../core/text';
import { commandPid1 } from './containerPid1';
import type { HostInvocation, HostReader } from './hosts';
import type { ContainerEntrance, ContainerFacts, Place, Sourced, Supervisor } from './model';

/** The kubelet's default `terminationGracePeriodSeconds`. */
export const KUBERNETES_DEFAULT_GRACE = 30;

function isManifestDocument(value: unknown): value is ManifestDocument {
  const doc = value as ManifestDocument | undefined;
  return !!doc && typeof doc.path === 'string' && Array.isArray(doc.objects) && typeof doc.templated === 'boolean';
}

/** The DNS names of the Services that select this pod (same namespace, every selector label matching). */
export function serviceHostnames(object: ManifestObject, services: readonly ManifestObject[]): string[] {
  const labels = object.pod?.labels;
  if (!labels || labels.size === 0) return [];
  const namespace = object.namespace ?? 'default';
  const names: string[] = [];
  for (const service of services) {
    const selector = service.service?.selector;
    if (!service.name || !selector || selector.size === 0) continue;
    if ((service.namespace ?? 'default') !== namespace) continue;
    if (![...selector].every(([key, value]) => labels.get(key) === value)) continue;
    const name = service.name.toLowerCase();
    names.push(name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`);
  }
  return [...new Set(names)];
}

/** Whether every label of a Service's selector is on the pod. */
function selects(service: ManifestObject, pod: ManifestObject): boolean {
  const selector = service.service?.selector;
  const labels = pod.pod?.labels;
  if (!selector || selector.size === 0 || !labels || labels.size === 0) return false;
  if ((service.namespace ?? 'default') !== (pod.namespace ?? 'default')) return false;
  return [...selector].every(([key, value]) => labels.get(key) === value);
}

/**
 * The Service ports that land in this container: `targetPort` (absent: `port`) as a number, or a name resolved
 * through the containers' `ports[].name`. A Service that selects several workloads, a name no container of the pod
 * declares, or a number in a pod of several containers that this container does not declare (a sidecar's port,
 * perhaps) is left out: which process answers is not certain.
 */
export function serviceEntrances(
  object: ManifestObject,
  container: ManifestContainer,
  services: readonly Sourced<ManifestObject>[],
  workloads: readonly ManifestObject[],
): ContainerEntrance[] {
  const containers = object.pod?.containers ?? [];
  const entrances: ContainerEntrance[] = [];
  for (const { value: service, place } of services) {
    if (!selects(service, object) || workloads.filter((workload) => selects(service, workload)).length !== 1) continue;
    const name = service.name?.toLowerCase();
    const namespace = object.namespace ?? 'default';
    const hostnames = name ? [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`] : [];
    for (const servicePort of service.service?.ports ?? []) {
      const target = servicePort.targetPort ?? servicePort.port;
      let port: number | undefined;
      if (typeof target === 'number') {
        const declared = container.ports.some((p) => p.containerPort === target);
        if (containers.length === 1 || declared) port = target;
      } else if (typeof target === 'string') {
        port = container.ports.find((p) => p.name === target)?.containerPort;
      }
      if (port === undefined || !Number.isInteger(port)) continue;
      entrances.push({
        kind: 'service',
        port,
        place: { path: place.path, range: servicePort.targetRange ?? servicePort.range },
        label: `Service ${service.name ?? '(unnamed)'} sends its port ${servicePort.port ?? port} to port ${port}`,
        ...(servicePort.port !== undefined ? { servicePort: servicePort.port } : {}),
        hostnames,
      });
    }
  }
  return entrances;
}

/** `envFrom:` or a PORT from `valueFrom:`: the environment holds what the workspace does not show. */
function openEnvironmentOf(container: ManifestContainer): OffsetRange | undefined {
  if (container.envFrom) return container.envFrom;
  return container.env.find((variable) => variable.name === 'PORT' && variable.value === undefined)?.range;
}

function containerOf(
  file: string,
  facts: ContainerFactsOf,
  services: readonly Sourced<ManifestObject>[],
  workloads: readonly ManifestObject[],
): ContainerFacts {
  const { container, object, gunicorn } = facts;
  const place = (range: { start: number; end: number }): Place => ({ path: file, range });
  const result: ContainerFacts = {
    runtime: 'kubernetes',
    containerPorts: container.ports.map((port) => ({ value: port.containerPort, place: place(port.range) })),
    probes: container.probes.map((probe) => ({ kind: probe.kind, place: place(probe.keyRange) })),
    hostnames: serviceHostnames(
      object,
      services.map((service) => service.value),
    ),
    copies: [],
    entrances: serviceEntrances(object, container, services, workloads),
  };
  const open = openEnvironmentOf(container);
  if (open) result.openEnvironment = place(open);
  if (gunicorn && (gunicorn.from === 'command' || gunicorn.wrapper)) result.pid1 = commandPid1(gunicorn, place);
  const runAsUser = container.runAsUser ?? object.pod?.runAsUser;
  if (runAsUser) result.user = { value: String(runAsUser.value), place: place(runAsUser.range) };
  if (container.cpuLimit) result.cpuLimit = { value: container.cpuLimit.value, place: place(container.cpuLimit.range) };
  if (container.workingDir) result.workdir = { value: container.workingDir.value, place: place(container.workingDir.range) };
  return result;
}

function supervisorOf(file: string, facts: ContainerFactsOf, command: Place): Supervisor {
  const grace = facts.object.pod?.terminationGracePeriodSeconds;
  const name = [facts.object.kind, facts.object.name].filter(Boolean).join('/') + (facts.container.name ? ` (${facts.container.name})` : '');
  const supervisor: Supervisor = { kind: 'kubernetes', path: file, name, command };
  supervisor.stopTimeout = grace
    ? { seconds: grace.value, place: { path: file, range: grace.range }, setting: 'terminationGracePeriodSeconds' }
    : { seconds: KUBERNETES_DEFAULT_GRACE, setting: 'terminationGracePeriodSeconds' };
  return supervisor;
}

export const kubernetesHostReader: HostReader = {
  name: 'kubernetes',
  read(_project, files) {
    const documents = files.flatMap((file) =>
      file.language === 'yaml' && isManifestDocument(file.document) && !file.document.templated ? [file.document] : [],
    );
    const services = documents.flatMap((document) =>
      document.objects.filter((object) => object.kind === 'Service').map((object) => ({ value: object, place: { path: document.path, range: object.range } })),
    );
    const workloads = documents.flatMap((document) => document.objects.filter((object) => object.pod));
    const hosts: HostInvocation[] = [];
    for (const document of documents) {
      for (const facts of manifestFacts(document).containers) {
        const gunicorn = facts.gunicorn;
        if (!gunicorn) continue;
        const command: Place = { path: document.path, range: gunicorn.range };
        const environment = new Map<string, Sourced<string>>();
        for (const variable of facts.container.env) {
          if (variable.value !== undefined) environment.set(variable.name, { value: variable.value, place: { path: document.path, range: variable.range } });
        }
        const host: HostInvocation = {
          host: 'kubernetes',
          hostPath: document.path,
          command,
          commandLine: gunicorn.invocation,
          commandPath: document.path,
          environment,
          supervisor: supervisorOf(document.path, facts, command),
          socketUnits: [],
          container: containerOf(document.path, facts, services, workloads),
        };
        if (facts.cmdArgs) host.cmdArgs = { invocation: facts.cmdArgs.invocation, path: document.path };
        const workdir = facts.container.workingDir;
        if (workdir) host.workingDirectory = { value: workdir.value, place: { path: document.path, range: workdir.range } };
        hosts.push(host);
      }
    }
    return { hosts };
  },
};

/** The pod spec whose container holds `offset` (a container's command), in the manifest's current text. */
export function podAt(text: string, file: string, offset: number): PodSpec | undefined {
  for (const object of parseManifests(text, file).objects) {
    if (object.pod?.containers.some((container) => container.range.start <= offset && offset <= container.range.end)) return object.pod;
  }
  return undefined;
}

/**
 * The edit that sets the pod's `terminationGracePeriodSeconds`: its value replaced, else a new key above
 * `containers:` at its indentation.
 */
export function terminationGraceEdit(text: string, file: string, commandOffset: number, seconds: number): FileEdit | undefined {
  const pod = podAt(text, file, commandOffset);
  if (!pod) return undefined;
  const own = pod.terminationGracePeriodSeconds;
  if (own) return { path: file, range: own.range, newText: `${seconds}` };
  if (!pod.containersKey) return undefined;
  const at = lineStartOf(text, pod.containersKey.offset);
  return { path: file, range: { start: at, end: at }, newText: `${' '.repeat(pod.containersKey.column)}terminationGracePeriodSeconds: ${seconds}\n` };
}
