/**
 * Flattens a module's statements into a list in source order, each with the if/try/with/for/while arms around
 * it. Function and class bodies are not entered (they are not module-level assignments). Iterative, with a cap on
 * nesting, so deeply nested input cannot overflow the stack.
 */
import type { BranchStep } from '../model';
import { boundedText, childrenOf, field, namedChildrenOf, type Node } from './nodes';
import { TRY_ELSE } from './branches';

export type StatementItem =
  | { kind: 'statement'; node: Node; branch: BranchStep[] }
  /** An expression evaluated at module level (an if condition, a with item): only its calls matter. */
  | { kind: 'expression'; node: Node; branch: BranchStep[] };

const MAX_NESTING = 100;
/** Items read from one file at most; the reader shares this budget among its top-level statements. */
export const MAX_ITEMS = 100_000;

/**
 * One top-level statement flattened, within a budget of items: the same depth-first order a walk of the whole
 * module gives, so reading statement by statement gives the same items as reading the module at once.
 */
export function statementItems(statement: Node, text: string, budget: number): { items: StatementItem[]; truncated: boolean } {
  const items: StatementItem[] = [];
  const work: StatementItem[] = [{ kind: 'statement', node: statement, branch: [] }];
  while (work.length > 0 && items.length < budget) {
    const item = work.pop()!;
    if (item.kind === 'expression') {
      items.push(item);
      continue;
    }
    const nested = expand(item.node, item.branch, text);
    if (nested === undefined) items.push(item);
    else for (let i = nested.length - 1; i >= 0; i--) work.push(nested[i]);
  }
  return { items, truncated: work.length > 0 };
}

function blockItems(block: Node | undefined, branch: BranchStep[]): StatementItem[] {
  if (!block) return [];
  return namedChildrenOf(block)
    .filter((child) => child.type !== 'comment')
    .map((node) => ({ kind: 'statement', node, branch }) as StatementItem);
}

function expression(node: Node | undefined, branch: BranchStep[]): StatementItem[] {
  return node ? [{ kind: 'expression', node, branch }] : [];
}

function step(statement: Node, arm: number, kind: BranchStep['kind'], condition: string): BranchStep {
  return { statement: statement.startIndex, arm, kind, condition };
}

/** The statements inside a compound statement, or undefined for a simple statement. */
function expand(node: Node, branch: BranchStep[], text: string): StatementItem[] | undefined {
  if (branch.length >= MAX_NESTING && isCompound(node.type)) return [];
  const cond = (n: Node | undefined) => (n ? boundedText(text, n, 300) : '');
  switch (node.type) {
    case 'if_statement': {
      const out = expression(field(node, 'condition'), branch);
      out.push(...blockItems(field(node, 'consequence'), [...branch, step(node, 0, 'if', cond(field(node, 'condition')))]));
      let arm = 1;
      for (const alternative of node.childrenForFieldName('alternative')) {
        if (!alternative) continue;
        if (alternative.type === 'elif_clause') {
          const condition = field(alternative, 'condition');
          out.push(...expression(condition, branch));
          out.push(...blockItems(field(alternative, 'consequence'), [...branch, step(node, arm++, 'if', cond(condition))]));
        } else {
          out.push(...blockItems(field(alternative, 'body'), [...branch, step(node, arm++, 'if', 'else')]));
        }
      }
      return out;
    }
    case 'try_statement': {
      const out = blockItems(field(node, 'body'), [...branch, step(node, 0, 'try', 'try')]);
      const clauses = namedChildrenOf(node);
      const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      handlers.forEach((handler, index) => {
        const block = namedChildrenOf(handler).find((c) => c.type === 'block');
        const caught = namedChildrenOf(handler).find((c) => c.type !== 'block' && c.type !== 'comment');
        const condition = caught ? `except ${cond(caught)}` : 'except';
        out.push(...blockItems(block, [...branch, step(node, index + 1, 'try', condition)]));
      });
      const elseClause = clauses.find((c) => c.type === 'else_clause');
      if (elseClause) out.push(...blockItems(field(elseClause, 'body'), [...branch, step(node, handlers.length + 1, 'try', TRY_ELSE)]));
      const finallyClause = clauses.find((c) => c.type === 'finally_clause');
      if (finallyClause)
        out.push(
          ...blockItems(
            namedChildrenOf(finallyClause).find((c) => c.type === 'block'),
            branch,
          ),
        );
      return out;
    }
    case 'with_statement': {
      const out: StatementItem[] = [];
      for (const child of namedChildrenOf(node)) if (child.type === 'with_clause') out.push(...expression(child, branch));
      out.push(...blockItems(field(node, 'body'), [...branch, step(node, 0, 'with', 'with')]));
      return out;
    }
    case 'for_statement':
    case 'while_statement': {
      const kind = node.type === 'for_statement' ? 'for' : 'while';
      const head = kind === 'for' ? field(node, 'right') : field(node, 'condition');
      const out = expression(head, branch);
      out.push(...blockItems(field(node, 'body'), [...branch, step(node, 0, kind, cond(head))]));
      const alternative = field(node, 'alternative');
      if (alternative) out.push(...blockItems(field(alternative, 'body'), [...branch, step(node, 1, kind, 'else')]));
      return out;
    }
    case 'match_statement': {
      const out = expression(field(node, 'subject'), branch);
      const body = field(node, 'body');
      let arm = 0;
      for (const clause of body ? namedChildrenOf(body) : []) {
        if (clause.type !== 'case_clause') continue;
        const block = field(clause, 'consequence') ?? namedChildrenOf(clause).find((c) => c.type === 'block');
        out.push(...blockItems(block, [...branch, step(node, arm++, 'if', cond(clause).split('\n')[0])]));
      }
      return out;
    }
    case 'ERROR': {
      // While the user types, good statements can end up inside an ERROR node; keep the ones that are whole.
      return childrenOf(node)
        .filter((child) => child.isNamed && child.type !== 'comment')
        .map((child) => ({ kind: 'statement', node: child, branch }) as StatementItem);
    }
    default:
      return undefined;
  }
}

function isCompound(type: string): boolean {
  return ['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement', 'ERROR'].includes(type);
}
