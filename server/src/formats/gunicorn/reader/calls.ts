/** Call sites inside a subtree, with their arguments evaluated; bounded for pathological input. */
import type { CallSite } from '../model';
import { dottedName, field, namedChildrenOf, type Node, rangeOf, walkTypes } from './nodes';
import { evaluate, type EvalContext } from './values';

const MAX_CALLS = 1000;
const MAX_NODES = 200_000;

export interface CallWalkOptions {
  /** Stop at nested `def` and `lambda` bodies (module-level calls run at import; those do not). */
  skipFunctionBodies: boolean;
}

export function callSitesIn(root: Node, context: EvalContext, options: CallWalkOptions): CallSite[] {
  const sites: CallSite[] = [];
  walkTypes(
    root,
    (type, parentType, cursor) => {
      // Decorators and default values run at definition time; bodies do not.
      if (options.skipFunctionBodies && (parentType === 'function_definition' || parentType === 'lambda') && cursor.currentFieldName === 'body') return false;
      if (type === 'call' && sites.length < MAX_CALLS) {
        const site = callSite(cursor.currentNode, context);
        if (site) sites.push(site);
      }
      return sites.length < MAX_CALLS;
    },
    MAX_NODES,
  );
  return sites;
}

function callSite(node: Node, context: EvalContext): CallSite | undefined {
  const callee = field(node, 'function');
  if (!callee) return undefined;
  const argumentList = field(node, 'arguments');
  const args: CallSite['args'] = [];
  const keywords: CallSite['keywords'] = [];
  if (argumentList && argumentList.type === 'argument_list') {
    for (const arg of namedChildrenOf(argumentList)) {
      if (arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name');
        const value = field(arg, 'value');
        if (name && value) keywords.push({ name: name.text, value: evaluate(value, context, 40) });
      } else args.push(evaluate(arg, context, 40));
    }
  } else if (argumentList) {
    args.push(evaluate(argumentList, context, 40)); // a generator argument: f(x for x in y)
  }
  return { callee: dottedName(context.text, callee), range: rangeOf(node), calleeRange: rangeOf(callee), args, keywords };
}
