/**
 * Reads a gunicorn config module into a ConfigModel: module-level assignments (with the branch arms around them),
 * defs, imports, module-level calls and syntax errors. Pure: it never runs the code.
 */
import type { Tree } from 'web-tree-sitter';
import type { Assignment, BranchStep, ConfigModel, FunctionDef, ImportStatement, PyValue, ValueNode } from '../model';
import { callSitesIn } from './calls';
import { boundedText, childrenOf, field, namedChildrenOf, type Node, rangeOf } from './nodes';
import { paramsOf } from './params';
import { moduleStatements } from './statements';
import { syntaxErrorsIn } from './syntaxErrors';
import { evaluate, type EvalContext } from './values';

export function emptyModel(): ConfigModel {
  return { assignments: [], functions: [], imports: [], moduleCalls: [], syntaxErrors: [] };
}

export function readConfig(tree: Tree, text: string): ConfigModel {
  const model = emptyModel();
  const root = tree.rootNode;
  const items = moduleStatements(root, text);
  const functions = new Map<string, FunctionDef>();
  const lambdas = new Map<string, PyValue>();
  const context: EvalContext = { text, functions, lambdas };

  // Defs first, so that `post_fork = my_hook` finds its def wherever it is.
  for (const item of items) {
    if (item.kind !== 'statement') continue;
    const definition = functionNode(item.node);
    if (!definition) continue;
    const def = readFunction(definition, item.node, item.branch, text, context);
    if (!def) continue;
    model.functions.push(def);
    if (!functions.has(def.name)) functions.set(def.name, def);
  }

  for (const item of items) {
    const node = item.node;
    if (item.kind === 'expression') {
      model.moduleCalls.push(...callSitesIn(node, context, { skipFunctionBodies: true }));
      continue;
    }
    if (node.type === 'expression_statement' || node.type === 'assignment' || node.type === 'augmented_assignment') {
      // A bare assignment appears when error recovery put it straight inside an ERROR node.
      const parts = node.type === 'expression_statement' ? namedChildrenOf(node) : [node];
      for (const child of parts) {
        const found =
          child.type === 'assignment' ? readAssignment(child, node, item.branch, context)
          : child.type === 'augmented_assignment' ? readAugmented(child, node, item.branch, context)
          : [];
        for (const assignment of found) {
          model.assignments.push(assignment);
          // `handler = lambda ...` lets a later `post_fork = handler` be known as a function.
          if (assignment.value.value.kind === 'function') lambdas.set(assignment.name, assignment.value.value);
          else lambdas.delete(assignment.name);
        }
      }
    } else if (node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement') {
      model.imports.push(...readImport(node));
    }
    const definition = functionNode(node);
    if (definition) {
      // Decorators and default values run at import time; the body does not.
      const parts = namedChildrenOf(node).filter((child) => child.type === 'decorator');
      const parameters = field(definition, 'parameters');
      if (parameters) parts.push(parameters);
      for (const part of parts) model.moduleCalls.push(...callSitesIn(part, context, { skipFunctionBodies: true }));
    } else if (!node.type.startsWith('import') && node.type !== 'future_import_statement') {
      model.moduleCalls.push(...callSitesIn(node, context, { skipFunctionBodies: true }));
    }
  }
  model.syntaxErrors = syntaxErrorsIn(root);
  return model;
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
  return [{
    name: left.text,
    nameRange: rangeOf(left),
    value: evaluate(right, context),
    statementRange: rangeOf(statement),
    branch,
    annotated: false,
    augmented: true,
    multiTarget: false,
  }];
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
