/**
 * The ways into a container that runs gunicorn, as the port inside the container they arrive at: the container's
 * own entrances (compose `ports:`, Kubernetes Service ports routed to it) and the nginx proxies that name it
 * (`proxy_pass http://web:8000`, `web` a compose service or a Kubernetes Service). A Service name is followed
 * through the Service's `port` to its `targetPort`; a name whose Service port cannot be followed gives nothing.
 */
import type { ContainerFacts, Endpoint, Invocation, DeploymentModel, Place } from './model';

export interface Entrance {
  kind: 'published' | 'service' | 'nginx';
  /** The port inside the container. */
  port: number;
  place: Place;
  /** For messages: `nginx connects to web:8000`, `compose publishes 8080:8000`, `Service web port 80`. */
  label: string;
  /** nginx: the address as written. */
  endpoint?: Endpoint;
}

/**
 * The port inside the container that a connection to `endpoint` (a host name and port) arrives at: the same port
 * for a compose service name, the `targetPort` for a Kubernetes Service name; undefined when the name is not this
 * container's or the Service's port cannot be followed.
 */
export function portBehindName(container: ContainerFacts, endpoint: Endpoint): number | undefined {
  if (endpoint.kind !== 'tcp' || endpoint.port === undefined || !endpoint.key.startsWith('name ')) return undefined;
  const name = (endpoint.host ?? '').toLowerCase();
  if (!container.hostnames.includes(name)) return undefined;
  if (container.runtime !== 'kubernetes') return endpoint.port;
  const routes = (container.entrances ?? []).filter((entrance) => entrance.kind === 'service' && entrance.hostnames?.includes(name));
  const ports = [...new Set(routes.filter((route) => route.servicePort === endpoint.port).map((route) => route.port))];
  return ports.length === 1 ? ports[0] : undefined;
}

/** Every way into the invocation's container that the workspace shows. */
export function entrancesOf(model: DeploymentModel, invocation: Invocation): Entrance[] {
  const container = invocation.container;
  if (!container) return [];
  const entrances: Entrance[] = (container.entrances ?? []).map((entrance) => ({
    kind: entrance.kind,
    port: entrance.port,
    place: entrance.place,
    label: entrance.label,
  }));
  for (const target of model.proxies.flatMap((proxy) => proxy.endpoints)) {
    const port = portBehindName(container, target.value);
    if (port === undefined) continue;
    const inside = port === target.value.port ? '' : ` (port ${port} in the container)`;
    entrances.push({ kind: 'nginx', port, place: target.place, label: `nginx connects to ${target.value.text}${inside}`, endpoint: target.value });
  }
  return entrances;
}
