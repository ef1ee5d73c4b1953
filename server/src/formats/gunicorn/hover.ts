/**
 * Hover in gunicorn.conf.py: on a setting name, on a hook def, on an atom inside access_log_format, and on values
 * that carry meaning (worker classes, log levels, enumerated values).
 */
import type { AnalysisContext, HoverResult } from '../../core/format';
import { code } from '../../core/markdown';
import { atomNamed, settingNamed } from '../../knowledge/gunicorn/index';
import type { GunicornSetting } from '../../knowledge/gunicorn/types';
import type { OffsetRange } from '../../core/text';
import type { GunicornDocument } from './context';
import type { Assignment, ValueNode } from './model';
import { atomMarkdown, settingMarkdown, settingValueMarkdown } from '../../knowledge/gunicorn/describe';
import { atomsIn } from './atomsInText';

function inside(range: OffsetRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

export function gunicornHover(context: AnalysisContext<GunicornDocument>, offset: number, version?: string): HoverResult | undefined {
  const { model } = context.document;
  const text = context.document.text;
  for (const assignment of model.assignments) {
    if (inside(assignment.nameRange, offset)) {
      const setting = settingNamed(assignment.name);
      return setting ? { range: assignment.nameRange, markdown: settingMarkdown(setting, version) } : undefined;
    }
    if (inside(assignment.value.range, offset)) {
      const setting = settingNamed(assignment.name);
      if (setting) return valueHover(setting, assignment, text, offset);
    }
  }
  for (const definition of model.functions) {
    if (inside(definition.nameRange, offset)) {
      const setting = settingNamed(definition.name);
      if (setting?.kind === 'callable') return { range: definition.nameRange, markdown: settingMarkdown(setting, version) };
      return undefined;
    }
  }
  return undefined;
}

function valueHover(setting: GunicornSetting, assignment: Assignment, text: string, offset: number): HoverResult | undefined {
  if (setting.name === 'access_log_format') return atomHover(text, assignment.value.range, offset);
  const node = stringAt(assignment.value, offset);
  if (!node || node.value.kind !== 'string') return undefined;
  return stringValueHover(setting, node.value.value, node.range);
}

/** Hover for a string value of a setting: a worker class, a log level, an enumerated value. */
function stringValueHover(setting: GunicornSetting, value: string, range: OffsetRange): HoverResult | undefined {
  const markdown = settingValueMarkdown(setting, value);
  return markdown ? { range, markdown } : undefined;
}

/** The string literal under the offset: the value itself, or an item of a list/tuple value. */
function stringAt(node: ValueNode, offset: number): ValueNode | undefined {
  if (!inside(node.range, offset)) return undefined;
  if (node.value.kind === 'string') return node;
  if (node.value.kind === 'list' || node.value.kind === 'tuple' || node.value.kind === 'set') {
    for (const item of node.value.items) {
      const found = stringAt(item, offset);
      if (found) return found;
    }
  }
  if (node.value.kind === 'env' && node.value.fallback) return stringAt(node.value.fallback, offset);
  return undefined;
}

function atomHover(text: string, range: OffsetRange, offset: number): HoverResult | undefined {
  for (const atom of atomsIn(text, range)) {
    if (offset < atom.range.start || offset >= atom.range.end) continue;
    const known = atomNamed(atom.key);
    if (known) return { range: atom.range, markdown: atomMarkdown(known, atom.written) };
    return { range: atom.range, markdown: `${code(atom.written)} — not an access log atom gunicorn knows; it logs a dash for it.` };
  }
  return undefined;
}
