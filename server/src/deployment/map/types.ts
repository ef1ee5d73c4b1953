/**
 * The deployment map: the model drawn as a graph a person reads at a glance (nginx locations -> upstreams ->
 * sockets -> gunicorn -> config -> app). It is plain JSON, so the CLI can print it, the LSP can send it, and the
 * editor's webview can draw it without knowing the model. Positions are zero-based (LSP's), paths relative to
 * `root` with `/` separators, so the same workspace gives the same graph on any machine.
 */

/** Bumped when a field changes meaning or disappears (adding fields keeps the version). */
export const DEPLOYMENT_GRAPH_VERSION = 1;

/** Left to right in the drawing: the order a request travels. */
export const NODE_KINDS = ['nginx-location', 'upstream', 'socket', 'gunicorn', 'config', 'app'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface GraphPlace {
  /** Relative to the graph's root, `/`-separated. */
  path: string;
  line: number;
  character: number;
}

export interface GraphFinding {
  /** The check id (`deploy/bind-mismatch`). */
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  place: GraphPlace;
}

export interface GraphNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Short lines under the label: `workers 4 x threads 2`, `timeout 30 s (default)`. */
  details: string[];
  place: GraphPlace;
  findings: GraphFinding[];
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** Where the link is written (the proxy_pass, the bind, the `-c`), when it is written somewhere. */
  place?: GraphPlace;
  findings: GraphFinding[];
}

export interface DeploymentGraph {
  version: typeof DEPLOYMENT_GRAPH_VERSION;
  /** The workspace folder (absolute). */
  root: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A finding as the graph takes it: in a file (absolute path), with its effective severity. */
export interface MapFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: string;
  range: { start: number; end: number };
}

/** Offsets to zero-based line and character in a file (absolute path); the caller reads the text. */
export type Locate = (path: string, offset: number) => { line: number; character: number };
