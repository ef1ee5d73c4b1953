/**
 * The first pass over a module: its statements (not expressions), for the names the module binds at module level
 * and the imports it makes, at module level and in the bodies of its top-level functions (a factory's imports run
 * when gunicorn calls it). Blocks of `if`/`try`/`with`/`for`/`while`/`match` are entered, since their bindings
 * exist after import; function and class bodies are not, apart from top-level functions for their imports.
 * Iterative with a budget: deeply nested input cannot exhaust the stack.
 */
import { ifBranches } from './guards';
import { QualifiedNames } from './names';
import { dottedName, field, namedChildren, type Node, rangeOf } from './tree';
import type { Binding, ImportFact } from './types';
import { shapeOf } from './values';

const MAX_STATEMENTS = 50_000;
const MAX_TARGET_NAMES = 200;

export interface StatementFacts {
  bindings: Binding[];
  imports: ImportFact[];
  names: QualifiedNames;
  dynamicNames: boolean;
}

interface Pending {
  block: Node;
  /** The top-level function whose body this is; undefined at module level. */
  topFunction?: string;
}

export function readStatements(module: Node): StatementFacts {
  const facts: StatementFacts = { bindings: [], imports: [], names: new QualifiedNames(), dynamicNames: false };
  /** Bindings whose value shape waits for every import to be known. */
  const values: { binding: Binding; node: Node }[] = [];
  const stack: Pending[] = [{ block: module }];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_STATEMENTS) {
    const { block, topFunction } = stack.pop()!;
    const statements = namedChildren(block);
    // Reversed onto the stack, so blocks are read in source order.
    const nested: Pending[] = [];
    for (const statement of statements) {
      if (++seen > MAX_STATEMENTS) break;
      const bind = topFunction === undefined;
      const push = (child: Node | undefined) => child && nested.push({ block: child, topFunction });
      switch (statement.type) {
        case 'import_statement':
          readImport(statement, facts, topFunction);
          break;
        case 'import_from_statement':
          readFromImport(statement, facts, topFunction);
          break;
        case 'expression_statement':
          if (bind) readExpressionStatement(statement, facts, values);
          break;
        case 'decorated_definition': {
          const definition = field(statement, 'definition');
          if (definition) readDefinition(definition, statement, facts, topFunction, nested);
          break;
        }
        case 'function_definition':
        case 'class_definition':
          readDefinition(statement, statement, facts, topFunction, nested);
          break;
        case 'if_statement': {
          const { consequence, alternatives } = ifBranches(statement);
          push(consequence);
          alternatives.forEach(push);
          break;
        }
        case 'try_statement':
          for (const child of namedChildren(statement)) {
            if (child.type === 'block') push(child);
            else if (child.type === 'except_clause' || child.type === 'except_group_clause') {
              push(namedChildren(child).find((part) => part.type === 'block'));
            } else push(field(child, 'body') ?? namedChildren(child).find((part) => part.type === 'block'));
          }
          break;
        case 'with_statement':
          if (bind) for (const target of withTargets(statement)) addTargets(target, statement, facts, undefined);
          push(field(statement, 'body'));
          break;
        case 'for_statement':
          if (bind) {
            const left = field(statement, 'left');
            if (left) addTargets(left, statement, facts, undefined);
          }
          push(field(statement, 'body'));
          push(elseBody(statement));
          break;
        case 'while_statement':
          push(field(statement, 'body'));
          push(elseBody(statement));
          break;
        case 'match_statement':
          for (const clause of namedChildren(field(statement, 'body') ?? statement)) {
            if (clause.type === 'case_clause') push(field(clause, 'consequence'));
          }
          break;
        default:
          break;
      }
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]);
  }
  for (const { binding, node } of values) binding.value = shapeOf(node, facts.names, undefined);
  // Blocks were read after the statements around them: source order is what "the last binding" means.
  facts.bindings.sort((a, b) => a.range.start - b.range.start);
  facts.imports.sort((a, b) => a.range.start - b.range.start);
  return facts;
}

function readDefinition(definition: Node, statement: Node, facts: StatementFacts, topFunction: string | undefined, nested: Pending[]): void {
  const name = field(definition, 'name');
  if (topFunction !== undefined || !name) return; // nested definitions bind nothing at module level
  const isFunction = definition.type === 'function_definition';
  facts.bindings.push({ name: name.text, kind: isFunction ? 'function' : 'class', range: rangeOf(name), statement: rangeOf(statement) });
  // A module-level __getattr__ (PEP 562) answers for any name.
  if (isFunction && name.text === '__getattr__') facts.dynamicNames = true;
  const body = field(definition, 'body');
  // A body is read only for its imports: one without the word needs no walk (a string search is far cheaper).
  if (isFunction && body && body.text.includes('import')) nested.push({ block: body, topFunction: name.text });
}

function readImport(statement: Node, facts: StatementFacts, topFunction: string | undefined): void {
  const runs = topFunction === undefined ? 'import' : (`call:${topFunction}` as const);
  for (const item of statement.childrenForFieldName('name')) {
    if (!item) continue;
    const aliased = item.type === 'aliased_import';
    const dotted = aliased ? field(item, 'name') : item;
    const alias = aliased ? field(item, 'alias') : undefined;
    if (!dotted) continue;
    const module = dotted.text.replace(/\s+/g, '');
    facts.imports.push({ module, level: 0, range: rangeOf(item), runs });
    // `import a.b` binds `a` (the top package); `import a.b as c` binds `c` to `a.b`.
    const local = alias ? alias.text : module.split('.')[0];
    const bound = alias ? module : local;
    facts.names.add(local, bound, topFunction);
    if (topFunction === undefined) {
      const nameNode = alias ?? dotted.namedChildren[0] ?? dotted;
      facts.bindings.push({ name: local, kind: 'import', range: rangeOf(nameNode), statement: rangeOf(statement), from: { module: bound, level: 0 } });
    }
  }
}

function readFromImport(statement: Node, facts: StatementFacts, topFunction: string | undefined): void {
  const runs = topFunction === undefined ? 'import' : (`call:${topFunction}` as const);
  const moduleNode = field(statement, 'module_name');
  if (!moduleNode) return;
  let level = 0;
  let module = moduleNode.text.replace(/\s+/g, '');
  if (moduleNode.type === 'relative_import') {
    const prefix = namedChildren(moduleNode).find((child) => child.type === 'import_prefix');
    level = prefix ? prefix.text.length : 0;
    module =
      namedChildren(moduleNode)
        .find((child) => child.type === 'dotted_name')
        ?.text.replace(/\s+/g, '') ?? '';
  }
  const qualifiedModule = '.'.repeat(level) + module;
  const star = namedChildren(statement).some((child) => child.type === 'wildcard_import');
  if (star) {
    facts.imports.push({ module, level, star: true, range: rangeOf(statement), runs });
    facts.names.addStar(qualifiedModule);
    return;
  }
  const names: string[] = [];
  for (const item of statement.childrenForFieldName('name')) {
    if (!item) continue;
    const aliased = item.type === 'aliased_import';
    const nameNode = aliased ? field(item, 'name') : item;
    const alias = aliased ? field(item, 'alias') : undefined;
    if (!nameNode) continue;
    const name = nameNode.text.replace(/\s+/g, '');
    names.push(name);
    const local = alias ? alias.text : name;
    const joined = qualifiedModule.endsWith('.') || qualifiedModule === '' ? qualifiedModule + name : `${qualifiedModule}.${name}`;
    facts.names.add(local, joined, topFunction);
    if (topFunction === undefined) {
      facts.bindings.push({ name: local, kind: 'import', range: rangeOf(alias ?? nameNode), statement: rangeOf(statement), from: { module, level, name } });
    }
  }
  facts.imports.push({ module, level, names, range: rangeOf(statement), runs });
}

function readExpressionStatement(statement: Node, facts: StatementFacts, values: { binding: Binding; node: Node }[]): void {
  for (const expression of namedChildren(statement)) {
    if (expression.type === 'assignment') readAssignment(expression, statement, facts, values);
    else if (expression.type === 'call') {
      // exec(...) and globals().update(...) at module level may bind any name.
      const callee = field(expression, 'function');
      const written = callee && dottedName(callee);
      if (written === 'exec' || /^(globals|vars)\(\)\.(update|setdefault)$/.test(callee?.text.replace(/\s+/g, '') ?? '')) facts.dynamicNames = true;
    } else if (expression.type === 'parenthesized_expression') {
      const inner = expression.namedChildren[0];
      if (inner?.type === 'named_expression') {
        const name = field(inner, 'name');
        if (name) facts.bindings.push({ name: name.text, kind: 'variable', range: rangeOf(name), statement: rangeOf(statement) });
      }
    }
  }
}

function readAssignment(assignment: Node, statement: Node, facts: StatementFacts, values: { binding: Binding; node: Node }[]): void {
  // `a = b = value`: the right side nests; every left side gets the final value.
  const lefts: Node[] = [];
  let current: Node | undefined = assignment;
  let guard = 0;
  while (current?.type === 'assignment' && guard++ < 100) {
    const left = field(current, 'left');
    if (left) lefts.push(left);
    current = field(current, 'right');
  }
  // `x: int` with no value declares a type and binds nothing.
  if (!current) return;
  for (const left of lefts) {
    if (left.type === 'subscript' && /^(globals|vars)\(\)/.test(left.text)) facts.dynamicNames = true;
    addTargets(left, statement, facts, left.type === 'identifier' ? current : undefined, values);
  }
}

/** Binds every name in an assignment target (`a`, `a, (b, c)`, `[d, *e]`); attributes and subscripts bind none. */
function addTargets(target: Node, statement: Node, facts: StatementFacts, value: Node | undefined, values?: { binding: Binding; node: Node }[]): void {
  const queue = [target];
  let count = 0;
  while (queue.length > 0 && count++ < MAX_TARGET_NAMES) {
    const node = queue.shift()!;
    if (node.type === 'identifier') {
      const binding: Binding = { name: node.text, kind: 'variable', range: rangeOf(node), statement: rangeOf(statement) };
      facts.bindings.push(binding);
      if (value && values) values.push({ binding, node: value });
    } else if (
      [
        'pattern_list',
        'tuple_pattern',
        'list_pattern',
        'tuple',
        'list',
        'list_splat_pattern',
        'parenthesized_expression',
        'as_pattern_target',
        'expression_list',
      ].includes(node.type)
    ) {
      queue.push(...namedChildren(node));
    }
  }
}

/** The `else:` block of a loop, if any. */
function elseBody(loop: Node): Node | undefined {
  const alternative = field(loop, 'alternative');
  return alternative && field(alternative, 'body');
}

/** The `as` targets of a with statement. */
function withTargets(statement: Node): Node[] {
  const targets: Node[] = [];
  for (const clause of namedChildren(statement)) {
    if (clause.type !== 'with_clause') continue;
    for (const item of namedChildren(clause)) {
      const value = field(item, 'value');
      if (value?.type === 'as_pattern') {
        const alias = field(value, 'alias');
        if (alias) targets.push(alias);
      }
    }
  }
  return targets;
}
