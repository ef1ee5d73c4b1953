/**
 * Reading YAML (compose files, Kubernetes manifests) with exact source ranges, through the `yaml` package's
 * document nodes. Only what the container formats need: maps (with `<<: *anchor` merges), sequences, scalars and
 * where each sits in the text. Offsets are the text's UTF-16 offsets, as everywhere. Never throws: a text the
 * library cannot read gives no documents, and every helper answers undefined for a shape it does not expect.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { OffsetRange } from './text';

/** Larger texts are not read (a generated manifest bundle): the container formats then see nothing. */
const MAX_TEXT = 2_000_000;
const MAX_DOCUMENTS = 500;
const MAX_MERGE_DEPTH = 8;

export type YamlDocument = Document.Parsed;

/** The documents of a multi-document stream; [] when the library refuses the text. */
export function parseYamlDocuments(text: string): YamlDocument[] {
  if (text.length > MAX_TEXT) return [];
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false });
    return Array.isArray(docs) ? docs.slice(0, MAX_DOCUMENTS) : [];
  } catch {
    return [];
  }
}

/** `{{ ... }}`: a Helm (or other) template; its YAML is not the YAML that gets deployed. */
export function isTemplated(text: string): boolean {
  return /\{\{/.test(text) || /\{%/.test(text);
}

/** An alias resolved to the node it names (bounded); other nodes as they are. */
export function resolved(node: unknown, doc: YamlDocument): Node | undefined {
  let current = node;
  for (let i = 0; i < MAX_MERGE_DEPTH && isAlias(current); i++) {
    try {
      current = current.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return current && !isAlias(current) && (isMap(current) || isSeq(current) || isScalar(current)) ? (current as Node) : undefined;
}

export interface YamlEntry {
  key: string;
  keyRange: OffsetRange;
  /** The value node (aliases resolved); undefined for `key:` with nothing after it. */
  value?: Node;
}

/** A map's entries with string keys, own keys first, then those merged in with `<<` (which own keys override). */
export function mapEntries(node: unknown, doc: YamlDocument, depth = 0): YamlEntry[] {
  const map = resolved(node, doc);
  if (!isMap(map) || depth > MAX_MERGE_DEPTH) return [];
  const own: YamlEntry[] = [];
  const merged: YamlEntry[] = [];
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === '<<') {
      const sources = resolved(pair.value, doc);
      const list = isSeq(sources) ? sources.items : [sources];
      for (const source of list) merged.push(...mapEntries(source, doc, depth + 1));
      continue;
    }
    const keyRange = rangeOf(pair.key);
    if (!keyRange) continue;
    own.push({ key, keyRange, value: resolved(pair.value, doc) });
  }
  const seen = new Set(own.map((entry) => entry.key));
  return [...own, ...merged.filter((entry) => !seen.has(entry.key) && (seen.add(entry.key), true))];
}

/** The entry of a key (the last own one, as most readers take duplicates). */
export function mapEntry(node: unknown, doc: YamlDocument, key: string): YamlEntry | undefined {
  const entries = mapEntries(node, doc);
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key === key) return entries[i];
  return undefined;
}

export function mapGet(node: unknown, doc: YamlDocument, key: string): Node | undefined {
  return mapEntry(node, doc, key)?.value;
}

export function isYamlMap(node: unknown): boolean {
  return isMap(node);
}

export function isYamlSeq(node: unknown): boolean {
  return isSeq(node);
}

/** A sequence's items (aliases resolved, empty items dropped); [] for anything else. */
export function seqItems(node: unknown, doc: YamlDocument): Node[] {
  const seq = resolved(node, doc);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => {
    const value = resolved(item, doc);
    return value ? [value] : [];
  });
}

/** The node's range without trailing comments and blank lines. */
export function rangeOf(node: unknown): OffsetRange | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range && Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] <= range[1] ? { start: range[0], end: range[1] } : undefined;
}

/** A scalar's value as a string (numbers and booleans as written by YAML's reading); undefined for null and non-scalars. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export interface ScalarContent {
  value: string;
  /** The node's range (quotes included). */
  range: OffsetRange;
  /** Where the value's characters are, when each sits one to one in the text (value[i] at contentStart + i). */
  contentStart?: number;
  quoted: boolean;
}

/**
 * A string scalar with where its characters are. Plain, single- and double-quoted scalars on one line whose
 * text is the value itself (no `''`, no escapes) map one to one; folded lines and block scalars do not.
 */
export function scalarContent(node: unknown, text: string): ScalarContent | undefined {
  if (!isScalar(node)) return undefined;
  const value = scalarText(node);
  const range = rangeOf(node);
  if (value === undefined || !range || range.end > text.length) return undefined;
  const type = node.type;
  const quoted = type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE';
  const contentStart = quoted ? range.start + 1 : range.start;
  const contentEnd = quoted ? range.end - 1 : range.end;
  const exact = (type === 'PLAIN' || quoted) && contentEnd - contentStart === value.length && text.slice(contentStart, contentEnd) === value;
  return { value, range, quoted, ...(exact ? { contentStart } : {}) };
}

/** A scalar's number: YAML numbers, and strings that are plain decimal numbers. */
export function scalarNumber(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return Number.isFinite(node.value) ? node.value : undefined;
  if (typeof node.value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(node.value)) return Number(node.value);
  return undefined;
}

/** Zero-based column of an offset (UTF-16 units since the line start). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** Whether only blanks stand before the offset on its line (a block-style key that a line can be inserted above). */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** The offset of the start of the line after the one holding `offset` (text.length when it is the last). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/** The start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** A node written in flow style (`{a: 1}`, `[x, y]`): lines cannot be inserted into it. */
export function isFlow(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && (node as { flow?: boolean }).flow === true;
}
