/**
 * The deployment map as the server sends it (gunicornLint/deploymentMap). The client imports nothing from the
 * server, so the wire format is written out again here; test/map/webview.test.ts makes the compiler check that both
 * definitions accept the same graphs.
 */
export type NodeKind = 'nginx-location' | 'upstream' | 'socket' | 'gunicorn' | 'config' | 'app';

export interface GraphPlace {
  /** Relative to the graph's root, `/`-separated. */
  path: string;
  line: number;
  character: number;
}

export interface GraphFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  place: GraphPlace;
}

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  details: string[];
  place: GraphPlace;
  findings: GraphFinding[];
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  place?: GraphPlace;
  findings: GraphFinding[];
}

export interface DeploymentGraph {
  version: 1;
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}
