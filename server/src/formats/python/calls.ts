/** One call as the detectors see it: the callee as written, what the imports say it is, and when it runs. */
import type { QualifiedNames } from './names';
import { assignedName, callArguments, dottedName, field, type Node } from './tree';
import type { PythonModuleFacts } from './types';
import type { RunContext } from './walk';

export interface CallSite {
  node: Node;
  /** `sa.create_engine`, `model.cuda`; undefined when the callee is not a name chain (`f()()`, `x.y().z`). */
  written?: string;
  /** Qualified names the callee may stand for (names.ts). */
  qualified: string[];
  context: RunContext;
  /** The simple module-level name the call's value is assigned to (`engine = create_engine(...)`). */
  assignedTo?: string;
  /** The callee's last attribute (`cuda` for `model.half().cuda()`), for method calls on any receiver. */
  method?: string;
  arguments(): { positional: Node[]; keywords: Map<string, Node> };
}

export interface DetectorState {
  facts: PythonModuleFacts;
  names: QualifiedNames;
  text: string;
}

export type Detector = (call: CallSite, state: DetectorState) => void;

export function callSiteOf(node: Node, names: QualifiedNames, context: RunContext): CallSite {
  const callee = field(node, 'function');
  const written = callee ? dottedName(callee) : undefined;
  const method = callee?.type === 'attribute' ? field(callee, 'attribute')?.text : undefined;
  let cached: ReturnType<typeof callArguments> | undefined;
  return {
    node,
    written,
    qualified: written ? names.qualify(written, context.topFunction) : [],
    context,
    assignedTo: moduleLevelTarget(node, context),
    method,
    arguments: () => (cached ??= callArguments(node)),
  };
}

/** `NAME = <call>` directly at module level (not in a function, not a class attribute). */
function moduleLevelTarget(call: Node, context: RunContext): string | undefined {
  return context.runs === 'import' && !context.inClass ? assignedName(call) : undefined;
}

/** Runs at import or when a top-level function runs: the code a factory or the import itself executes. */
export function runsOnLoad(context: RunContext): boolean {
  return context.runs !== 'later';
}
