/** Small helpers over web-tree-sitter nodes. Indexes are UTF-16 code units, since the parser is given JS strings. */
import type { Node } from 'web-tree-sitter';
import type { OffsetRange } from '../../core/text';

export type { Node };

export function rangeOf(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

export function childrenOfField(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name).filter((child): child is Node => child !== null);
}

/**
 * `a.b.c` for identifier and attribute chains, with subscripts kept as written (`connections["x"].cursor`);
 * undefined for anything else (calls, literals) or when too long to be a name anyone writes.
 */
export function dottedName(node: Node, budget = 12): string | undefined {
  if (budget <= 0) return undefined;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = field(node, 'object');
    const attribute = field(node, 'attribute');
    const head = object && dottedName(object, budget - 1);
    return head && attribute ? `${head}.${attribute.text}` : undefined;
  }
  if (node.type === 'subscript') {
    const value = field(node, 'value');
    const head = value && dottedName(value, budget - 1);
    if (!head || node.endIndex - node.startIndex > 200) return undefined;
    const index = node.text.slice(value.endIndex - node.startIndex);
    return `${head}${index}`;
  }
  return undefined;
}

/** The value of a plain string literal (no f-string interpolation); escapes are left as written. */
export function stringValue(node: Node): string | undefined {
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of namedChildren(node)) {
      const value = stringValue(part);
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const part of namedChildren(node)) {
    if (part.type === 'string_content') out += part.text;
    else if (part.type === 'interpolation') return undefined;
  }
  return out;
}

/** The call's positional arguments and its keyword arguments by name. */
export function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node> } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const list = field(call, 'arguments');
  if (!list || list.type !== 'argument_list') return { positional, keywords };
  for (const argument of namedChildren(list)) {
    if (argument.type === 'keyword_argument') {
      const name = field(argument, 'name');
      const value = field(argument, 'value');
      if (name && value) keywords.set(name.text, value);
    } else positional.push(argument);
  }
  return { positional, keywords };
}

/** The simple name an expression is assigned to (`name = <expression>`), in any scope. */
export function assignedName(expression: Node): string | undefined {
  const parent = expression.parent;
  if (parent?.type !== 'assignment' || field(parent, 'right')?.id !== expression.id) return undefined;
  const left = field(parent, 'left');
  return left?.type === 'identifier' ? left.text : undefined;
}
