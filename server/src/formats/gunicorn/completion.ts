/**
 * Completion in gunicorn.conf.py: setting names at module level (as `name = default` snippets), hook definitions
 * after `def `, values inside the string of an enumerated setting (worker classes for worker_class), and atoms
 * after `%(` inside access_log_format. Works from the text around the cursor, so it also works on the unfinished
 * line being typed (which the parser often sees as an error). At the start of a module-level line, the snippets of
 * snippets/gunicorn.json too (see snippets.ts).
 */
import type { AnalysisContext, CompletionResult } from '../../core/format';
import type { OffsetRange } from '../../core/text';
import { settingValueItems } from '../../commandline/valueCompletion';
import { ACCESS_LOG_ATOMS, GUNICORN_SETTINGS, settingNamed } from '../../knowledge/gunicorn/index';
import { availability as settingAvailability } from '../../knowledge/gunicorn/availability';
import type { GunicornSetting } from '../../knowledge/gunicorn/types';
import type { GunicornDocument } from './context';
import { hookSignature, settingMarkdown } from '../../knowledge/gunicorn/describe';
import { snippetCompletion } from './snippets';

const LINE_PREFIX_LIMIT = 4000;

function linePrefix(text: string, offset: number): { prefix: string; lineStart: number } {
  let start = offset;
  while (start > 0 && offset - start < LINE_PREFIX_LIMIT && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return { prefix: text.slice(start, offset), lineStart: start };
}

export function gunicornCompletion(context: AnalysisContext<GunicornDocument>, offset: number, version: string): CompletionResult[] {
  const text = context.document.text;
  if (offset < 0 || offset > text.length) return [];
  const { prefix, lineStart } = linePrefix(text, offset);

  const atoms = atomCompletion(context, prefix, offset);
  if (atoms) return atoms;

  // `name = "partial` on one line: values of that setting.
  const valueMatch = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?:[rRuU]?)(["'])([^"'\\]*)$/.exec(prefix);
  if (valueMatch) {
    const setting = settingNamed(valueMatch[1]);
    const partial = valueMatch[3];
    return setting ? settingValueItems(setting, { start: offset - partial.length, end: offset }, version) : [];
  }

  // `name = ` before any quote: literal values of that setting.
  const bareValue = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(\w*)$/.exec(prefix);
  if (bareValue) {
    const setting = settingNamed(bareValue[1]);
    const partial = bareValue[2];
    return setting ? literalCompletion(setting, { start: offset - partial.length, end: offset }, version) : [];
  }

  const defMatch = /^(async\s+)?def\s+(\w*)$/.exec(prefix);
  if (defMatch) return hookCompletion(context, { start: lineStart + (defMatch[1]?.length ?? 0), end: offset }, version, defMatch[2]);

  const nameMatch = /^([A-Za-z_]\w*)?$/.exec(prefix);
  if (nameMatch) {
    const replace = { start: lineStart, end: offset };
    return [...settingCompletion(context, replace, version), ...snippetCompletion(context, replace)];
  }
  return [];
}

function pythonLiteral(value: unknown): string | undefined {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map(pythonLiteral);
    return items.some((item) => item === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const shown = pythonLiteral(v);
      return shown === undefined ? undefined : `${JSON.stringify(k)}: ${shown}`;
    });
    return entries.some((entry) => entry === undefined) ? undefined : `{${entries.join(', ')}}`;
  }
  return undefined;
}

function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => '\\' + ch);
}

function defaultText(setting: GunicornSetting): string {
  return pythonLiteral(setting.default) ?? setting.defaultSource;
}

/** The setting items of a version, without their replace range: the same for every request. */
const settingItemsByVersion = new Map<string, readonly CompletionResult[]>();
const MAX_VERSIONS = 50;

function settingItems(version: string): readonly CompletionResult[] {
  let items = settingItemsByVersion.get(version);
  if (items) return items;
  items = GUNICORN_SETTINGS.map((setting): CompletionResult => {
    const available = settingAvailability(setting, version) === 'available';
    const isHook = setting.kind === 'callable';
    return {
      label: setting.name,
      kind: isHook ? 'hook' : 'setting',
      detail: isHook ? hookSignature(setting) : setting.summary,
      documentation: settingMarkdown(setting, version),
      insertText: isHook
        ? `def ${setting.name}(${(setting.hookParams ?? []).join(', ')}):\n    \${0:pass}`
        : `${setting.name} = \${1:${snippetEscape(defaultText(setting))}}`,
      snippet: true,
      sortText: `${available ? '0' : '9'}${isHook ? '1' : '0'}${setting.name}`,
      deprecated: !available,
    };
  });
  if (settingItemsByVersion.size >= MAX_VERSIONS) settingItemsByVersion.clear();
  settingItemsByVersion.set(version, items);
  return items;
}

function settingCompletion(context: AnalysisContext<GunicornDocument>, replace: OffsetRange, version: string): CompletionResult[] {
  const assigned = new Set(context.document.model.assignments.map((a) => a.name));
  for (const definition of context.document.model.functions) assigned.add(definition.name);
  const out: CompletionResult[] = [];
  for (const item of settingItems(version)) {
    if (!assigned.has(item.label)) out.push({ ...item, replace });
  }
  return out;
}

function hookCompletion(context: AnalysisContext<GunicornDocument>, replace: OffsetRange, version: string, typed: string): CompletionResult[] {
  const defined = new Set(context.document.model.functions.map((f) => f.name));
  return GUNICORN_SETTINGS.filter((setting) => setting.kind === 'callable' && !(defined.has(setting.name) && setting.name !== typed)).map((setting) => {
    const available = settingAvailability(setting, version) === 'available';
    return {
      label: setting.name,
      kind: 'hook',
      detail: hookSignature(setting),
      documentation: settingMarkdown(setting, version),
      insertText: `def ${setting.name}(${(setting.hookParams ?? []).join(', ')}):\n    \${0:pass}`,
      snippet: true,
      replace,
      filterText: `def ${setting.name}`,
      sortText: `${available ? '0' : '9'}${setting.name}`,
      deprecated: !available,
    } satisfies CompletionResult;
  });
}

/** Values typed without quotes yet: True/False for booleans, quoted strings for enumerated settings. */
function literalCompletion(setting: GunicornSetting, replace: OffsetRange, version: string): CompletionResult[] {
  if (setting.kind === 'bool') {
    return ['True', 'False'].map((label) => ({ label, kind: 'value', detail: setting.name, replace }));
  }
  return settingValueItems(setting, replace, version).map((item) => ({
    ...item,
    insertText: JSON.stringify(item.label),
    filterText: JSON.stringify(item.label),
  }));
}

/** After `%(` inside access_log_format (on its line, or anywhere inside its value). */
function atomCompletion(context: AnalysisContext<GunicornDocument>, prefix: string, offset: number): CompletionResult[] | undefined {
  const open = /%\(([^()\s"']*)$/.exec(prefix);
  if (!open) return undefined;
  const onLine = /^\s*access_log_format\s*(?::[^=]*)?=/.test(prefix);
  const inValue = context.document.model.assignments.some(
    (a) => a.name === 'access_log_format' && offset >= a.value.range.start && offset <= a.value.range.end,
  );
  if (!onLine && !inValue) return undefined;
  const replace = { start: offset - open[1].length, end: offset };
  const after = context.document.text.slice(offset, offset + 3);
  const closes = after.startsWith(')');
  return ACCESS_LOG_ATOMS.map((atom) => ({
    label: atom.atom,
    kind: 'atom',
    detail: atom.summary,
    documentation: atom.docs,
    // `{header}i` puts the header name in a placeholder.
    insertText: atom.atom.replace(/^\{([^}]*)\}/, '{\${1:$1}\\}') + (closes ? '' : ')s'),
    snippet: true,
    replace,
  }));
}
