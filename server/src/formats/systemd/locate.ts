/** Where an offset is in a unit: which section, which entry, which part of it. */
import type { UnitDocument, UnitEntry, UnitSection } from './document';
import { valueIndexOf } from './parser';

export function sectionAt(doc: UnitDocument, offset: number): UnitSection | undefined {
  let found: UnitSection | undefined;
  for (const section of doc.sections) {
    if (section.headerRange.start <= offset) found = section;
    else break;
  }
  return found;
}

export function entryAt(doc: UnitDocument, offset: number): UnitEntry | undefined {
  return doc.entries.find((e) => e.range.start <= offset && offset <= e.range.end);
}

/** The index into entry.value of a text offset, or -1 when the offset is not inside the value. */
export function valueIndexAt(entry: UnitEntry, offset: number): number {
  if (offset < entry.valueRange.start || offset > entry.valueRange.end) return -1;
  return valueIndexOf(entry, offset);
}
