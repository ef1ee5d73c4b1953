/// <reference lib="dom" />
/**
 * The map webview's script (bundled into dist/mapView.js, run under a strict CSP): receives the graph from the
 * extension, lays it out (layout.ts) and draws it as SVG built with DOM calls (no HTML strings, no inline styles).
 * A click (or Enter) on a node or a finding asks the extension to open that place.
 */
import type { FromView, GraphFinding, GraphPlace, ToView } from '../protocol';
import type { DeploymentGraph } from '../protocol';
import { edgePath, layout, LINE_HEIGHT, PADDING, type Box } from './layout';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
/** About this many characters fit a node's width at the stylesheet's font size. */
const MAX_CHARS = 33;

const KIND_NAMES: Record<string, string> = {
  'nginx-location': 'nginx',
  upstream: 'upstream',
  socket: 'socket',
  gunicorn: 'gunicorn',
  config: 'config',
  app: 'app',
};

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

function shorten(text: string, max = MAX_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

function open(place: GraphPlace): void {
  vscode.postMessage({ type: 'open', place });
}

/** Click and keyboard activation, as a button would have. */
function activates(element: Element, action: () => void): void {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.addEventListener('click', (event) => {
    event.stopPropagation();
    action();
  });
  element.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  });
}

function worst(findings: readonly GraphFinding[]): string {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length > 0 ? 'info' : 'clean';
}

const SEVERITY_MARK: Record<GraphFinding['severity'], string> = { error: '\u2716', warning: '\u26a0', info: '\u2139' };

function drawNode(box: Box, parent: Element): void {
  const { node } = box;
  const group = svg(
    'g',
    {
      class: `node kind-${node.kind} ${worst(node.findings)}`,
      'data-node-id': node.id,
      'data-label': node.label,
      'data-path': node.place.path,
      'data-line': node.place.line + 1,
    },
    parent,
  );
  svg('title', {}, group).textContent = [
    node.label,
    ...node.details,
    `${node.place.path}:${node.place.line + 1}`,
    ...node.findings.map((f) => `${f.severity} ${f.id}: ${f.message}`),
  ].join('\n');
  svg('rect', { class: 'box', x: box.x, y: box.y, width: box.width, height: box.height, rx: 6 }, group);
  svg('rect', { class: 'band', x: box.x, y: box.y, width: 5, height: box.height, rx: 2 }, group);
  let y = box.y + PADDING + 12;
  const line = (text: string, cls: string) => {
    const element = svg('text', { class: cls, x: box.x + 12, y }, group);
    element.textContent = shorten(text);
    y += LINE_HEIGHT;
    return element;
  };
  // A small kind tag after the label, unless the label already says it (`upstream myapp`, `gunicorn (...)`); it is
  // smaller type, about two of its characters per character of the label.
  const kind = KIND_NAMES[node.kind] ?? node.kind;
  const tagged = !node.label.includes(kind);
  const title = line(tagged ? shorten(node.label, MAX_CHARS - Math.ceil(kind.length / 2) - 1) : node.label, 'label');
  if (tagged) svg('tspan', { class: 'kind', dx: 6 }, title).textContent = kind;
  for (const detail of node.details) line(detail, 'detail');
  line(`${node.place.path}:${node.place.line + 1}`, 'place');
  for (const finding of node.findings) {
    const element = line(`${SEVERITY_MARK[finding.severity]} ${finding.id}`, `finding ${finding.severity}`);
    svg('title', {}, element).textContent = `${finding.message}\n${finding.place.path}:${finding.place.line + 1}`;
    activates(element, () => open(finding.place));
  }
  activates(group, () => open(node.place));
}

function draw(graph: DeploymentGraph): void {
  const host = document.getElementById('map')!;
  const status = document.getElementById('status')!;
  host.replaceChildren();
  const findings = graph.nodes.reduce((n, node) => n + node.findings.length, 0) + graph.edges.reduce((n, edge) => n + edge.findings.length, 0);
  if (graph.nodes.length === 0) {
    status.textContent = 'No gunicorn deployment in this folder: no gunicorn config, command line, unit or nginx proxy was found.';
    return;
  }
  status.textContent = `${graph.nodes.length} nodes, ${graph.edges.length} links, ${findings} finding${findings === 1 ? '' : 's'}. Click a node or a finding to open its line.`;
  const placed = layout(graph);
  const root = svg('svg', { class: 'graph', width: placed.width, height: placed.height, viewBox: `0 0 ${placed.width} ${placed.height}` }, host);
  const defs = svg('defs', {}, root);
  for (const severity of ['clean', 'error', 'warning', 'info']) {
    const marker = svg(
      'marker',
      { id: `arrow-${severity}`, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      defs,
    );
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `arrow ${severity}` }, marker);
  }
  const boxes = new Map(placed.boxes.map((box) => [box.node.id, box]));
  // Wires under the nodes, their labels over them (a label wider than the gap between columns stays readable).
  const edgeLayer = svg('g', { class: 'edges' }, root);
  const nodeLayer = svg('g', { class: 'nodes' }, root);
  const labelLayer = svg('g', { class: 'edge-labels' }, root);
  for (const edge of graph.edges) {
    const [from, to] = [boxes.get(edge.from), boxes.get(edge.to)];
    if (!from || !to) continue;
    const severity = worst(edge.findings);
    const group = svg('g', { class: `edge ${severity}`, 'data-from': edge.from, 'data-to': edge.to }, edgeLayer);
    const { d, labelX, labelY } = edgePath(from, to);
    svg('path', { class: 'wire', d, 'marker-end': `url(#arrow-${severity})` }, group);
    const labels = svg('g', { class: `edge-label-group ${severity}` }, labelLayer);
    const text = svg('text', { class: 'edge-label', x: labelX, y: labelY, 'text-anchor': 'middle' }, labels);
    text.textContent = edge.label;
    edge.findings.forEach((finding, index) => {
      const mark = svg('text', { class: `finding ${finding.severity}`, x: labelX, y: labelY + (index + 1) * LINE_HEIGHT, 'text-anchor': 'middle' }, labels);
      mark.textContent = `${SEVERITY_MARK[finding.severity]} ${finding.id}`;
      svg('title', {}, mark).textContent = `${finding.message}\n${finding.place.path}:${finding.place.line + 1}`;
      activates(mark, () => open(finding.place));
    });
    svg('title', {}, labels).textContent = [edge.label, ...edge.findings.map((f) => `${f.severity} ${f.id}: ${f.message}`)].join('\n');
    const place = edge.place;
    if (place) activates(text, () => open(place));
  }
  for (const box of placed.boxes) drawNode(box, nodeLayer);
}

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message?.type !== 'graph') return;
  if (message.graph) draw(message.graph);
  else {
    document.getElementById('map')!.replaceChildren();
    document.getElementById('status')!.textContent = message.error ?? 'No deployment map for this folder.';
  }
});
vscode.postMessage({ type: 'ready' });
