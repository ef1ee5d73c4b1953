/** The parsed shape of Kubernetes manifests: the objects of every document, with what a gunicorn pod needs. */
import type { YamlCommand } from '../../commandline/yamlCommand';
import type { OffsetRange } from '../../core/text';

export interface Located<T> {
  value: T;
  range: OffsetRange;
}

export interface ManifestCommand extends YamlCommand {
  range: OffsetRange;
}

export interface ManifestEnvVar {
  name: string;
  /** `value:`; absent for `valueFrom:` (not ours to know). */
  value?: string;
  range: OffsetRange;
  /** value[i] at valueStart + i, when it maps one to one. */
  valueStart?: number;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ManifestProbe {
  kind: ProbeKind;
  /** The `livenessProbe` key. */
  keyRange: OffsetRange;
  /** The probe's mapping. */
  range: OffsetRange;
  /** Column of the probe's key, and whether its mapping is block style with keys on lines of their own. */
  column: number;
  block: boolean;
  /** The handler (`httpGet`, `tcpSocket`, `exec`, `grpc`): its key and the text from its key to the end of its value. */
  handler?: { key: string; range: OffsetRange; column: number };
  periodSeconds?: number;
  failureThreshold?: number;
  initialDelaySeconds?: number;
}

export interface ManifestContainer {
  name?: string;
  range: OffsetRange;
  nameRange?: OffsetRange;
  image?: Located<string>;
  command?: ManifestCommand;
  args?: ManifestCommand;
  env: ManifestEnvVar[];
  /** `envFrom:` (ConfigMaps, Secrets): variables the workspace cannot see, PORT among them perhaps. */
  envFrom?: OffsetRange;
  ports: { containerPort: number; name?: string; range: OffsetRange }[];
  probes: ManifestProbe[];
  /** `resources.limits.cpu` in cores (`500m` = 0.5). */
  cpuLimit?: Located<number>;
  runAsUser?: Located<number>;
  runAsNonRoot?: Located<boolean>;
  workingDir?: Located<string>;
}

export interface PodSpec {
  range: OffsetRange;
  terminationGracePeriodSeconds?: Located<number>;
  /** The `containers` key, when it starts its line: a new pod-spec key is inserted above it at its column. */
  containersKey?: { offset: number; column: number };
  containers: ManifestContainer[];
  runAsUser?: Located<number>;
  runAsNonRoot?: Located<boolean>;
  /** The pod's labels (the template's, for workloads). */
  labels: Map<string, string>;
}

/** One of a Service's `ports:`: `targetPort` is a number, a container port's name, or absent (the same as `port`). */
export interface ServicePort {
  port?: number;
  targetPort?: number | string;
  /** The item. */
  range: OffsetRange;
  /** The `targetPort` value, when written. */
  targetRange?: OffsetRange;
}

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name?: string;
  nameRange?: OffsetRange;
  namespace?: string;
  /** The document's root mapping. */
  range: OffsetRange;
  /** Workloads and pods. */
  pod?: PodSpec;
  /** `kind: Service`. */
  service?: { selector: Map<string, string>; ports: ServicePort[] };
}

export interface ManifestDocument {
  text: string;
  path: string;
  templated: boolean;
  objects: ManifestObject[];
}
