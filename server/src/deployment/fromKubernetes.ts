/**
 * Kubernetes containers that run gunicorn by their own `command:`/`args:`. The kubelet sends SIGTERM and kills
 * `terminationGracePeriodSeconds` later (30 s by default). Other pods reach a pod through the Services whose
 * selector its labels match (`web`, `web.prod`, `web.prod.svc`, `web.prod.svc.cluster.local`).
 */
import type { FileEdit } from '../core/findings';
import { lineStartOf } from '../core/yaml';
import { manifestFacts, parseManifests, type ContainerFactsOf, type ManifestDocument, type ManifestObject, type PodSpec } from '../formats/kubernetes/index';
import { commandPid1 } from './containerPid1';
import type { HostInvocation, HostReader } from './hosts';
import type { ContainerFacts, Place, Sourced, Supervisor } from './model';

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

function containerOf(file: string, facts: ContainerFactsOf, services: readonly ManifestObject[]): ContainerFacts {
  const { container, object, gunicorn } = facts;
  const place = (range: { start: number; end: number }): Place => ({ path: file, range });
  const result: ContainerFacts = {
    runtime: 'kubernetes',
    containerPorts: container.ports.map((port) => ({ value: port.containerPort, place: place(port.range) })),
    probes: container.probes.map((probe) => ({ kind: probe.kind, place: place(probe.keyRange) })),
    hostnames: serviceHostnames(object, services),
    copies: [],
  };
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
    const services = documents.flatMap((document) => document.objects.filter((object) => object.kind === 'Service'));
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
          container: containerOf(document.path, facts, services),
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
