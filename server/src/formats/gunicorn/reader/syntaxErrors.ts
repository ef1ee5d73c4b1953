/** ERROR and MISSING nodes as syntax problems; only subtrees that contain an error are walked. */
import type { SyntaxProblem } from '../model';
import { childrenOf, type Node, rangeOf } from './nodes';

const MAX_ERRORS = 100;
const MAX_NODES = 100_000;

export function syntaxErrorsIn(root: Node): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  if (!root.hasError) return problems;
  const stack: Node[] = [root];
  let visited = 0;
  while (stack.length > 0 && problems.length < MAX_ERRORS && visited++ < MAX_NODES) {
    const node = stack.pop()!;
    if (node.isMissing) {
      problems.push({ range: rangeOf(node), message: `Syntax error: missing ${JSON.stringify(node.type)}` });
      continue;
    }
    if (node.isError) {
      problems.push({ range: rangeOf(node), message: 'Syntax error' });
      continue;
    }
    const children = childrenOf(node).filter((child) => child.hasError || child.isMissing || child.isError);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return problems;
}
