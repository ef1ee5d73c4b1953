/** Edits to a supervisord config: set a key in one `[program:x]` section (replace its value, else add a line). */
import type { FileEdit } from '../../core/findings';
import { parseSupervisord } from './parser';

export function setProgramKey(text: string, path: string, program: string, key: string, value: string): FileEdit | undefined {
  const document = parseSupervisord(text, path);
  const section = document.sections.find((candidate) => candidate.name === `program:${program}`);
  if (!section) return undefined;
  const entries = section.entries.filter((entry) => entry.key === key);
  const existing = entries[entries.length - 1];
  if (existing) return { path, range: existing.valueRange, newText: value };
  // A new line right after the section's last entry (or its header).
  const anchor = section.entries[section.entries.length - 1]?.range.end ?? section.range.end;
  const lineEnd = text.indexOf('\n', anchor);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const prefix = lineEnd < 0 ? newline : '';
  return { path, range: { start: at, end: at }, newText: `${prefix}${key}=${value}${newline}` };
}
