/**
 * deploymentGraph: the model as nodes and edges. Pure and deterministic: the same model and findings give the same
 * graph, nodes in request order (nginx first), so the JSON can be compared in CI and diffed in docs.
 *
 * Each node and edge keeps the places it stands for ("anchors": the proxy_pass, the bind, the `-c` value); a
 * finding goes to the one whose anchor holds it most tightly, else to the node of its file, so a socket nobody
 * binds shows on the edge to that socket and a timeout on the location that sets it.
 */
import * as path from 'node:path';
import { reaches, reachesByName } from '../addresses';
import { settingOf } from '../effective';
import type { BoundEndpoint, DeploymentModel, Invocation, NginxProxy, Place, SettingValue } from '../model';
import {
  DEPLOYMENT_GRAPH_VERSION,
  NODE_KINDS,
  type DeploymentGraph,
  type GraphEdge,
  type GraphFinding,
  type GraphNode,
  type GraphPlace,
  type Locate,
  type MapFinding,
  type NodeKind,
} from './types';

interface Draft {
  node: GraphNode;
  /** Places this node stands for; findings inside them land here. */
  anchors: Place[];
  /** Whole files this node stands for (a config, an app module, a unit): findings anywhere in them that no anchor took. */
  files: string[];
  order: number;
}

interface EdgeDraft {
  edge: GraphEdge;
  anchors: Place[];
  order: number;
}

/** The files whose findings the graph can show (the caller collects findings for these). */
export function graphFiles(model: DeploymentModel): string[] {
  const files = new Set<string>();
  for (const proxy of model.proxies) files.add(proxy.place.path);
  for (const invocation of model.invocations) for (const file of filesOf(invocation)) files.add(file);
  return [...files].sort();
}

export function deploymentGraph(model: DeploymentModel, findings: readonly MapFinding[], locate: Locate): DeploymentGraph {
  const builder = new GraphBuilder(model.root, locate);
  // Invocations first, so a socket node sits at the place gunicorn binds it rather than where nginx names it.
  for (const invocation of sortedBy(model.invocations, (i) => i.command)) builder.addInvocation(invocation);
  for (const proxy of sortedBy(model.proxies, (p) => p.place)) builder.addProxy(proxy, model.invocations);
  return builder.finish(findings);
}

class GraphBuilder {
  private readonly nodes = new Map<string, Draft>();
  private readonly edges = new Map<string, EdgeDraft>();

  constructor(
    private readonly root: string,
    private readonly locate: Locate,
  ) {}

  addInvocation(invocation: Invocation): void {
    const gunicorn = this.node(`gunicorn:${this.where(invocation.command)}`, 'gunicorn', gunicornLabel(invocation, this.root), invocation.command);
    gunicorn.node.details.push(...gunicornDetails(invocation));
    gunicorn.anchors.push(invocation.command, ...supervisorPlaces(invocation));
    for (const setting of invocation.settings.values()) {
      if (setting.source !== 'config' && setting.place) gunicorn.anchors.push(setting.statement ?? setting.place);
    }
    gunicorn.files.push(invocation.hostPath, ...(invocation.supervisor ? [invocation.supervisor.path] : []));
    if (invocation.container?.dockerfile) gunicorn.files.push(invocation.container.dockerfile);
    gunicorn.files.push(...(invocation.requirements?.files ?? []));

    for (const bound of invocation.binds) {
      const socket = this.socketNode(bound.endpoint.key, bound.endpoint.text, bound.place);
      if (bound.via === 'systemd-socket') {
        const unit = invocation.socketUnits.find((u) => u.listen.includes(bound));
        addDetail(socket, `created by ${unit?.name ?? 'a systemd .socket unit'}`);
        if (unit) socket.files.push(unit.path);
      }
      addDetail(socket, 'gunicorn listens here');
      this.edge(socket, gunicorn, bound.via === 'systemd-socket' ? 'socket activation' : 'bind', [bound.place]);
    }
    if (invocation.binds.length === 0) gunicorn.node.details.push('bind: not known (default 127.0.0.1:8000 unless set elsewhere)');

    const config = invocation.config;
    let configNode: Draft | undefined;
    if (config?.path) {
      configNode = this.node(`config:${this.relative(config.path)}`, 'config', this.relative(config.path), { path: config.path, range: { start: 0, end: 0 } });
      configNode.files.push(config.path);
      if (configNode.node.details.length === 0) configNode.node.details.push(...configDetails(invocation));
    } else if (config?.written) {
      configNode = this.node(`config:${this.where(config.written.place)}`, 'config', `${config.written.value} (not in the workspace)`, config.written.place);
    }
    if (configNode) this.edge(gunicorn, configNode, config?.written ? '-c' : 'default config', config?.written ? [config.written.place] : []);

    const app = invocation.app;
    if (app) {
      const at = app.definition ?? (app.file ? { path: app.file, range: { start: 0, end: 0 } } : app.target.place);
      const appNode = this.node(`app:${app.file ? this.relative(app.file) : app.module}:${app.variable}`, 'app', app.target.value, at);
      if (appNode.node.details.length === 0) appNode.node.details.push(...appDetails(invocation));
      appNode.anchors.push(...(app.definition ? [app.definition] : []));
      appNode.files.push(...app.modules);
      const from = configNode && config?.path === app.target.place.path ? configNode : gunicorn;
      this.edge(from, appNode, from === configNode ? 'wsgi_app' : 'app', [app.target.place]);
    }
  }

  addProxy(proxy: NginxProxy, invocations: readonly Invocation[]): void {
    const locationPlace = proxy.location?.place ?? proxy.place;
    const location = this.node(`location:${this.where(locationPlace)}`, 'nginx-location', `location ${proxy.location?.value ?? '(server)'}`, locationPlace);
    if (location.node.details.length === 0) location.node.details.push(...locationDetails(proxy));
    location.anchors.push(locationPlace, ...[proxy.readTimeout, proxy.clientMaxBodySize, proxy.requestBuffering].flatMap((s) => (s ? [s.place] : [])));

    let from = location;
    if (proxy.upstream) {
      from = this.node(`upstream:${this.where(proxy.upstream.place)}`, 'upstream', `upstream ${proxy.upstream.value}`, proxy.upstream.place);
      from.anchors.push(proxy.upstream.place);
      this.edge(location, from, 'proxy_pass', [proxy.place]);
    }
    for (const target of proxy.endpoints) {
      const served = invocations.flatMap((invocation) =>
        invocation.binds.filter((bound) => reachesBind(target.value, bound, invocation.container?.hostnames ?? [])),
      );
      const anchors = from === location ? [proxy.place, target.place] : [target.place];
      const label = from === location ? 'proxy_pass' : 'server';
      if (served.length === 0) {
        const socket = this.socketNode(target.value.key, target.value.text, target.place);
        if (!socket.node.details.includes('gunicorn listens here')) addDetail(socket, 'nothing in the workspace listens here');
        this.edge(from, socket, label, anchors);
      }
      for (const bound of served) this.edge(from, this.socketNode(bound.endpoint.key, bound.endpoint.text, bound.place), label, anchors);
    }
    if (proxy.endpoints.length === 0) addDetail(location, `proxy_pass ${proxy.target}: target not known`);
  }

  finish(findings: readonly MapFinding[]): DeploymentGraph {
    const drafts = [...this.nodes.values()];
    const edgeDrafts = [...this.edges.values()];
    for (const finding of [...findings].sort(compareFindings)) {
      const graphFinding = this.graphFinding(finding);
      const holder =
        tightest(finding, drafts, edgeDrafts) ??
        this.sameLine(finding, [...edgeDrafts, ...drafts]) ??
        drafts.find((draft) => draft.files.includes(finding.path));
      if (!holder) continue;
      const list = 'node' in holder ? holder.node.findings : holder.edge.findings;
      if (!list.some((f) => f.id === graphFinding.id && f.message === graphFinding.message)) list.push(graphFinding);
    }
    const rank = (kind: NodeKind) => NODE_KINDS.indexOf(kind);
    drafts.sort((a, b) => rank(a.node.kind) - rank(b.node.kind) || a.order - b.order);
    return {
      version: DEPLOYMENT_GRAPH_VERSION,
      root: this.root,
      nodes: drafts.map((draft) => draft.node),
      edges: edgeDrafts.sort((a, b) => a.order - b.order).map((draft) => draft.edge),
    };
  }

  // --- helpers -------------------------------------------------------------------------------------------

  /** A finding on the line of an anchor (the `proxy_pass` directive whose argument is the anchor). */
  private sameLine(finding: MapFinding, holders: readonly (Draft | EdgeDraft)[]): Draft | EdgeDraft | undefined {
    const line = this.locate(finding.path, finding.range.start).line;
    return holders.find((holder) =>
      holder.anchors.some((anchor) => anchor.path === finding.path && this.locate(anchor.path, anchor.range.start).line === line),
    );
  }

  private node(id: string, kind: NodeKind, label: string, place: Place): Draft {
    let draft = this.nodes.get(id);
    if (!draft) {
      draft = { node: { id, kind, label, details: [], place: this.place(place), findings: [] }, anchors: [], files: [], order: this.nodes.size };
      this.nodes.set(id, draft);
    }
    return draft;
  }

  private socketNode(key: string, text: string, place: Place): Draft {
    return this.node(`socket:${key}`, 'socket', text, place);
  }

  private edge(from: Draft, to: Draft, label: string, anchors: Place[]): void {
    const id = `${from.node.id}\0${to.node.id}`;
    const existing = this.edges.get(id);
    if (existing) {
      existing.anchors.push(...anchors);
      return;
    }
    const edge: GraphEdge = { from: from.node.id, to: to.node.id, label, findings: [] };
    if (anchors[0]) edge.place = this.place(anchors[0]);
    this.edges.set(id, { edge, anchors: [...anchors], order: this.edges.size });
  }

  private place(place: Place): GraphPlace {
    const { line, character } = this.locate(place.path, place.range.start);
    return { path: this.relative(place.path), line, character };
  }

  private graphFinding(finding: MapFinding): GraphFinding {
    return { id: finding.rule, severity: finding.severity, message: finding.message, place: this.place(finding) };
  }

  private relative(file: string): string {
    const relative = path.relative(this.root, file);
    return (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
  }

  /** A stable id part: the file and offset of a place. */
  private where(place: Place): string {
    return `${this.relative(place.path)}:${place.range.start}`;
  }
}

function reachesBind(target: BoundEndpoint['endpoint'], bound: BoundEndpoint, hostnames: readonly string[]): boolean {
  return reaches(target, bound.endpoint) || reachesByName(target, bound.endpoint, hostnames);
}

function addDetail(draft: Draft, detail: string): void {
  if (!draft.node.details.includes(detail)) draft.node.details.push(detail);
}

/** The node or edge whose anchor holds the finding's range most tightly; an edge wins a tie (it is more specific). */
function tightest(finding: MapFinding, nodes: readonly Draft[], edges: readonly EdgeDraft[]): Draft | EdgeDraft | undefined {
  let best: { holder: Draft | EdgeDraft; size: number } | undefined;
  const consider = (holder: Draft | EdgeDraft, anchors: readonly Place[]) => {
    for (const anchor of anchors) {
      if (anchor.path !== finding.path || anchor.range.start > finding.range.start || anchor.range.end < finding.range.end) continue;
      const size = anchor.range.end - anchor.range.start;
      if (!best || size < best.size) best = { holder, size };
    }
  };
  for (const edge of edges) consider(edge, edge.anchors);
  for (const node of nodes) consider(node, node.anchors);
  return best?.holder;
}

function compareFindings(a: MapFinding, b: MapFinding): number {
  return a.path < b.path
    ? -1
    : a.path > b.path
      ? 1
      : a.range.start - b.range.start || a.range.end - b.range.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function sortedBy<T>(items: readonly T[], placeOf: (item: T) => Place): T[] {
  return [...items].sort((a, b) => {
    const [pa, pb] = [placeOf(a), placeOf(b)];
    return pa.path < pb.path ? -1 : pa.path > pb.path ? 1 : pa.range.start - pb.range.start;
  });
}

function filesOf(invocation: Invocation): string[] {
  return [
    invocation.hostPath,
    ...(invocation.supervisor ? [invocation.supervisor.path] : []),
    ...(invocation.config?.path ? [invocation.config.path] : []),
    ...(invocation.app?.modules ?? []),
    ...(invocation.app?.file ? [invocation.app.file] : []),
    ...invocation.socketUnits.map((unit) => unit.path),
    ...(invocation.container?.dockerfile ? [invocation.container.dockerfile] : []),
    ...(invocation.requirements?.files ?? []),
  ];
}

function supervisorPlaces(invocation: Invocation): Place[] {
  const supervisor = invocation.supervisor;
  if (!supervisor) return [];
  const places: (Place | undefined)[] = [
    supervisor.command,
    supervisor.serviceType?.place,
    supervisor.stopTimeout?.place,
    supervisor.reloadsWithHup,
    supervisor.privateTmp,
    supervisor.user?.place,
    supervisor.group?.place,
    supervisor.limitNofile?.place,
    ...(supervisor.runtimeDirectories ?? []).map((directory) => directory.place),
  ];
  const container = invocation.container;
  if (container) {
    places.push(container.pid1?.place, container.init?.place, container.user?.place, container.cpuLimit?.place, container.shellForm, container.workdir?.place);
    places.push(...container.probes.map((probe) => probe.place));
  }
  return places.filter((place): place is Place => place !== undefined);
}

// --- labels --------------------------------------------------------------------------------------------------

const HOST_NAMES: Record<Invocation['host'], string> = {
  config: 'config file',
  systemd: 'systemd',
  procfile: 'Procfile',
  dockerfile: 'Dockerfile',
  compose: 'compose',
  kubernetes: 'Kubernetes',
  supervisord: 'supervisord',
  script: 'script',
};

function gunicornLabel(invocation: Invocation, root: string): string {
  const name = invocation.supervisor?.name ?? path.relative(root, invocation.hostPath).split(path.sep).join('/');
  return `gunicorn (${HOST_NAMES[invocation.host]} ${name})`;
}

/** A setting's value as a person writes it; `?` when it is not a literal. */
export function valueText(value: SettingValue): string {
  if (!value.known) return value.text ?? '?';
  if (Array.isArray(value.value)) return value.value.join(', ');
  return value.value === null ? 'None' : String(value.value);
}

function settingText(invocation: Invocation, name: string, unit = ''): string {
  const setting = settingOf(invocation, name);
  const text = valueText(setting.value);
  const suffix = setting.value.known && unit ? ` ${unit}` : '';
  return `${name} ${text}${suffix}${setting.source === 'default' ? ' (default)' : ''}`;
}

function gunicornDetails(invocation: Invocation): string[] {
  const details = [
    `${settingText(invocation, 'workers')} x ${settingText(invocation, 'threads')}`,
    settingText(invocation, 'worker_class'),
    `${settingText(invocation, 'timeout', 's')}, ${settingText(invocation, 'graceful_timeout', 's')}`,
    settingText(invocation, 'keepalive', 's'),
  ];
  const supervisor = invocation.supervisor;
  if (supervisor?.stopTimeout) details.push(`stop after ${supervisor.stopTimeout.seconds} s (${supervisor.stopTimeout.setting})`);
  const container = invocation.container;
  if (container) {
    details.push(`container (${container.runtime})${container.pid1 ? `, PID 1: ${container.pid1.value}` : ''}`);
    if (container.cpuLimit) details.push(`CPU limit ${container.cpuLimit.value}`);
  }
  const user = supervisor?.user?.value ?? container?.user?.value;
  if (user) details.push(`user ${user}`);
  return details;
}

/** What the config file sets (first few), in the order gunicorn's settings table would not reorder. */
function configDetails(invocation: Invocation): string[] {
  const set = [...invocation.settings.values()].filter((s) => s.source === 'config' || s.overridden.some((o) => o.source === 'config'));
  const lines = set.slice(0, 8).map((s) => {
    const fromConfig = s.source === 'config' ? s : s.overridden.find((o) => o.source === 'config');
    return `${s.name} = ${fromConfig ? valueText(fromConfig.value) : '?'}${s.source === 'config' ? '' : ' (overridden)'}`;
  });
  if (set.length > 8) lines.push(`... ${set.length - 8} more`);
  return lines;
}

function appDetails(invocation: Invocation): string[] {
  const app = invocation.app!;
  const details = [`module ${app.module}`, `${app.factory ? 'factory' : 'variable'} ${app.variable}${app.factory ? '()' : ''}`];
  if (app.kind) details.push(`${app.kind.value.toUpperCase()} (${app.kind.framework})`);
  if (app.resolution === 'module-missing') details.push('module not in the workspace');
  if (app.resolution === 'name-missing') details.push(`${app.variable} not defined in the module`);
  if (app.pools.length > 0) details.push(`${app.pools.length} database pool${app.pools.length > 1 ? 's' : ''} at import`);
  return details;
}

function locationDetails(proxy: NginxProxy): string[] {
  const details: string[] = [];
  if (proxy.serverName) details.push(`server ${proxy.serverName}`);
  details.push(`proxy_pass ${proxy.target}`);
  details.push(`proxy_read_timeout ${proxy.readTimeout ? `${proxy.readTimeout.value} s` : '60 s (default)'}`);
  if (proxy.clientMaxBodySize) details.push(`client_max_body_size ${proxy.clientMaxBodySize.value} bytes`);
  return details;
}
