/**
 * The deployment map as a Mermaid flowchart, for READMEs and docs that render Mermaid. Node ids are n0, n1... in the
 * graph's order; every label is one double-quoted string in which anything but plain letters, digits and a few
 * punctuation marks is written as a numeric entity (`#34;`), so no text from a config can end a label or start
 * Mermaid syntax. Findings are lines in the label and a red (error) or orange (warning) outline.
 */
import type { DeploymentGraph, GraphFinding, GraphNode, NodeKind } from './types';

/** Opening and closing brackets of each kind's shape. */
const SHAPES: Record<NodeKind, [string, string]> = {
  'nginx-location': ['[', ']'],
  upstream: ['([', '])'],
  socket: ['{{', '}}'],
  gunicorn: ['[[', ']]'],
  config: ['[/', '/]'],
  app: ['(', ')'],
};

/** Characters written as they are inside a quoted label; everything else becomes `#<code point>;`. */
const PLAIN = /[A-Za-z0-9 .,:_()=/+*@-]/;

export function mermaidText(text: string): string {
  let out = '';
  for (const char of text) out += PLAIN.test(char) ? char : `#${char.codePointAt(0)};`;
  return out;
}

function label(lines: readonly string[]): string {
  return `"${lines.map(mermaidText).join('<br/>')}"`;
}

function findingLine(finding: GraphFinding): string {
  return `${finding.severity} ${finding.id}`;
}

function worst(findings: readonly GraphFinding[]): 'error' | 'warning' | 'info' | undefined {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length > 0 ? 'info' : undefined;
}

function nodeLines(node: GraphNode): string[] {
  return [node.label, ...node.details, `${node.place.path}:${node.place.line + 1}`, ...node.findings.map(findingLine)];
}

export function renderMermaid(graph: DeploymentGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const [open, close] = SHAPES[node.kind];
    lines.push(`  ${ids.get(node.id)}${open}${label(nodeLines(node))}${close}`);
  }
  const styledEdges: string[] = [];
  graph.edges.forEach((edge, index) => {
    const text = [edge.label, ...edge.findings.map(findingLine)];
    lines.push(`  ${ids.get(edge.from)} -->|${label(text)}| ${ids.get(edge.to)}`);
    const severity = worst(edge.findings);
    if (severity) styledEdges.push(`  linkStyle ${index} stroke:${COLORS[severity]},stroke-width:3px`);
  });
  lines.push(...styledEdges);
  lines.push(`  classDef error stroke:${COLORS.error},stroke-width:3px`);
  lines.push(`  classDef warning stroke:${COLORS.warning},stroke-width:3px`);
  lines.push(`  classDef info stroke:${COLORS.info},stroke-width:2px`);
  for (const node of graph.nodes) {
    const severity = worst(node.findings);
    if (severity) lines.push(`  class ${ids.get(node.id)} ${severity}`);
  }
  return `${lines.join('\n')}\n`;
}

const COLORS = { error: '#d1242f', warning: '#bf8700', info: '#0969da' } as const;
