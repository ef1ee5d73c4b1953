/** Helpers of the deployment map tests: the map of a real folder through the real service. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deploymentMap, type DeploymentGraph } from '../../server/src/service/deploymentMap';
import { LanguageService } from '../../server/src/service/languageService';
import type { GraphEdge, GraphNode } from '../../server/src/deployment/map/types';
import { repoRoot } from '../support/repo';

export async function mapOf(folder: string): Promise<DeploymentGraph> {
  const root = path.isAbsolute(folder) ? folder : path.join(repoRoot(), folder);
  const service = await LanguageService.create({ root });
  return deploymentMap(service);
}

export function nodeLabelled(graph: DeploymentGraph, kind: GraphNode['kind'], label: string): GraphNode {
  const found = graph.nodes.filter((node) => node.kind === kind && node.label === label);
  if (found.length !== 1) throw new Error(`expected one ${kind} "${label}", got ${found.length}: ${graph.nodes.map((n) => `${n.kind} ${n.label}`).join('; ')}`);
  return found[0];
}

export function edgesBetween(graph: DeploymentGraph, from: GraphNode, to: GraphNode): GraphEdge[] {
  return graph.edges.filter((edge) => edge.from === from.id && edge.to === to.id);
}

export function edgesInto(graph: DeploymentGraph, node: GraphNode): GraphEdge[] {
  return graph.edges.filter((edge) => edge.to === node.id);
}

/** Zero-based line of the first line of a file that contains `needle`. */
export function lineOf(folder: string, file: string, needle: string): number {
  const lines = fs.readFileSync(path.join(repoRoot(), folder, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${file}`);
  return index;
}
