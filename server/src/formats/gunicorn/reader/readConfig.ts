/**
 * Reads a gunicorn config module into a ConfigModel: module-level assignments (with the branch arms around them),
 * defs, imports, module-level calls and syntax errors. Pure: it never runs the code.
 *
 * The module is read one top-level statement at a time, and what a statement adds to the model is kept as a
 * StatementPiece. After an edit, a statement whose type, column and text (from the start of its line) are unchanged and that has no
 * syntax error is not read again: its piece is copied with its offsets moved. That holds only for pieces that
 * depend on their own text alone, so a statement that looked up another statement's names (`post_fork = hook`,
 * a call with a lambda's name as argument) is always read again. Reading with or without earlier pieces gives
 * the same model: a fresh parse and an incremental one agree (test/gunicorn-reader/incremental.test.ts).
 */
import type { Tree } from 'web-tree-sitter';
import type { Assignment, BranchStep, CallSite, ConfigModel, FunctionDef, ImportStatement, PyValue, ValueNode } from '../model';
import { callSitesIn } from './calls';
import { boundedText, childrenOf, field, namedChildrenOf, type Node, rangeOf } from './nodes';
import { paramsOf } from './params';
import { Shifter } from './shift';
import { MAX_ITEMS, statementItems, type StatementItem } from './statements';
import { syntaxErrorsIn } from './syntaxErrors';
import { evaluate, type EvalContext } from './values';

/** What one top-level statement added to the model; offsets are as they were when the statement started at `base`. */
export interface StatementPiece {
  /** The statement's node type and column: with the key text, they say it is the same statement. */
  type: string;
  column: number;
  itemCount: number;
  /** Its defs; absent when reading them looked up names (then they depend on other statements). */
  functions?: { base: number; list: FunctionDef[] };
  /** Its assignments, imports and module-level calls; absent when reading them looked up names. */
  reads?: { base: number; assignments: Assignment[]; imports: ImportStatement[]; moduleCalls: CallSite[] };
}

/** Pieces by statement key: its text from the start of its line. */
export type StatementPieces = Map<string, StatementPiece>;

interface TopStatement {
  start: number;
  key: string;
  /** The piece read from the same text before, if any. */
  earlier?: StatementPiece;
  /** Fetched only when the statement is read again. */
  node?: Node;
  /** No syntax error inside: its piece may be kept. */
  clean: boolean;
  items: StatementItem[];
  truncated: boolean;
  /** The piece of this read, taken into the next. */
  piece: StatementPiece;
}

export function emptyModel(): ConfigModel {
  return { assignments: [], functions: [], imports: [], moduleCalls: [], syntaxErrors: [] };
}

export function readConfig(tree: Tree, text: string): ConfigModel {
  return readConfigReusing(tree, text).model;
}

export function readConfigReusing(tree: Tree, text: string, earlier?: StatementPieces): { model: ConfigModel; pieces: StatementPieces } {
  const model = emptyModel();
  const root = tree.rootNode;
  const anyError = root.hasError;
  const statements = topLevelStatements(root, text, earlier, anyError);
  if (!itemsWithinBudget(statements, text)) {
    // Over 100,000 items: a pathological file; read it whole, so the cut falls where a plain read puts it.
    return earlier ? readConfigReusing(tree, text) : { model, pieces: new Map() };
  }
  const functions = new Map<string, FunctionDef>();
  const lambdas = new Map<string, PyValue>();
  const lookups = { count: 0 };
  const context: EvalContext = { text, functions, lambdas, lookups };

  // Defs first, so that `post_fork = my_hook` finds its def wherever it is.
  for (const statement of statements) {
    const kept = statement.earlier?.functions;
    if (kept) {
      const shifter = new Shifter(statement.start - kept.base);
      for (const definition of kept.list) addFunction(model, functions, shifter.functionDef(definition));
      statement.piece.functions = kept;
      continue;
    }
    const before = lookups.count;
    const list: FunctionDef[] = [];
    for (const item of statement.items) {
      if (item.kind !== 'statement') continue;
      const definition = functionNode(item.node);
      if (!definition) continue;
      const def = readFunction(definition, item.node, item.branch, text, context);
      if (!def) continue;
      list.push(def);
      addFunction(model, functions, def);
    }
    if (lookups.count === before) statement.piece.functions = { base: statement.start, list };
  }

  for (const statement of statements) {
    const kept = statement.earlier?.reads;
    if (kept) {
      const shifter = new Shifter(statement.start - kept.base);
      for (const assignment of kept.assignments) {
        const moved = shifter.assignment(assignment);
        model.assignments.push(moved);
        noteLambda(lambdas, moved);
      }
      for (const statementImport of kept.imports) model.imports.push(shifter.importStatement(statementImport));
      for (const site of kept.moduleCalls) model.moduleCalls.push(shifter.call(site));
      statement.piece.reads = kept;
      continue;
    }
    const before = lookups.count;
    const reads = { base: statement.start, assignments: [] as Assignment[], imports: [] as ImportStatement[], moduleCalls: [] as CallSite[] };
    for (const item of statement.items) readItem(item, context, lambdas, reads);
    model.assignments.push(...reads.assignments);
    model.imports.push(...reads.imports);
    model.moduleCalls.push(...reads.moduleCalls);
    if (lookups.count === before) statement.piece.reads = reads;
  }

  model.syntaxErrors = anyError ? syntaxErrorsIn(root) : [];
  const pieces: StatementPieces = new Map();
  for (const statement of statements) {
    if (statement.clean && !statement.truncated && (statement.piece.functions || statement.piece.reads)) pieces.set(statement.key, statement.piece);
  }
  return { model, pieces };
}

function addFunction(model: ConfigModel, functions: Map<string, FunctionDef>, def: FunctionDef): void {
  model.functions.push(def);
  if (!functions.has(def.name)) functions.set(def.name, def);
}

function noteLambda(lambdas: Map<string, PyValue>, assignment: Assignment): void {
  // `handler = lambda ...` lets a later `post_fork = handler` be known as a function.
  if (assignment.value.value.kind === 'function') lambdas.set(assignment.name, assignment.value.value);
  else lambdas.delete(assignment.name);
}

/**
 * The top-level statements, walked with a cursor (cheaper than the node arrays of web-tree-sitter). The node of
 * a statement is fetched only when it has to be read again.
 */
function topLevelStatements(root: Node, text: string, earlier: StatementPieces | undefined, anyError: boolean): TopStatement[] {
  const out: TopStatement[] = [];
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return out;
    do {
      const type = cursor.nodeType;
      if (!cursor.nodeIsNamed || type === 'comment') continue;
      const start = cursor.startIndex;
      const lineStart = lineStartBefore(text, start);
      // The line's text before the statement matters (indentation of fixes), and so does where the statement
      // starts in it: after an error `x = 'a'` may be read as an ERROR for `x =` and a statement `'a'`.
      const key = text.slice(lineStart, cursor.endIndex);
      const column = start - lineStart;
      const found = earlier?.get(key);
      let piece = found && found.type === type && found.column === column ? found : undefined;
      let node: Node | undefined;
      let clean = true;
      if (anyError || !piece?.functions || !piece.reads) {
        node = cursor.currentNode;
        clean = !anyError || !node.hasError;
        if (!clean) piece = undefined;
      }
      out.push({ start, key, earlier: piece, node, clean, items: [], truncated: false, piece: { type, column, itemCount: 0 } });
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return out;
}

function lineStartBefore(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/**
 * Flattens the statements that are read again, sharing the file's item budget with the kept ones. False when a
 * kept piece would not fit in what is left (the caller then reads everything again).
 */
function itemsWithinBudget(statements: TopStatement[], text: string): boolean {
  let budget = MAX_ITEMS;
  for (const statement of statements) {
    const kept = statement.earlier;
    if (kept?.functions && kept.reads) {
      if (kept.itemCount > budget) return false;
      budget -= kept.itemCount;
      statement.piece.itemCount = kept.itemCount;
      continue;
    }
    const { items, truncated } = statementItems(statement.node!, text, budget);
    statement.items = items;
    statement.truncated = truncated;
    statement.piece.itemCount = items.length;
    budget -= items.length;
    if (truncated)
      statement.earlier = undefined; // only part of it is read: nothing of it may be kept
    else if (kept && kept.itemCount !== items.length) statement.earlier = undefined;
  }
  return true;
}

function readItem(
  item: StatementItem,
  context: EvalContext,
  lambdas: Map<string, PyValue>,
  into: { assignments: Assignment[]; imports: ImportStatement[]; moduleCalls: CallSite[] },
): void {
  const node = item.node;
  if (item.kind === 'expression') {
    into.moduleCalls.push(...callSitesIn(node, context, { skipFunctionBodies: true }));
    return;
  }
  if (node.type === 'expression_statement' || node.type === 'assignment' || node.type === 'augmented_assignment') {
    // A bare assignment appears when error recovery put it straight inside an ERROR node.
    const parts = node.type === 'expression_statement' ? namedChildrenOf(node) : [node];
    for (const child of parts) {
      const found =
        child.type === 'assignment'
          ? readAssignment(child, node, item.branch, context)
          : child.type === 'augmented_assignment'
            ? readAugmented(child, node, item.branch, context)
            : [];
      for (const assignment of found) {
        into.assignments.push(assignment);
        noteLambda(lambdas, assignment);
      }
    }
  } else if (node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement') {
    into.imports.push(...readImport(node));
  }
  const definition = functionNode(node);
  if (definition) {
    // Decorators and default values run at import time; the body does not.
    const parts = namedChildrenOf(node).filter((child) => child.type === 'decorator');
    const parameters = field(definition, 'parameters');
    if (parameters) parts.push(parameters);
    for (const part of parts) into.moduleCalls.push(...callSitesIn(part, context, { skipFunctionBodies: true }));
  } else if (!node.type.startsWith('import') && node.type !== 'future_import_statement') {
    into.moduleCalls.push(...callSitesIn(node, context, { skipFunctionBodies: true }));
  }
}

function functionNode(node: Node): Node | undefined {
  if (node.type === 'function_definition') return node;
  if (node.type === 'decorated_definition') {
    const inner = field(node, 'definition');
    return inner?.type === 'function_definition' ? inner : undefined;
  }
  return undefined;
}

function readFunction(node: Node, outer: Node, branch: BranchStep[], text: string, context: EvalContext): FunctionDef | undefined {
  const name = field(node, 'name');
  const parameters = field(node, 'parameters');
  const body = field(node, 'body');
  if (!name || !parameters) return undefined;
  const bodyRange = body ? rangeOf(body) : { start: node.endIndex, end: node.endIndex };
  return {
    name: name.text,
    nameRange: rangeOf(name),
    params: paramsOf(parameters),
    paramsRange: rangeOf(parameters),
    range: rangeOf(outer),
    bodyRange,
    bodyIndent: bodyIndentOf(node, body, text),
    branch,
    isAsync: childrenOf(node).some((child) => child.type === 'async'),
    calls: body ? callSitesIn(body, context, { skipFunctionBodies: false }) : [],
  };
}

function lineIndentAt(text: string, offset: number): { indent: string; onlyWhitespaceBefore: boolean } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const before = text.slice(start, offset);
  const indent = /^[ \t]*/.exec(before)?.[0] ?? '';
  return { indent, onlyWhitespaceBefore: indent.length === before.length };
}

function bodyIndentOf(def: Node, body: Node | undefined, text: string): string {
  const first = body ? namedChildrenOf(body).find((child) => child.type !== 'comment') : undefined;
  if (first) {
    const at = lineIndentAt(text, first.startIndex);
    if (at.onlyWhitespaceBefore) return at.indent;
  }
  return lineIndentAt(text, def.startIndex).indent + '    ';
}

interface Target {
  name: string;
  node: Node;
}

/** `a = b = 1`, `a, b = 1, 2`, `workers: int = 4`. */
function readAssignment(node: Node, statement: Node, branch: BranchStep[], context: EvalContext): Assignment[] {
  const targets: Node[] = [];
  let current: Node = node;
  let valueNode: Node | undefined;
  let annotated = false;
  for (let guard = 0; guard < 1000; guard++) {
    const left = field(current, 'left');
    if (left) targets.push(left);
    if (field(current, 'type')) annotated = true;
    const right = field(current, 'right');
    if (!right) break;
    if (right.type === 'assignment') {
      current = right;
      continue;
    }
    valueNode = right;
    break;
  }
  if (!valueNode) return []; // `x: int` declares, it does not assign
  const value = evaluate(valueNode, context);
  const flattened: { target: Target; value: ValueNode }[] = [];
  for (const target of targets) flattened.push(...pairTargets(target, value, valueNode, context));
  const multiTarget = flattened.length > 1 || targets.length > 1;
  return flattened.map(({ target, value: assigned }) => ({
    name: target.name,
    nameRange: rangeOf(target.node),
    value: assigned,
    statementRange: rangeOf(statement),
    branch,
    annotated,
    augmented: false,
    multiTarget,
  }));
}

function pairTargets(target: Node, value: ValueNode, valueNode: Node, context: EvalContext): { target: Target; value: ValueNode }[] {
  if (target.type === 'identifier') return [{ target: { name: target.text, node: target }, value }];
  if (!['pattern_list', 'tuple_pattern', 'list_pattern'].includes(target.type)) return [];
  const elements = namedChildrenOf(target).filter((child) => child.type !== 'comment');
  const items = value.value.kind === 'tuple' || value.value.kind === 'list' ? value.value.items : undefined;
  const out: { target: Target; value: ValueNode }[] = [];
  elements.forEach((element, index) => {
    const itemValue: ValueNode =
      items && items.length === elements.length && !elements.some((e) => e.type === 'list_splat_pattern')
        ? items[index]
        : { value: { kind: 'unknown', text: boundedText(context.text, valueNode), calls: [] }, range: value.range };
    out.push(...pairTargets(element, itemValue, valueNode, context));
  });
  return out;
}

function readAugmented(node: Node, statement: Node, branch: BranchStep[], context: EvalContext): Assignment[] {
  const left = field(node, 'left');
  const right = field(node, 'right');
  if (!left || !right || left.type !== 'identifier') return [];
  return [
    {
      name: left.text,
      nameRange: rangeOf(left),
      value: evaluate(right, context),
      statementRange: rangeOf(statement),
      branch,
      annotated: false,
      augmented: true,
      multiTarget: false,
    },
  ];
}

function readImport(node: Node): ImportStatement[] {
  const range = rangeOf(node);
  if (node.type === 'future_import_statement') {
    return [{ module: '__future__', names: names(node.childrenForFieldName('name')), range }];
  }
  if (node.type === 'import_statement') {
    return node.childrenForFieldName('name').flatMap((name) => {
      if (!name) return [];
      if (name.type === 'aliased_import') {
        return [{ module: field(name, 'name')?.text ?? '', alias: field(name, 'alias')?.text, names: [], range }];
      }
      return [{ module: name.text, names: [], range }];
    });
  }
  const module = field(node, 'module_name')?.text ?? '';
  const wildcard = namedChildrenOf(node).some((child) => child.type === 'wildcard_import');
  return [{ module, names: wildcard ? [{ name: '*' }] : names(node.childrenForFieldName('name')), range }];
}

function names(nodes: (Node | null)[]): ImportStatement['names'] {
  return nodes.flatMap((name) => {
    if (!name) return [];
    if (name.type === 'aliased_import') return [{ name: field(name, 'name')?.text ?? '', alias: field(name, 'alias')?.text }];
    return [{ name: name.text }];
  });
}
