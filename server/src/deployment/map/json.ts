/** The deployment map as JSON: the graph itself (it carries its `version`), two-space indented, one trailing newline. */
import type { DeploymentGraph } from './types';

export function renderJson(graph: DeploymentGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
