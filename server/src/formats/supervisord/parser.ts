/**
 * supervisord's INI dialect, line by line: `[section]` headers, `key = value` or `key: value` entries, `;`/`#`
 * comment lines, inline comments (`;` or `#` after a blank), and continuation lines (indented lines continue the
 * previous value). Never throws; a line that is none of these is kept as an error for the outline, not reported
 * (supervisord's own checks are not ours to make).
 */
import type { IniEntry, IniSection, SupervisordDocument } from './document';

const MAX_LINES = 20_000;

export function parseSupervisord(text: string, path: string): SupervisordDocument {
  const document: SupervisordDocument = { text, path, sections: [], comments: [], errors: [] };
  let section: IniSection | undefined;
  let entry: IniEntry | undefined;
  let start = 0;
  for (let line = 0; start <= text.length && line < MAX_LINES; line++) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const end = lineEnd > start && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const lineText = text.slice(start, end);
    const trimmed = lineText.trim();
    const lead = lineText.length - lineText.trimStart().length;
    if (trimmed === '') {
      // configparser ends a value at an empty line only when it is not followed by an indented line; keep simple.
      entry = undefined;
    } else if (trimmed.startsWith(';') || trimmed.startsWith('#')) {
      document.comments.push({ start: start + lead, end });
    } else if (lead > 0 && entry) {
      // A continuation line: the value runs on.
      const value = withoutInlineComment(lineText);
      if (value.trim() !== '') {
        const valueEnd = start + value.trimEnd().length;
        entry.valueRange = { start: entry.valueRange.start, end: valueEnd };
        entry.value = blankComments(text.slice(entry.valueRange.start, valueEnd));
        entry.range = { start: entry.range.start, end: Math.max(entry.range.end, valueEnd) };
        if (section) section.range = { start: section.range.start, end: Math.max(section.range.end, valueEnd) };
      }
    } else if (trimmed.startsWith('[')) {
      entry = undefined;
      const close = lineText.indexOf(']', lead);
      if (close < 0) {
        document.errors.push({ range: { start: start + lead, end }, message: 'A section header without its closing `]`.' });
        section = undefined;
      } else {
        const raw = lineText.slice(lead + 1, close);
        const nameLead = raw.length - raw.trimStart().length;
        const name = raw.trim();
        section = {
          name,
          nameRange: { start: start + lead + 1 + nameLead, end: start + lead + 1 + nameLead + name.length },
          range: { start: start + lead, end: start + close + 1 },
          headerLine: line,
          entries: [],
        };
        document.sections.push(section);
      }
    } else {
      const match = /^([^=:]*?)[ \t]*[=:]/.exec(lineText.slice(lead));
      if (!match || match[1].trim() === '' || !section) {
        entry = undefined;
        document.errors.push({ range: { start: start + lead, end }, message: section ? 'Not a `key = value` line.' : 'An entry before any section.' });
      } else {
        const keyStart = start + lead;
        const afterDelimiter = lead + match[0].length;
        const rest = withoutInlineComment(lineText).slice(afterDelimiter);
        const valueLead = rest.length - rest.trimStart().length;
        const valueStart = start + afterDelimiter + valueLead;
        const valueEnd = Math.max(valueStart, start + afterDelimiter + rest.trimEnd().length);
        entry = {
          key: match[1].trim().toLowerCase(),
          keyRange: { start: keyStart, end: keyStart + match[1].trim().length },
          value: text.slice(valueStart, valueEnd),
          valueRange: { start: valueStart, end: valueEnd },
          range: { start: keyStart, end: Math.max(valueEnd, keyStart + match[0].length) },
          line,
        };
        section.entries.push(entry);
        section.range = { start: section.range.start, end: Math.max(section.range.end, entry.range.end) };
      }
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return document;
}

/** The line up to an inline comment (`;` or `#` after a blank), same offsets. */
function withoutInlineComment(line: string): string {
  const match = /[ \t][;#]/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

/** Inline comments of every line blanked to spaces, keeping offsets (for values with continuation lines). */
function blankComments(value: string): string {
  return value
    .split('\n')
    .map((line) => {
      if (/^[ \t]*[;#]/.test(line)) return ' '.repeat(line.length);
      const kept = withoutInlineComment(line);
      return kept + ' '.repeat(line.length - kept.length);
    })
    .join('\n');
}
