/**
 * Evaluates a Python expression node as far as that is possible without running anything: literals, containers,
 * simple arithmetic on known numbers and strings, environment look-ups, functions. Everything else is `unknown`
 * with the calls it makes. Recursion is capped so that 10,000 nested parentheses end as `unknown`, not a crash.
 */
import type { FunctionDef, PyValue, ValueNode } from '../model';
import { boundedText, childrenOf, dottedName, field, namedChildrenOf, type Node, rangeOf, walkTypes } from './nodes';
import { decodeEscapes, splitOpening } from './strings';
import { paramsOf } from './params';

export interface EvalContext {
  text: string;
  /** Module-level functions by name, for names that refer to a `def`. */
  functions: ReadonlyMap<string, FunctionDef>;
  /** Names bound to lambdas earlier in the file. */
  lambdas?: ReadonlyMap<string, PyValue>;
  /**
   * Counts look-ups of names in `functions` and `lambdas`: a statement read without any depends on its own text
   * alone, so the reader may keep its piece of the model across edits elsewhere in the file.
   */
  lookups?: { count: number };
}

const MAX_DEPTH = 60;
const MAX_STRING = 1_000_000;
const MAX_CALL_WALK = 200;

export function evaluate(node: Node, context: EvalContext, depth = 0): ValueNode {
  return { value: valueOf(node, context, depth), range: rangeOf(node) };
}

function unknown(node: Node, context: EvalContext): PyValue {
  return { kind: 'unknown', text: boundedText(context.text, node), calls: callsInside(node, context.text) };
}

/** Callee names of the calls inside a node, found with a bounded walk. */
export function callsInside(node: Node, text: string): string[] {
  const calls: string[] = [];
  walkTypes(
    node,
    (type, _parent, cursor) => {
      if (type === 'call') {
        const callee = cursor.currentNode.childForFieldName('function');
        if (callee) calls.push(dottedName(text, callee));
      }
      return true;
    },
    MAX_CALL_WALK,
  );
  return calls;
}

function valueOf(node: Node, context: EvalContext, depth: number): PyValue {
  if (depth > MAX_DEPTH) return unknown(node, context);
  const next = depth + 1;
  switch (node.type) {
    case 'integer':
      return parseInteger(node.text);
    case 'float': {
      const cleaned = node.text.replace(/_/g, '');
      if (/[jJ]$/.test(cleaned)) return unknown(node, context);
      return { kind: 'float', value: Number(cleaned) };
    }
    case 'true':
      return { kind: 'bool', value: true };
    case 'false':
      return { kind: 'bool', value: false };
    case 'none':
      return { kind: 'none' };
    case 'string':
    case 'concatenated_string':
      return stringValue(node, context);
    case 'parenthesized_expression': {
      const inner = namedChildrenOf(node).find((child) => child.type !== 'comment');
      return inner ? valueOf(inner, context, next) : unknown(node, context);
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
      return containerValue(node, context, next);
    case 'dictionary':
      return dictValue(node, context, next);
    case 'unary_operator':
      return unaryValue(node, context, next);
    case 'binary_operator':
      return binaryValue(node, context, next);
    case 'call':
      return callValue(node, context, next);
    case 'subscript':
      return envSubscript(node, context, next) ?? unknown(node, context);
    case 'lambda': {
      const parameters = field(node, 'parameters');
      return { kind: 'function', params: parameters ? paramsOf(parameters) : [] };
    }
    case 'identifier': {
      if (context.lookups) context.lookups.count++;
      const definition = context.functions.get(node.text);
      if (definition) return { kind: 'function', name: definition.name, params: definition.params, definition };
      const lambda = context.lambdas?.get(node.text);
      if (lambda) return lambda;
      return unknown(node, context);
    }
    default:
      return unknown(node, context);
  }
}

export function parseInteger(raw: string): PyValue {
  const cleaned = raw.replace(/_/g, '').toLowerCase();
  let value: number;
  if (/^0x[0-9a-f]+$/.test(cleaned)) value = parseInt(cleaned.slice(2), 16);
  else if (/^0o[0-7]+$/.test(cleaned)) value = parseInt(cleaned.slice(2), 8);
  else if (/^0b[01]+$/.test(cleaned)) value = parseInt(cleaned.slice(2), 2);
  else if (/^\d+$/.test(cleaned)) value = Number(cleaned);
  else return { kind: 'unknown', text: raw, calls: [] };
  return { kind: 'int', value };
}

function stringValue(node: Node, context: EvalContext): PyValue {
  const parts = node.type === 'concatenated_string' ? namedChildrenOf(node).filter((c) => c.type === 'string') : [node];
  let out = '';
  for (const part of parts) {
    const piece = literalString(part, context.text);
    if (piece === undefined) return unknown(node, context);
    out += piece;
    if (out.length > MAX_STRING * 20) return unknown(node, context);
  }
  return { kind: 'string', value: out };
}

/** The value of one string literal, or undefined for f-strings and broken literals. */
function literalString(node: Node, text: string): string | undefined {
  const children = childrenOf(node);
  const start = children.find((child) => child.type === 'string_start');
  const end = children.find((child) => child.type === 'string_end');
  if (!start || !end || end.startIndex < start.endIndex) return undefined;
  const { prefix } = splitOpening(start.text);
  if (prefix.includes('f') || prefix.includes('t')) return undefined;
  if (children.some((child) => child.type === 'interpolation' || child.isError || child.isMissing)) return undefined;
  const body = text.slice(start.endIndex, end.startIndex);
  return prefix.includes('r') ? body : decodeEscapes(body);
}

function containerValue(node: Node, context: EvalContext, depth: number): PyValue {
  const items: ValueNode[] = [];
  for (const child of namedChildrenOf(node)) {
    if (child.type === 'comment') continue;
    if (child.type === 'list_splat' || child.type === 'list_comprehension' || child.type === 'generator_expression') {
      return unknown(node, context);
    }
    items.push(evaluate(child, context, depth));
  }
  const kind = node.type === 'expression_list' ? 'tuple' : (node.type as 'list' | 'tuple' | 'set');
  return { kind, items };
}

function dictValue(node: Node, context: EvalContext, depth: number): PyValue {
  const entries: { key: ValueNode; value: ValueNode }[] = [];
  for (const child of namedChildrenOf(node)) {
    if (child.type === 'comment') continue;
    if (child.type !== 'pair') return unknown(node, context);
    const key = field(child, 'key');
    const value = field(child, 'value');
    if (!key || !value) return unknown(node, context);
    entries.push({ key: evaluate(key, context, depth), value: evaluate(value, context, depth) });
  }
  return { kind: 'dict', entries };
}

function unaryValue(node: Node, context: EvalContext, depth: number): PyValue {
  const operand = field(node, 'argument');
  const operator = field(node, 'operator')?.type ?? childrenOf(node)[0]?.type;
  if (!operand) return unknown(node, context);
  const inner = valueOf(operand, context, depth);
  if (inner.kind === 'int' || inner.kind === 'float') {
    if (operator === '-') return { kind: inner.kind, value: -inner.value };
    if (operator === '+') return inner;
  }
  return unknown(node, context);
}

function isNumber(value: PyValue): value is { kind: 'int' | 'float'; value: number } {
  return value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';
}

function numeric(value: PyValue): number {
  return value.kind === 'bool' ? (value.value ? 1 : 0) : (value as { value: number }).value;
}

function binaryValue(node: Node, context: EvalContext, depth: number): PyValue {
  const leftNode = field(node, 'left');
  const rightNode = field(node, 'right');
  const operator = field(node, 'operator')?.type;
  if (!leftNode || !rightNode || !operator) return unknown(node, context);
  const left = valueOf(leftNode, context, depth);
  const right = valueOf(rightNode, context, depth);
  const result = combine(operator, left, right);
  return result ?? unknown(node, context);
}

function combine(operator: string, left: PyValue, right: PyValue): PyValue | undefined {
  if (isNumber(left) && isNumber(right)) {
    const a = numeric(left);
    const b = numeric(right);
    const floaty = left.kind === 'float' || right.kind === 'float';
    const wrap = (value: number, float = floaty): PyValue | undefined => (Number.isFinite(value) ? { kind: float ? 'float' : 'int', value } : undefined);
    switch (operator) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
        return b === 0 ? undefined : wrap(a / b, true);
      case '//':
        return b === 0 ? undefined : wrap(Math.floor(a / b));
      case '%':
        return b === 0 ? undefined : wrap(a - b * Math.floor(a / b));
      case '**':
        return b < 0 && !floaty ? wrap(a ** b, true) : wrap(a ** b);
      default:
        return undefined;
    }
  }
  if (left.kind === 'string' && right.kind === 'string' && operator === '+') {
    return { kind: 'string', value: left.value + right.value };
  }
  if (operator === '*') {
    const [text, count] = left.kind === 'string' ? [left, right] : [right, left];
    if (text.kind === 'string' && count.kind === 'int') {
      if (count.value * text.value.length > MAX_STRING) return undefined;
      return { kind: 'string', value: text.value.repeat(Math.max(0, count.value)) };
    }
  }
  if (operator === '%' && left.kind === 'string') return percentFormat(left.value, right);
  return undefined;
}

/** `"%s:%d" % (host, port)` with known operands; undefined when anything is not simple. */
function percentFormat(template: string, operand: PyValue): PyValue | undefined {
  const args = operand.kind === 'tuple' ? operand.items.map((item) => item.value) : [operand];
  let index = 0;
  let failed = false;
  const out = template.replace(/%([sdirf%])/g, (_match, conversion: string) => {
    if (conversion === '%') return '%';
    const arg = args[index++];
    const shown = arg ? display(arg, conversion) : undefined;
    if (shown === undefined) failed = true;
    return shown ?? '';
  });
  if (failed || index !== args.length || /%\(/.test(template)) return undefined;
  return { kind: 'string', value: out };
}

function display(value: PyValue, conversion: string): string | undefined {
  if (conversion === 'd' || conversion === 'i') return value.kind === 'int' ? String(value.value) : undefined;
  if (conversion === 'f') return isNumber(value) ? numeric(value).toFixed(6) : undefined;
  switch (value.kind) {
    case 'string':
      return conversion === 'r' ? `'${value.value}'` : value.value;
    case 'int':
      return String(value.value);
    case 'float':
      return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return undefined;
  }
}

const ENV_GETTERS = new Set(['os.environ.get', 'environ.get', 'os.getenv', 'getenv']);
const ENV_MAPPINGS = new Set(['os.environ', 'environ']);
const CASTS = new Set(['int', 'float', 'str', 'bool']);

function callValue(node: Node, context: EvalContext, depth: number): PyValue {
  const callee = field(node, 'function');
  const argumentList = field(node, 'arguments');
  if (!callee || !argumentList || argumentList.type !== 'argument_list') return unknown(node, context);
  const name = dottedName(context.text, callee);
  const args = namedChildrenOf(argumentList).filter((child) => child.type !== 'comment');
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  const keyword = (key: string) => args.find((arg) => arg.type === 'keyword_argument' && field(arg, 'name')?.text === key);
  if (ENV_GETTERS.has(name) && positional.length >= 1) {
    const variable = valueOf(positional[0], context, depth);
    if (variable.kind !== 'string') return unknown(node, context);
    const fallbackNode = positional[1] ?? (keyword('default') && field(keyword('default')!, 'value'));
    return { kind: 'env', variable: variable.value, fallback: fallbackNode ? evaluate(fallbackNode, context, depth) : undefined };
  }
  if (CASTS.has(name) && positional.length === 1 && args.length === 1) {
    const inner = valueOf(positional[0], context, depth);
    if (inner.kind === 'env') {
      const fallback = inner.fallback ? { value: cast(name, inner.fallback.value) ?? inner.fallback.value, range: inner.fallback.range } : undefined;
      return { kind: 'env', variable: inner.variable, fallback };
    }
    const converted = cast(name, inner);
    if (converted) return converted;
  }
  return unknown(node, context);
}

/** What int()/float()/str()/bool() make of a known value; undefined when Python would raise or it is unknown. */
function cast(name: string, value: PyValue): PyValue | undefined {
  switch (name) {
    case 'int':
      if (value.kind === 'int') return value;
      if (value.kind === 'bool') return { kind: 'int', value: value.value ? 1 : 0 };
      if (value.kind === 'float') return { kind: 'int', value: Math.trunc(value.value) };
      if (value.kind === 'string' && /^\s*[-+]?\d[\d_]*\s*$/.test(value.value)) {
        return { kind: 'int', value: Number(value.value.trim().replace(/_/g, '')) };
      }
      return undefined;
    case 'float':
      if (isNumber(value)) return { kind: 'float', value: numeric(value) };
      if (value.kind === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) {
        return { kind: 'float', value: Number(value.value) };
      }
      return undefined;
    case 'str':
      if (value.kind === 'string') return value;
      {
        const shown = display(value, 's');
        return shown === undefined ? undefined : { kind: 'string', value: shown };
      }
    case 'bool':
      if (value.kind === 'bool') return value;
      if (isNumber(value)) return { kind: 'bool', value: numeric(value) !== 0 };
      if (value.kind === 'string') return { kind: 'bool', value: value.value !== '' };
      if (value.kind === 'none') return { kind: 'bool', value: false };
      return undefined;
    default:
      return undefined;
  }
}

function envSubscript(node: Node, context: EvalContext, depth: number): PyValue | undefined {
  const mapping = field(node, 'value');
  const key = field(node, 'subscript');
  if (!mapping || !key || !ENV_MAPPINGS.has(dottedName(context.text, mapping))) return undefined;
  const variable = valueOf(key, context, depth);
  return variable.kind === 'string' ? { kind: 'env', variable: variable.value } : undefined;
}
