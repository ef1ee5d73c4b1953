/** Small helpers over web-tree-sitter nodes. Node indexes are UTF-16 code units when the input is a JS string. */
import type { Node } from 'web-tree-sitter';
import type { OffsetRange } from '../../../core/text';

export type { Node };

export function rangeOf(node: Node): OffsetRange {
  return { start: node.startIndex, end: node.endIndex };
}

export function childrenOf(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

export function namedChildrenOf(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** Source text of a node, cut to a bounded length so a 10 MB expression does not get copied around. */
export function boundedText(text: string, node: Node, limit = 2000): string {
  const end = Math.min(node.endIndex, node.startIndex + limit);
  return text.slice(node.startIndex, end) + (node.endIndex > end ? '…' : '');
}

/** `os.environ.get` for identifier/attribute chains; a compacted text for anything else. */
export function dottedName(text: string, node: Node): string {
  return boundedText(text, node, 200).replace(/\s+/g, '');
}
