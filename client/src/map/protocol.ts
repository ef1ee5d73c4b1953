/** Messages between the extension and the map's webview; the graph is the server's JSON (graphTypes.ts). */
import type { DeploymentGraph, GraphPlace } from './graphTypes';

export type { DeploymentGraph, GraphEdge, GraphFinding, GraphNode, GraphPlace, NodeKind } from './graphTypes';

/** Extension -> webview. */
export type ToView = { type: 'graph'; graph: DeploymentGraph | null; error?: string };

/** Webview -> extension: open a file at a place; ready asks for the current graph. */
export type FromView = { type: 'open'; place: GraphPlace } | { type: 'ready' };

export function isFromView(value: unknown): value is FromView {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; place?: Partial<GraphPlace> };
  if (message.type === 'ready') return true;
  const place = message.place;
  return (
    message.type === 'open' &&
    typeof place === 'object' &&
    place !== null &&
    typeof place.path === 'string' &&
    typeof place.line === 'number' &&
    typeof place.character === 'number'
  );
}
