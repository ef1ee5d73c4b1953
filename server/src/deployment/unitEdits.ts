/**
 * Edits to a systemd unit for the deploy/ fixes: set a [Service] directive by changing the value that is there, or
 * by adding a line after a given entry (the ExecStart= that runs gunicorn) or at the end of [Service]. The unit is
 * parsed from its current text, so an edit lands where the file is now, not where it was when the model was built.
 */
import type { FileEdit } from '../core/findings';
import { parseUnit } from '../formats/systemd/parser';
import type { UnitDocument, UnitEntry } from '../formats/systemd/document';

function serviceEntries(doc: UnitDocument): UnitEntry[] {
  return doc.entries.filter((e) => e.section === 'Service');
}

/** The entry whose logical line holds `offset`, if any. */
export function entryAt(doc: UnitDocument, offset: number): UnitEntry | undefined {
  return doc.entries.find((e) => e.range.start <= offset && offset <= e.range.end);
}

/**
 * `KEY=VALUE` in [Service]: the last existing `KEY=` gets the new value (systemd takes the last one), else a line is
 * added after the entry at `after` (when it is in [Service]) or after the section's last entry. Undefined when
 * the file has no [Service] section to put it in.
 */
export function setServiceDirective(text: string, path: string, key: string, value: string, after?: number): FileEdit | undefined {
  const doc = parseUnit(text, path);
  const entries = serviceEntries(doc);
  const existing = entries.filter((e) => e.key === key).pop();
  if (existing) return { path, range: existing.valueRange, newText: value };
  return addServiceLine(doc, path, `${key}=${value}`, after);
}

/** Adds a line to [Service] (after the entry at `after`, else after the last entry, else after the header). */
export function addServiceLine(doc: UnitDocument, path: string, line: string, after?: number): FileEdit | undefined {
  const section = doc.sections.find((s) => s.name === 'Service');
  if (!section) return undefined;
  const anchor = after !== undefined ? entryAt(doc, after) : undefined;
  const target = anchor?.section === 'Service' ? anchor : section.entries[section.entries.length - 1];
  const at = target ? target.range.end : section.headerRange.end;
  return { path, range: { start: at, end: at }, newText: `\n${line}` };
}

/** Parses a unit's current text, for fixes that need to look before they edit. */
export function unitDocument(text: string, path: string): UnitDocument {
  return parseUnit(text, path);
}
