/** `if` conditions whose body never runs when gunicorn imports the module. */
import { field, type Node, stringValue } from './tree';

/**
 * `if __name__ == "__main__":` runs only when the file is executed as a script, never when gunicorn imports it;
 * `if TYPE_CHECKING:` runs only under a type checker.
 */
export function neverRunsOnImport(condition: Node | undefined): boolean {
  if (!condition) return false;
  if (condition.type === 'identifier') return condition.text === 'TYPE_CHECKING';
  if (condition.type === 'attribute') return condition.text.replace(/\s+/g, '') === 'typing.TYPE_CHECKING';
  if (condition.type !== 'comparison_operator') return false;
  const operands = condition.namedChildren.filter((child): child is Node => child !== null);
  const operators = condition.children.filter((child) => child !== null && !child.isNamed).map((child) => child!.text);
  if (operands.length !== 2 || operators.length !== 1 || operators[0] !== '==') return false;
  const [left, right] = operands;
  return (isDunderName(left) && stringValue(right) === '__main__') || (isDunderName(right) && stringValue(left) === '__main__');
}

function isDunderName(node: Node): boolean {
  return node.type === 'identifier' && node.text === '__name__';
}

/** The blocks of an `if` statement that do run on import, with the consequence dropped when it never does. */
export function ifBranches(statement: Node): { consequence?: Node; alternatives: Node[] } {
  const skip = neverRunsOnImport(field(statement, 'condition'));
  const alternatives: Node[] = [];
  for (const alternative of statement.childrenForFieldName('alternative')) {
    if (!alternative) continue;
    const block = field(alternative, 'consequence') ?? field(alternative, 'body');
    if (block) alternatives.push(block);
  }
  return { consequence: skip ? undefined : field(statement, 'consequence'), alternatives };
}
