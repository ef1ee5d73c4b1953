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

/**
 * Pre-order walk with a tree cursor, which is far cheaper than materialising child arrays. `visit` sees the
 * node's type and its parent's type (and the cursor, for the field name or the node itself), and returns false to skip the node's subtree. At most
 * `budget` nodes are visited.
 */
export function walkTypes(
  root: Node,
  visit: (type: string, parentType: string, cursor: import('web-tree-sitter').TreeCursor) => boolean,
  budget: number,
): void {
  const cursor = root.walk();
  const parents: string[] = [];
  try {
    let descend = visit(cursor.nodeType, '', cursor);
    for (let visited = 1; visited < budget; visited++) {
      if (descend) {
        const type = cursor.nodeType;
        if (cursor.gotoFirstChild()) {
          parents.push(type);
          descend = visit(cursor.nodeType, type, cursor);
          continue;
        }
      }
      // No (wanted) children: the next sibling, else climb until a parent has one.
      let moved = false;
      while (parents.length > 0) {
        if (cursor.gotoNextSibling()) {
          moved = true;
          break;
        }
        cursor.gotoParent();
        parents.pop();
      }
      if (!moved) return;
      descend = visit(cursor.nodeType, parents[parents.length - 1], cursor);
    }
  } finally {
    cursor.delete();
  }
}
