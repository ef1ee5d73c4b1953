/**
 * A small layered layout for the deployment map: one column per node kind in request order (nginx on the left, the
 * app on the right), nodes ordered within a column by the mean position of their neighbours (two sweeps, which is
 * enough for graphs of a few dozen nodes), edges as curves from a node's right side to the next one's left side.
 * Pure: sizes in, coordinates out, so it can be tested without a browser.
 */
import type { DeploymentGraph, GraphNode, NodeKind } from '../protocol';

export const NODE_WIDTH = 220;
export const LINE_HEIGHT = 16;
export const PADDING = 8;
const COLUMN_GAP = 104;
const ROW_GAP = 26;
const MARGIN = 20;
const ORDER: readonly NodeKind[] = ['nginx-location', 'upstream', 'socket', 'gunicorn', 'config', 'app'];

export interface Box {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
}

export interface Layout {
  boxes: Box[];
  width: number;
  height: number;
}

/** The lines a node shows: label, details, its file and line, one per finding. */
export function nodeLineCount(node: GraphNode): number {
  return 1 + node.details.length + 1 + node.findings.length;
}

export function layout(graph: DeploymentGraph): Layout {
  const kinds = ORDER.filter((kind) => graph.nodes.some((node) => node.kind === kind));
  const columns: GraphNode[][] = kinds.map((kind) => graph.nodes.filter((node) => node.kind === kind));
  const neighbours = new Map<string, string[]>();
  for (const edge of graph.edges) {
    neighbours.set(edge.from, [...(neighbours.get(edge.from) ?? []), edge.to]);
    neighbours.set(edge.to, [...(neighbours.get(edge.to) ?? []), edge.from]);
  }
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 0; c < columns.length; c++) {
      const position = new Map<string, number>();
      columns.forEach((column, index) => {
        if (index !== c) column.forEach((node, row) => position.set(node.id, row / Math.max(1, column.length - 1)));
      });
      const weight = (node: GraphNode, row: number): number => {
        const known = (neighbours.get(node.id) ?? []).flatMap((id) => (position.has(id) ? [position.get(id)!] : []));
        return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : row / Math.max(1, columns[c].length - 1);
      };
      const weighted = columns[c].map((node, row) => ({ node, row, weight: weight(node, row) }));
      weighted.sort((a, b) => a.weight - b.weight || a.row - b.row);
      columns[c] = weighted.map((item) => item.node);
    }
  }
  const heightOf = (node: GraphNode) => PADDING * 2 + nodeLineCount(node) * LINE_HEIGHT;
  const columnHeights = columns.map((column) => column.reduce((sum, node) => sum + heightOf(node), 0) + ROW_GAP * Math.max(0, column.length - 1));
  const tallest = Math.max(0, ...columnHeights);
  const boxes: Box[] = [];
  columns.forEach((column, c) => {
    let y = MARGIN + (tallest - columnHeights[c]) / 2;
    for (const node of column) {
      const height = heightOf(node);
      boxes.push({ node, x: MARGIN + c * (NODE_WIDTH + COLUMN_GAP), y, width: NODE_WIDTH, height, column: c });
      y += height + ROW_GAP;
    }
  });
  return {
    boxes,
    width: MARGIN * 2 + Math.max(0, columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP),
    height: MARGIN * 2 + tallest,
  };
}

/** The curve of an edge: from the right side of one box to the left side of the other (or back round, for a rare edge leftwards). */
export function edgePath(from: Box, to: Box): { d: string; labelX: number; labelY: number } {
  const [x1, y1] = [from.x + from.width, from.y + from.height / 2];
  const [x2, y2] = [to.x, to.y + to.height / 2];
  const bend = Math.max(40, Math.abs(x2 - x1) / 2);
  const d = `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`;
  // A link that skips a column would have its midpoint on a node of that column: label it near its start instead.
  if (to.column - from.column > 1) return { d, labelX: x1 + COLUMN_GAP / 2, labelY: y1 - 4 };
  return { d, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 - 4 };
}
