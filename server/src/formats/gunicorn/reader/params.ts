/** Parameters of a `def` or `lambda`, classified as gunicorn's arity check counts them. */
import type { Param } from '../model';
import { field, namedChildrenOf, type Node, rangeOf } from './nodes';

function nameNode(node: Node): Node | undefined {
  if (node.type === 'identifier') return node;
  const named = field(node, 'name');
  if (named) return nameNode(named);
  return namedChildrenOf(node).find((child) => child.type === 'identifier' || child.type.endsWith('splat_pattern'));
}

export function paramsOf(parameters: Node): Param[] {
  const params: Param[] = [];
  let keywordOnly = false;
  for (const child of namedChildrenOf(parameters)) {
    if (child.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    if (child.type === 'positional_separator' || child.type === 'comment') continue;
    // typed_parameter wraps `name: T`, `*args: T` and `**kw: T`; look through it.
    const inner = child.type === 'typed_parameter' ? (namedChildrenOf(child)[0] ?? child) : child;
    if (inner.type === 'list_splat_pattern') {
      const name = namedChildrenOf(inner)[0];
      params.push({ name: name?.text ?? '', range: rangeOf(inner), kind: 'star' });
      keywordOnly = true;
      continue;
    }
    if (inner.type === 'dictionary_splat_pattern') {
      const name = namedChildrenOf(inner)[0];
      params.push({ name: name?.text ?? '', range: rangeOf(inner), kind: 'double_star' });
      continue;
    }
    const name = nameNode(inner);
    if (!name) continue;
    const hasDefault = child.type === 'default_parameter' || child.type === 'typed_default_parameter';
    params.push({
      name: name.text,
      range: rangeOf(child),
      kind: keywordOnly ? 'keyword_only' : hasDefault ? 'default' : 'plain',
    });
  }
  return params;
}
