/**
 * The deployment map in Graphviz DOT (`gunicorn-lint --map dot | dot -Tsvg`). Ids are quoted n0, n1...; labels are
 * DOT strings with `\` and `"` escaped and lines joined by `\l` (left-aligned), so a backslash in a path can never
 * become one of DOT's label escapes (`\N`, `\G`).
 */
import type { DeploymentGraph, GraphFinding, GraphNode, NodeKind } from './types';

const SHAPES: Record<NodeKind, string> = {
  'nginx-location': 'box',
  upstream: 'box',
  socket: 'hexagon',
  gunicorn: 'box3d',
  config: 'note',
  app: 'component',
};

/** A DOT double-quoted string: backslash and quote escaped; line breaks only where we put them. */
export function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n?|\n/g, ' ')}"`;
}

/** Lines as one DOT label string, each line left-aligned (`\l` ends a line). */
function labelOf(lines: readonly string[]): string {
  const escaped = dotString(lines.join('\u0000')).slice(1, -1);
  return `"${escaped.split('\u0000').join('\\l')}\\l"`;
}

function findingLine(finding: GraphFinding): string {
  return `${finding.severity} ${finding.id}: ${finding.message}`;
}

function colorOf(findings: readonly GraphFinding[]): string | undefined {
  if (findings.some((f) => f.severity === 'error')) return '#d1242f';
  if (findings.some((f) => f.severity === 'warning')) return '#bf8700';
  return findings.length > 0 ? '#0969da' : undefined;
}

function nodeLines(node: GraphNode): string[] {
  return [node.label, ...node.details, `${node.place.path}:${node.place.line + 1}`, ...node.findings.map((f) => wrap(findingLine(f)))].flat();
}

/** Long messages broken into lines of about 60 characters, so the drawing stays narrow. */
function wrap(text: string, width = 60): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function renderDot(graph: DeploymentGraph): string {
  const ids = new Map(graph.nodes.map((node, index) => [node.id, `n${index}`]));
  const lines = ['digraph deployment {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const node of graph.nodes) {
    const color = colorOf(node.findings);
    const attributes = [`label=${labelOf(nodeLines(node))}`, `shape=${SHAPES[node.kind]}`, `tooltip=${dotString(node.id)}`];
    if (color) attributes.push(`color="${color}"`, 'penwidth=2');
    lines.push(`  "${ids.get(node.id)}" [${attributes.join(', ')}];`);
  }
  for (const edge of graph.edges) {
    const color = colorOf(edge.findings);
    const attributes = [`label=${labelOf([edge.label, ...edge.findings.flatMap((f) => wrap(findingLine(f)))])}`];
    if (color) attributes.push(`color="${color}"`, `fontcolor="${color}"`, 'penwidth=2');
    lines.push(`  "${ids.get(edge.from)}" -> "${ids.get(edge.to)}" [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
