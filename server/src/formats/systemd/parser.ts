/**
 * A unit file parser that follows systemd's conf-parser.c: lines end at LF, CRLF or CR; a line whose first
 * non-blank character is `#` or `;` is a comment (also inside a continuation, where it is skipped); a line ending
 * in an unescaped backslash continues on the next one, the backslash becoming a space; `[Name]` opens a section;
 * `Key=Value` is split at the first `=` and both sides are stripped of spaces, tabs and line breaks. Lines in a
 * section systemd does not know are skipped silently, as systemd does. Never throws.
 */
import type { OffsetRange } from '../../core/text';
import type { UnitDocument, UnitEntry, UnitSection, UnitSyntaxError, ValueRun } from './document';
import { describeUnitPath } from './unitPath';
import { sectionsFor } from '../../knowledge/systemd';

const MAX_LINES = 200_000;

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** A logical line: its joined text, and where it is in the file (runs only when it spans continuation lines). */
interface Logical {
  text: string;
  base: number;
  runs: ValueRun[] | undefined;
  firstLine: number;
}

function logicalOffset(logical: Logical, i: number): number {
  return logical.runs ? offsetIn(logical.runs, i) : logical.base + i;
}

function logicalRange(logical: Logical, from: number, to: number): OffsetRange {
  const start = logicalOffset(logical, from);
  return { start, end: to > from ? logicalOffset(logical, to - 1) + 1 : start };
}

function endsWithUnescapedBackslash(text: string, start: number, end: number): boolean {
  if (end <= start || text.charCodeAt(end - 1) !== 92) return false;
  let count = 0;
  for (let i = end - 1; i >= start && text.charCodeAt(i) === 92; i--) count++;
  return count % 2 === 1;
}

/** File offset of logical index i (runs are sorted by `at`). */
function offsetIn(runs: readonly ValueRun[], i: number): number {
  if (runs.length === 1) return runs[0].offset + i - runs[0].at;
  let run = runs[0];
  for (let k = 1; k < runs.length && runs[k].at <= i; k++) run = runs[k];
  return run.offset + (i - run.at);
}

/** The runs of logical[from..] re-based so that index 0 is `from`. */
function runsFrom(runs: readonly ValueRun[], from: number, to: number): ValueRun[] {
  const out: ValueRun[] = [{ at: 0, offset: offsetIn(runs, from) }];
  for (const run of runs) if (run.at > from && run.at < to) out.push({ at: run.at - from, offset: run.offset });
  return out;
}

export function parseUnit(text: string, path = ''): UnitDocument {
  const about = describeUnitPath(path);
  const doc: UnitDocument = { text, path, ...about, sections: [], entries: [], comments: [], errors: [] };
  const known = new Set(sectionsFor(about.unitType).map((s) => s.name));
  const state: ParseState = { section: undefined, ignored: false, notUtf8: false };
  let pending: Logical | undefined;
  let lineNumber = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM is skipped, as systemd does
  const length = text.length;
  while (start <= length && lineNumber < MAX_LINES) {
    let end = start;
    while (end < length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const next = end < length ? (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1) : length + 1;
    let lead = start;
    while (lead < end && isBlank(text.charCodeAt(lead))) lead++;
    const first = text.charCodeAt(lead);
    if (lead < end && (first === 35 /* # */ || first === 59) /* ; */) {
      doc.comments.push({ start: lead, end });
    } else {
      const continues = endsWithUnescapedBackslash(text, start, end);
      // The backslash becomes a space: the joined text keeps one character per file offset.
      const piece = continues ? text.slice(start, end - 1) + ' ' : text.slice(start, end);
      if (pending) {
        (pending.runs ??= [{ at: 0, offset: pending.base }]).push({ at: pending.text.length, offset: start });
        pending.text += piece;
      } else pending = { text: piece, base: start, runs: undefined, firstLine: lineNumber };
      if (!continues) {
        handleLogical(text, pending, state, known, doc);
        pending = undefined;
      }
    }
    lineNumber++;
    start = next;
  }
  if (pending) handleLogical(text, pending, state, known, doc);
  return doc;
}

interface ParseState {
  section: UnitSection | undefined;
  /** Inside a section systemd skips (unknown, or after a broken header). */
  ignored: boolean;
  /** A line that is not UTF-8 was seen: systemd stopped reading there. */
  notUtf8?: boolean;
}

function handleLogical(text: string, logical: Logical, state: ParseState, known: Set<string>, doc: UnitDocument): void {
  const line = logical.text;
  let a = 0;
  let b = line.length;
  while (a < b && isBlank(line.charCodeAt(a))) a++;
  while (b > a && isBlank(line.charCodeAt(b - 1))) b--;
  if (a === b) return;
  const whole = logicalRange(logical, a, b);
  const c = line[a];
  if (c === '#' || c === ';') return;
  // Bytes that are not UTF-8 reach us as U+FFFD. systemd checks every line but comments before anything else,
  // names the line and fails to load the unit; it names only the first.
  if (line.includes('\ufffd', a)) {
    if (!state.notUtf8)
      addError(doc, whole, 'not-utf8', 'This line is not valid UTF-8 (U+FFFD stands for bytes that are not): systemd ignores it and fails to load the unit.');
    state.notUtf8 = true;
    return;
  }
  if (line.startsWith('.include ', a)) {
    addError(doc, whole, 'include', '`.include` is no longer supported by systemd; use a drop-in instead.');
    return;
  }
  if (c === '[') {
    if (line[b - 1] !== ']' || b - a < 2) {
      addError(doc, whole, 'invalid-header', `Invalid section header '${line.slice(a, b)}': systemd refuses to load the unit.`);
      // systemd stops loading here; we keep reading, quietly, for the outline and completion.
      state.section = undefined;
      state.ignored = true;
      return;
    }
    const section: UnitSection = {
      name: line.slice(a + 1, b - 1),
      nameRange: b - 1 > a + 1 ? logicalRange(logical, a + 1, b - 1) : { start: whole.start + 1, end: whole.start + 1 },
      headerRange: whole,
      range: whole,
      entries: [],
    };
    state.section = section;
    // systemd skips everything in a section it does not know (X- sections silently), syntax errors included.
    state.ignored = !known.has(section.name);
    doc.sections.push(section);
    return;
  }
  const section = state.section;
  if (!section && !state.ignored) addError(doc, whole, 'outside-section', 'A line outside of any section: systemd ignores it.');
  const equals = line.indexOf('=', a);
  if (equals < 0 || equals >= b) {
    if (section && !state.ignored) addError(doc, whole, 'missing-equals', "Missing '=': systemd ignores this line.");
    return;
  }
  if (equals === a) {
    if (section && !state.ignored) addError(doc, whole, 'missing-key', "Missing key name before '=': systemd ignores this line.");
    return;
  }
  let keyEnd = equals;
  while (keyEnd > a && isBlank(line.charCodeAt(keyEnd - 1))) keyEnd--;
  let valueStart = equals + 1;
  while (valueStart < b && isBlank(line.charCodeAt(valueStart))) valueStart++;
  const entry: UnitEntry = {
    key: line.slice(a, keyEnd),
    keyRange: logicalRange(logical, a, keyEnd),
    value: line.slice(valueStart, b),
    valueRange: valueStart < b ? logicalRange(logical, valueStart, b) : { start: logicalOffset(logical, equals) + 1, end: logicalOffset(logical, equals) + 1 },
    valueRuns: logical.runs && valueStart < b ? runsFrom(logical.runs, valueStart, b) : undefined,
    range: whole,
    section: section?.name,
    line: logical.firstLine,
  };
  void text;
  doc.entries.push(entry);
  if (section) {
    section.entries.push(entry);
    section.range = { start: section.range.start, end: whole.end };
  }
}

function addError(doc: UnitDocument, range: OffsetRange, kind: UnitSyntaxError['kind'], message: string): void {
  doc.errors.push({ range, message, kind });
}

/** Where value index `index` sits in the text (the end of the value for index >= length). */
export function valueOffsetAt(entry: UnitEntry, index: number): number {
  if (index >= entry.value.length) return entry.valueRange.end;
  const i = Math.max(0, index);
  return entry.valueRuns ? offsetIn(entry.valueRuns, i) : entry.valueRange.start + i;
}

/** The text range of value characters [from, to) of an entry. */
export function valueSubrange(entry: UnitEntry, from: number, to: number): OffsetRange {
  if (entry.value.length === 0) return entry.valueRange;
  const a = Math.max(0, Math.min(from, entry.value.length - 1));
  const b = Math.max(a, Math.min(to, entry.value.length));
  const start = valueOffsetAt(entry, a);
  return { start, end: b > a ? valueOffsetAt(entry, b - 1) + 1 : start };
}

/** The value index at a text offset: the first character at or after it (value length when past the end). */
export function valueIndexOf(entry: UnitEntry, offset: number): number {
  const runs = entry.valueRuns ?? [{ at: 0, offset: entry.valueRange.start }];
  for (let k = 0; k < runs.length; k++) {
    const runEnd = k + 1 < runs.length ? runs[k + 1].at : entry.value.length;
    const last = runs[k].offset + (runEnd - runs[k].at); // one past the run's last character
    if (offset < last) return offset <= runs[k].offset ? runs[k].at : runs[k].at + (offset - runs[k].offset);
  }
  return entry.value.length;
}

/**
 * A finding's range on an entry, reaching the entry's last physical line when the entry is continued over several:
 * systemd names the line where a continued assignment ends, so the diagnostic must cover that line too.
 */
export function throughLastLine(text: string, entry: UnitEntry, range: OffsetRange): OffsetRange {
  if (range.end >= entry.range.end) return range;
  const rest = text.slice(Math.max(range.start, entry.range.start), entry.range.end);
  return rest.includes('\n') || rest.includes('\r') ? { start: range.start, end: entry.range.end } : range;
}
