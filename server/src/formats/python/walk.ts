/**
 * A pre-order walk of a whole module that knows when each node runs (types.ts `Runs`): module level and class
 * bodies at import; the body of a top-level function when it is called; nested functions, methods, lambdas and
 * `if __name__ == "__main__":` later or never. Uses a tree cursor (no child arrays, no recursion) and visits at
 * most `budget` nodes, so a huge or deeply nested module costs a bounded amount.
 */
import type { TreeCursor } from 'web-tree-sitter';
import { neverRunsOnImport } from './guards';
import { field, type Node } from './tree';
import type { Runs } from './types';

export interface RunContext {
  runs: Runs;
  /** The top-level function the node is in, at any depth (for the imports visible there). */
  topFunction?: string;
  /** Directly in a class body: definitions there are methods, whose bodies run later. */
  inClass: boolean;
}

/** Returns false to skip the node's subtree. */
export type Visitor = (type: string, cursor: TreeCursor, context: RunContext) => boolean;

interface Frame {
  context: RunContext;
  /** The child field whose subtree runs differently (a body), and how. */
  special?: { field: string; context: RunContext };
}

const LATER = (context: RunContext): RunContext => ({ runs: 'later', topFunction: context.topFunction, inClass: false });

function specialOf(type: string, cursor: TreeCursor, context: RunContext): Frame['special'] {
  switch (type) {
    case 'function_definition': {
      const topLevel = context.runs === 'import' && !context.inClass && context.topFunction === undefined;
      const name = topLevel ? field(cursor.currentNode, 'name')?.text : undefined;
      return { field: 'body', context: name ? { runs: `call:${name}`, topFunction: name, inClass: false } : LATER(context) };
    }
    case 'lambda':
      return { field: 'body', context: LATER(context) };
    case 'class_definition':
      return { field: 'body', context: { ...context, inClass: true } };
    case 'if_statement':
      return neverRunsOnImport(field(cursor.currentNode, 'condition')) ? { field: 'consequence', context: LATER(context) } : undefined;
    default:
      return undefined;
  }
}

export function walkModule(root: Node, visit: Visitor, budget: number): void {
  const cursor = root.walk();
  const frames: Frame[] = [];
  const enter = (context: RunContext): boolean => {
    const type = cursor.nodeType;
    const descend = visit(type, cursor, context);
    if (descend) frames.push({ context, special: specialOf(type, cursor, context) });
    return descend;
  };
  const contextOfChild = (): RunContext => {
    const parent = frames[frames.length - 1];
    if (parent.special && cursor.currentFieldName === parent.special.field) return parent.special.context;
    // Everything under a class body keeps `inClass`, so a method is known as one; a function body resets it.
    return parent.context;
  };
  try {
    let descend = enter({ runs: 'import', inClass: false });
    for (let visited = 1; visited < budget; visited++) {
      if (descend && cursor.gotoFirstChild()) {
        descend = enter(contextOfChild());
        continue;
      }
      if (descend) frames.pop(); // a leaf: its frame was pushed but it has no children
      let moved = false;
      while (frames.length > 0) {
        if (cursor.gotoNextSibling()) {
          moved = true;
          break;
        }
        cursor.gotoParent();
        frames.pop();
      }
      if (!moved) return;
      descend = enter(contextOfChild());
    }
  } finally {
    cursor.delete();
  }
}
