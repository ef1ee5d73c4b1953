/** The deployment map: the graph and its renderings (Mermaid, DOT, JSON). */
export { deploymentGraph, graphFiles } from './graph';
export { renderMermaid } from './mermaid';
export { renderDot } from './dot';
export { renderJson } from './json';
export * from './types';

import { renderDot } from './dot';
import { renderJson } from './json';
import { renderMermaid } from './mermaid';
import type { DeploymentGraph } from './types';

export const MAP_FORMATS = ['mermaid', 'dot', 'json'] as const;
export type MapFormat = (typeof MAP_FORMATS)[number];

export function renderMap(graph: DeploymentGraph, format: MapFormat): string {
  return format === 'mermaid' ? renderMermaid(graph) : format === 'dot' ? renderDot(graph) : renderJson(graph);
}
