/**
 * What the Python reader extracts from a gunicorn config file: the facts every gunicorn check, hover and
 * completion reads. Nothing is executed: values are literals, simple arithmetic on literals, or marked unknown.
 */
import type { OffsetRange } from '../../core/text';

/** A value as far as it can be known without running anything. */
export type PyValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple' | 'set'; items: ValueNode[] }
  | { kind: 'dict'; entries: { key: ValueNode; value: ValueNode }[] }
  /** `os.environ.get("X", default)`, `os.getenv("X", default)`, `os.environ["X"]`: depends on the environment. */
  | { kind: 'env'; variable: string; fallback?: ValueNode }
  /** A lambda, or a name bound to a `def` in this file. */
  | { kind: 'function'; name?: string; params: Param[]; definition?: FunctionDef }
  /** Anything else: a call, a name, an expression with unknowns. `text` is the source. */
  | { kind: 'unknown'; text: string; calls: string[] };

export interface ValueNode {
  value: PyValue;
  range: OffsetRange;
}

export interface Param {
  name: string;
  range: OffsetRange;
  /** `plain` counts toward arity; `default` has a default value; `*args`, `**kwargs`, keyword-only. */
  kind: 'plain' | 'default' | 'star' | 'double_star' | 'keyword_only';
}

/**
 * Where a statement sits among if/elif/else and try/except/else/finally arms. Two statements are alternatives
 * (never both run) when they share a `statement` id with different `arm`s, and neither arm is a try's `finally`
 * or a try body against its handlers... in short: `areAlternatives()` in branches.ts decides.
 */
export interface BranchStep {
  /** A stable id of the if/try statement within this file (its start offset). */
  statement: number;
  /** 0 = the if body / try body, 1.. = elif/else / except arms, in order. */
  arm: number;
  kind: 'if' | 'try' | 'with' | 'for' | 'while';
  /** The condition source of this arm (`os.environ.get("ENV") == "dev"`, `else` for else arms, `except` ...). */
  condition: string;
}

export interface Assignment {
  /** The name as written (case kept): `workers`, `WORKERS`. */
  name: string;
  nameRange: OffsetRange;
  value: ValueNode;
  /** The whole statement, for fixes that remove or rewrite it. */
  statementRange: OffsetRange;
  branch: BranchStep[];
  /** `workers: int = 4` */
  annotated: boolean;
  /** `workers += 1` and friends: the value is an increment, not the setting's value. */
  augmented: boolean;
  /** Part of a tuple/multiple target (`a = b = 1`, `a, b = 1, 2`). */
  multiTarget: boolean;
}

export interface CallSite {
  /** The callee as written, dotted: `signal.signal`, `create_engine`, `engine.dispose`. */
  callee: string;
  range: OffsetRange;
  calleeRange: OffsetRange;
  args: ValueNode[];
  keywords: { name: string; value: ValueNode }[];
}

export interface FunctionDef {
  name: string;
  nameRange: OffsetRange;
  params: Param[];
  /** The parameter list including parentheses, for fixes that rewrite it. */
  paramsRange: OffsetRange;
  /** The whole `def` statement (decorators included). */
  range: OffsetRange;
  /** The body block. */
  bodyRange: OffsetRange;
  /** Indentation of the body's first statement (for fixes that add lines). */
  bodyIndent: string;
  branch: BranchStep[];
  isAsync: boolean;
  /** Every call inside the body (nested functions included). */
  calls: CallSite[];
}

export interface ImportStatement {
  /** `import os.path as p` -> module "os.path", alias "p"; `from x import y as z` -> module "x", names [{y, z}]. */
  module: string;
  alias?: string;
  names: { name: string; alias?: string }[];
  range: OffsetRange;
}

export interface SyntaxProblem {
  range: OffsetRange;
  message: string;
}

export interface ConfigModel {
  /** Module-level assignments (inside if/try/with arms too), in source order. */
  assignments: Assignment[];
  /** Module-level `def`s (inside if/try arms too), in source order. */
  functions: FunctionDef[];
  imports: ImportStatement[];
  /** Calls at module level (outside any def), in source order. */
  moduleCalls: CallSite[];
  syntaxErrors: SyntaxProblem[];
}
