/**
 * A unit as systemd loads it: the unit file, then its drop-ins (`NAME.d/*.conf`, and for a template instance
 * also the template's folder), merged in file-name order. Later assignments win; for list settings an empty
 * assignment clears what came before.
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import type { UnitDocument, UnitEntry } from './document';
import { parseUnit } from './parser';
import { templateOf } from './unitPath';

export interface PlacedEntry {
  entry: UnitEntry;
  doc: UnitDocument;
}

export interface UnitView {
  main: UnitDocument;
  dropIns: UnitDocument[];
  /** Every entry, main file first, then each drop-in, in load order. */
  entries: PlacedEntry[];
  /** The same entries grouped by section, then key, in load order. */
  byKey: Map<string, Map<string, PlacedEntry[]>>;
}

const MAX_DROP_INS = 64;

function asUnitDocument(value: unknown): UnitDocument | undefined {
  const doc = value as UnitDocument | undefined;
  return doc && Array.isArray(doc.entries) && Array.isArray(doc.sections) && typeof doc.text === 'string' ? doc : undefined;
}

/** The drop-in documents of a unit file, sorted by file name as systemd does. */
export function loadDropIns(doc: UnitDocument, project: Project | undefined): UnitDocument[] {
  if (!project || doc.dropIn || !doc.path || !doc.unitName) return [];
  const folder = path.dirname(doc.path);
  const names = [doc.unitName];
  const template = templateOf(doc.unitName);
  if (template) names.unshift(template);
  const byName = new Map<string, string>();
  for (const name of names) {
    const dir = path.join(folder, `${name}.d`);
    if (!project.isDirectory(dir)) continue;
    for (const file of project.listDirectory(dir)) {
      if (file.endsWith('.conf') && !file.startsWith('.')) byName.set(file, path.join(dir, file));
    }
  }
  const docs: UnitDocument[] = [];
  for (const name of [...byName.keys()].sort().slice(0, MAX_DROP_INS)) {
    const file = byName.get(name) as string;
    const parsed = asUnitDocument(project.parsed(file)?.document);
    if (parsed) docs.push(parsed);
    else {
      const text = project.readFile(file);
      if (text !== undefined) docs.push(parseUnit(text, file));
    }
  }
  return docs;
}

export function buildView(doc: UnitDocument, project: Project | undefined): UnitView {
  const dropIns = loadDropIns(doc, project);
  const entries: PlacedEntry[] = [];
  const byKey = new Map<string, Map<string, PlacedEntry[]>>();
  for (const d of [doc, ...dropIns]) {
    for (const entry of d.entries) {
      if (entry.section === undefined) continue;
      const placed = { entry, doc: d };
      entries.push(placed);
      let keys = byKey.get(entry.section);
      if (!keys) byKey.set(entry.section, (keys = new Map<string, PlacedEntry[]>()));
      const list = keys.get(entry.key);
      if (list) list.push(placed);
      else keys.set(entry.key, [placed]);
    }
  }
  return { main: doc, dropIns, entries, byKey };
}

/** The entries of a key that still count: everything after the last empty assignment. */
export function effectiveEntries(view: UnitView, section: string, key: string): PlacedEntry[] {
  let result: PlacedEntry[] = [];
  for (const placed of view.byKey.get(section)?.get(key) ?? []) {
    if (placed.entry.value === '') result = [];
    else result.push(placed);
  }
  return result;
}

/** The last assignment of a single-valued key (an empty one included: it resets to the default). */
export function lastEntry(view: UnitView, section: string, key: string): PlacedEntry | undefined {
  const list = view.byKey.get(section)?.get(key);
  const found = list?.[list.length - 1];
  return found && found.entry.value !== '' ? found : undefined;
}
