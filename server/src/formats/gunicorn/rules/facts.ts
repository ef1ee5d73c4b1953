/**
 * Small facts the gunicorn checks share: which statements bind a setting, the value a setting ends up with as far
 * as a reader can tell, the worker class in use, bind addresses, and a few text helpers for fixes.
 * Nothing here guesses: where a value depends on the environment or a call, the answer is "unknown" and the
 * checks that need it stay quiet.
 */
import type { OffsetRange } from '../../../core/text';
import type { Assignment, BranchStep, ConfigModel, FunctionDef, PyValue, ValueNode } from '../model';
import { areAlternatives } from '../reader/branches';

/** One statement that gives a module-level name a value: an assignment or a `def`. */
export interface Binding {
  name: string;
  nameRange: OffsetRange;
  statementRange: OffsetRange;
  branch: BranchStep[];
  /** The assigned value; for a `def`, a function value built from the definition. */
  value: ValueNode;
  assignment?: Assignment;
  definition?: FunctionDef;
  /** `x += 1`: not a value of its own. */
  augmented: boolean;
}

/** Bindings per model: a dozen checks ask for them on every re-check, and a model never changes once read. */
const bindingsByModel = new WeakMap<ConfigModel, readonly Binding[]>();

/** Every assignment and `def` at module level (inside if/try arms too), in source order. Shared: do not modify. */
export function bindings(model: ConfigModel): readonly Binding[] {
  let all = bindingsByModel.get(model);
  if (!all) {
    all = collectBindings(model);
    bindingsByModel.set(model, all);
  }
  return all;
}

function collectBindings(model: ConfigModel): Binding[] {
  const all: Binding[] = [];
  for (const assignment of model.assignments) {
    all.push({
      name: assignment.name,
      nameRange: assignment.nameRange,
      statementRange: assignment.statementRange,
      branch: assignment.branch,
      value: assignment.value,
      assignment,
      augmented: assignment.augmented,
    });
  }
  for (const definition of model.functions) {
    all.push({
      name: definition.name,
      nameRange: definition.nameRange,
      statementRange: definition.range,
      branch: definition.branch,
      value: { value: { kind: 'function', name: definition.name, params: definition.params, definition }, range: definition.nameRange },
      definition,
      augmented: false,
    });
  }
  return all.sort((a, b) => a.nameRange.start - b.nameRange.start);
}

/** Bindings of exactly this name (gunicorn matches setting names case-sensitively). */
export function bindingsOf(model: ConfigModel, name: string): Binding[] {
  return bindings(model).filter((binding) => binding.name === name);
}

/** What a setting ends up as, as far as the file tells without running it. */
export type Effective = { state: 'absent' } | { state: 'unknown'; binding?: Binding } | { state: 'known'; value: PyValue; binding: Binding };

/**
 * The value a setting has after the file ran. Known only when the last binding is a plain literal and every
 * earlier binding is certainly overwritten by it (the last one is not inside a narrower if/try arm); otherwise
 * the value depends on a branch, an increment, the environment or a call.
 */
export function effectiveSetting(model: ConfigModel, name: string): Effective {
  const all = bindingsOf(model, name);
  if (all.length === 0) return { state: 'absent' };
  const last = all[all.length - 1];
  if (last.augmented || !isLiteral(last.value.value)) return { state: 'unknown', binding: last };
  // Alternatives (if/else) with a different value leave it open; the same value in every arm is still known.
  for (const earlier of all.slice(0, -1)) {
    if (runsWheneverEarlierRuns(last, earlier)) continue;
    if (!sameLiteral(earlier.value.value, last.value.value)) return { state: 'unknown', binding: last };
  }
  // Set only inside if/try arms, with no arm that always runs or an else: the setting may stay at its default.
  const alwaysSet = all.some(
    (binding) => isUnconditional(binding.branch) || binding.branch.some((step) => step.kind === 'if' && step.condition.trim() === 'else'),
  );
  if (!alwaysSet) return { state: 'unknown', binding: last };
  return { state: 'known', value: last.value.value, binding: last };
}

/** True when `later` runs on every path on which `earlier` runs: its arms are a prefix of the earlier's arms. */
export function runsWheneverEarlierRuns(later: { branch: BranchStep[] }, earlier: { branch: BranchStep[] }): boolean {
  if (later.branch.length > earlier.branch.length) return false;
  return later.branch.every((step, index) => {
    const other = earlier.branch[index];
    return other.statement === step.statement && other.arm === step.arm && other.kind === step.kind;
  });
}

/** Both statements can run in one pass through the file. */
export function canRunTogether(a: { branch: BranchStep[] }, b: { branch: BranchStep[] }): boolean {
  return !areAlternatives(a.branch, b.branch);
}

/** `with` blocks always run their body; if/try/for/while arms may not. */
function isUnconditional(branch: BranchStep[]): boolean {
  return branch.every((step) => step.kind === 'with');
}

export function isLiteral(value: PyValue): boolean {
  switch (value.kind) {
    case 'int':
    case 'float':
    case 'string':
    case 'bool':
    case 'none':
      return true;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.every((item) => isLiteral(item.value));
    case 'dict':
      return value.entries.every((entry) => isLiteral(entry.key.value) && isLiteral(entry.value.value));
    default:
      return false;
  }
}

function sameLiteral(a: PyValue, b: PyValue): boolean {
  return JSON.stringify(stripRanges(a)) === JSON.stringify(stripRanges(b));
}

function stripRanges(value: PyValue): unknown {
  switch (value.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return { kind: value.kind, items: value.items.map((item) => stripRanges(item.value)) };
    case 'dict':
      return { kind: 'dict', entries: value.entries.map((entry) => [stripRanges(entry.key.value), stripRanges(entry.value.value)]) };
    default:
      return value;
  }
}

/** A number literal (bool counts, as Python's int() accepts it), else undefined. */
export function numberOf(value: PyValue): number | undefined {
  if (value.kind === 'int' || value.kind === 'float') return value.value;
  if (value.kind === 'bool') return value.value ? 1 : 0;
  return undefined;
}

export function stringOf(value: PyValue): string | undefined {
  return value.kind === 'string' ? value.value : undefined;
}

/** `True` literally (gunicorn's validate_bool also takes the strings "true"/"True"; ints it refuses). */
export function isTrue(value: PyValue): boolean {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string') return value.value.trim().toLowerCase() === 'true';
  return false;
}

const SYNC_NAMES = new Set(['sync', 'gunicorn.workers.sync.SyncWorker', 'egg:gunicorn#sync']);

/**
 * The worker class gunicorn will load: 'sync' when the setting is absent, the literal string when known,
 * undefined when it depends on something the file does not tell.
 */
export function workerClassInUse(model: ConfigModel): string | undefined {
  const effective = effectiveSetting(model, 'worker_class');
  if (effective.state === 'absent') return 'sync';
  if (effective.state === 'unknown') return undefined;
  return stringOf(effective.value)?.trim();
}

export function isSyncWorkerName(name: string): boolean {
  return SYNC_NAMES.has(name);
}

/** The sync worker, unless `threads > 1` turns it into gthread (gunicorn's Config.worker_class does that). */
export function runsSyncWorker(model: ConfigModel): boolean | undefined {
  const worker = workerClassInUse(model);
  if (worker === undefined) return undefined;
  if (!isSyncWorkerName(worker)) return false;
  const threads = threadCount(model);
  if (threads === undefined) return undefined;
  return threads <= 1;
}

/** `threads` as a number: 1 when absent, undefined when unknown. */
export function threadCount(model: ConfigModel): number | undefined {
  const effective = effectiveSetting(model, 'threads');
  if (effective.state === 'absent') return 1;
  if (effective.state === 'unknown') return undefined;
  return numberOf(effective.value);
}

/** The start of the line holding `offset`, and that line's indentation. */
export function lineAround(text: string, offset: number): { start: number; end: number; indent: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  const indent = /^[ \t]*/.exec(text.slice(start, end))?.[0] ?? '';
  return { start, end, indent };
}

/** Text for a new line placed right after the statement ending at `statementEnd`, same indentation as its start. */
export function insertLineAfter(text: string, statementStart: number, statementEnd: number, line: string): { range: OffsetRange; newText: string } {
  const indent = lineAround(text, statementStart).indent;
  const end = lineAround(text, Math.max(statementStart, statementEnd - 1)).end;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: end, end }, newText: `${newline}${indent}${line}` };
}

/** The quote a string literal's source starts with (after any prefix), to keep the user's style in rewrites. */
export function quoteOf(source: string): string {
  const match = /^[rRbBuUfF]*("""|'''|"|')/.exec(source);
  return match?.[1] ?? '"';
}

/** Python's `//` for the literal a fix writes. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
