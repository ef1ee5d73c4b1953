/**
 * Small hand-built deployment models for the cross-file checks' unit tests: a check reads only the model, so a
 * test states the facts it needs and nothing else. Offsets are whatever the test chooses; paths are absolute.
 */
import { mergeAssignments } from '../../server/src/deployment/effective';
import type {
  BoundEndpoint,
  Deployment,
  DeploymentModel,
  Endpoint,
  EffectiveSetting,
  Invocation,
  NginxProxy,
  Place,
  SettingAssignment,
  SettingValue,
  Sourced,
} from '../../server/src/deployment/model';

export const ROOT = '/work/project';

export function place(file: string, start = 0, end = start + 1): Place {
  return { path: file.startsWith('/') ? file : `${ROOT}/${file}`, range: { start, end } };
}

export function sourced<T>(value: T, where: Place): Sourced<T> {
  return { value, place: where };
}

export function known(value: string | number | boolean | null | string[]): SettingValue {
  return { known: true, value };
}

export const unknownValue: SettingValue = { known: false, text: 'os.environ["X"]' };

/** An effective-settings map from `name -> assignments` (lowest priority first, as gunicorn applies them). */
export function settings(entries: Record<string, SettingAssignment | SettingAssignment[]>): Map<string, EffectiveSetting> {
  const map = new Map<string, EffectiveSetting>();
  for (const [name, assignment] of Object.entries(entries)) {
    const merged = mergeAssignments(name, Array.isArray(assignment) ? assignment : [assignment]);
    if (merged) map.set(name, merged);
  }
  return map;
}

/** A setting as the config file at `file` gives it. */
export function fromConfig(value: SettingValue, file = 'gunicorn.conf.py', start = 0): SettingAssignment {
  return { source: 'config', value, place: place(file, start, start + 4), statement: place(file, start, start + 10) };
}

export function fromCommandLine(value: SettingValue, file = 'deploy/app.service', start = 0, flag = '--flag'): SettingAssignment {
  return { source: 'command-line', value, place: place(file, start, start + 4), statement: place(file, start - flag.length - 1, start + 4), flag };
}

export function unixEndpoint(socketPath: string): Endpoint {
  return { kind: 'unix', key: `unix ${socketPath}`, text: `unix:${socketPath}`, socketPath };
}

export function tcpEndpoint(host: string, port: number): Endpoint {
  return { kind: 'tcp', key: `4 ${host} ${port}`, text: `${host}:${port}`, host, port };
}

export function bound(endpoint: Endpoint, where: Place, via: BoundEndpoint['via'] = 'gunicorn'): BoundEndpoint {
  return { endpoint, place: where, via };
}

export function invocation(overrides: Partial<Invocation> = {}): Invocation {
  const hostPath = overrides.hostPath ?? `${ROOT}/deploy/app.service`;
  return {
    id: `${hostPath}@0`,
    host: 'systemd',
    hostPath,
    command: place(hostPath, 0, 10),
    settings: new Map(),
    binds: [],
    socketUnits: [],
    environment: new Map(),
    gunicornVersion: '23.0.0',
    ...overrides,
  };
}

export function proxy(overrides: Partial<NginxProxy> & { target: string }): NginxProxy {
  return { place: place('deploy/nginx/site.conf', 0, overrides.target.length), endpoints: [], ...overrides };
}

/** A model of these invocations and proxies; each proxy is linked to the invocations whose binds it reaches. */
export function model(invocations: Invocation[], proxies: NginxProxy[] = []): DeploymentModel {
  const deployments: Deployment[] = invocations.map((inv) => ({
    invocation: inv,
    proxies: proxies.filter((p) => p.endpoints.some((e) => inv.binds.some((b) => b.endpoint.key === e.value.key))),
  }));
  return { root: ROOT, invocations, proxies, socketUnits: invocations.flatMap((i) => i.socketUnits), deployments, dependencies: new Map() };
}
