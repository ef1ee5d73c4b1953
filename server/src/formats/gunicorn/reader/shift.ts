/**
 * Copies of model pieces moved by an offset delta: what the reader does with a statement it read before the last
 * edit, when the statement's text is unchanged but sits earlier or later in the file. Every offset in the model is
 * moved: ranges, and branch ids (which are start offsets of if/try statements). Objects shared inside a piece
 * (the branch of statements in one arm, the value of `a = b = 1`) stay shared in the copy.
 *
 * Only pieces that refer to nothing outside their own statement are ever copied (see readConfig.ts), so a function
 * value here never carries a `definition` that lives in another statement; a definition inside the piece is
 * copied like the rest.
 *
 * With a delta of 0 the pieces themselves are returned: models are never modified once read, so the new model
 * may share them with the previous one.
 */
import type { OffsetRange } from '../../../core/text';
import type { Assignment, BranchStep, CallSite, FunctionDef, ImportStatement, Param, PyValue, ValueNode } from '../model';

export class Shifter {
  private readonly copies = new Map<object, object>();

  constructor(private readonly delta: number) {}

  private memo<T extends object>(original: T, copy: () => T): T {
    const known = this.copies.get(original);
    if (known) return known as T;
    const made = copy();
    this.copies.set(original, made);
    return made;
  }

  range(range: OffsetRange): OffsetRange {
    return { start: range.start + this.delta, end: range.end + this.delta };
  }

  branch(branch: BranchStep[]): BranchStep[] {
    return this.memo(branch, () => branch.map((step) => ({ ...step, statement: step.statement + this.delta })));
  }

  param(param: Param): Param {
    return { ...param, range: this.range(param.range) };
  }

  valueNode(node: ValueNode): ValueNode {
    return this.memo(node, () => ({ ...node, value: this.value(node.value), range: this.range(node.range) }));
  }

  // Spread copies keep exactly the keys the reader wrote (an `undefined` fallback stays a present key).
  value(value: PyValue): PyValue {
    switch (value.kind) {
      case 'list':
      case 'tuple':
      case 'set':
        return { ...value, items: value.items.map((item) => this.valueNode(item)) };
      case 'dict':
        return { ...value, entries: value.entries.map((entry) => ({ ...entry, key: this.valueNode(entry.key), value: this.valueNode(entry.value) })) };
      case 'env':
        return value.fallback ? { ...value, fallback: this.valueNode(value.fallback) } : { ...value };
      case 'function':
        return value.definition
          ? { ...value, params: value.params.map((param) => this.param(param)), definition: this.functionDef(value.definition) }
          : { ...value, params: value.params.map((param) => this.param(param)) };
      default:
        return value; // int, float, string, bool, none, unknown: no offsets inside, never changed by anyone
    }
  }

  call(site: CallSite): CallSite {
    if (this.delta === 0) return site;
    return {
      ...site,
      range: this.range(site.range),
      calleeRange: this.range(site.calleeRange),
      args: site.args.map((arg) => this.valueNode(arg)),
      keywords: site.keywords.map((keyword) => ({ ...keyword, value: this.valueNode(keyword.value) })),
    };
  }

  functionDef(definition: FunctionDef): FunctionDef {
    if (this.delta === 0) return definition;
    return this.memo(definition, () => ({
      ...definition,
      nameRange: this.range(definition.nameRange),
      params: definition.params.map((param) => this.param(param)),
      paramsRange: this.range(definition.paramsRange),
      range: this.range(definition.range),
      bodyRange: this.range(definition.bodyRange),
      branch: this.branch(definition.branch),
      calls: definition.calls.map((site) => this.call(site)),
    }));
  }

  assignment(assignment: Assignment): Assignment {
    if (this.delta === 0) return assignment;
    return {
      ...assignment,
      nameRange: this.range(assignment.nameRange),
      value: this.valueNode(assignment.value),
      statementRange: this.range(assignment.statementRange),
      branch: this.branch(assignment.branch),
    };
  }

  importStatement(statement: ImportStatement): ImportStatement {
    if (this.delta === 0) return statement;
    return { ...statement, names: statement.names.map((name) => ({ ...name })), range: this.range(statement.range) };
  }
}
