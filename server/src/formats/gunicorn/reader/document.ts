/**
 * Parses a gunicorn config text into a GunicornDocument, incrementally when the previous document is given: the
 * one edit between the two texts is found from their common prefix and suffix (in UTF-16 code units, which is
 * what web-tree-sitter indexes when it parses a JS string), applied to the old tree, and the parser reuses it.
 * Trees live in WASM memory: a re-parse frees the old tree, and trees of documents that are simply dropped are
 * freed by a FinalizationRegistry.
 */
import type { Edit, Point, Tree } from 'web-tree-sitter';
import { pythonParser, pythonReady } from '../../../core/treeSitter';
import type { GunicornDocument } from '../context';
import { emptyModel, readConfigReusing, type StatementPieces } from './readConfig';

/**
 * The statement pieces each document was read from, for the next incremental read (readConfig.ts). Kept beside
 * the document rather than in it: GunicornDocument is a shared contract, and a dropped document drops its pieces.
 */
const piecesOf = new WeakMap<GunicornDocument, StatementPieces>();

const finalizer = new FinalizationRegistry<Tree>((tree) => {
  try {
    tree.delete();
  } catch {
    /* already freed */
  }
});

function treeOf(document: GunicornDocument | undefined): Tree | undefined {
  return document?.tree as Tree | undefined;
}

/** Frees the document's tree now (the document keeps its model). */
export function releaseDocument(document: GunicornDocument): void {
  const tree = treeOf(document);
  if (!tree) return;
  finalizer.unregister(document);
  document.tree = undefined;
  tree.delete();
}

export function parseGunicornDocument(text: string, previous?: GunicornDocument): GunicornDocument {
  if (!pythonReady()) return { text, model: emptyModel() };
  const parser = pythonParser();
  let oldTree = treeOf(previous);
  if (previous && oldTree && previous.text === text) {
    // Same text: reuse the model, and move the tree to the new document.
    finalizer.unregister(previous);
    previous.tree = undefined;
    const same: GunicornDocument = { text, model: previous.model, tree: oldTree };
    const pieces = piecesOf.get(previous);
    if (pieces) piecesOf.set(same, pieces);
    return adopt(same);
  }
  try {
    if (previous && oldTree) {
      finalizer.unregister(previous);
      previous.tree = undefined; // the old tree is edited below: it no longer matches previous.text
      oldTree.edit(editBetween(previous.text, text));
    }
    let tree: Tree | null;
    try {
      tree = parser.parse(text, oldTree ?? null);
    } catch {
      tree = null;
    }
    oldTree?.delete();
    oldTree = undefined;
    if (!tree) return { text, model: emptyModel() };
    const read = readConfigReusing(tree, text, previous && piecesOf.get(previous));
    const document: GunicornDocument = { text, model: read.model, tree };
    piecesOf.set(document, read.pieces);
    return adopt(document);
  } catch {
    oldTree?.delete();
    return { text, model: emptyModel() };
  }
}

function adopt(document: GunicornDocument): GunicornDocument {
  if (document.tree) finalizer.register(document, document.tree as Tree, document);
  return document;
}

/** The single edit turning `before` into `after`: the part between their common prefix and common suffix. */
export function editBetween(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = commonRun(shorter, (from, to) => before.slice(from, to) === after.slice(from, to));
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  const tail = commonRun(
    shorter - start,
    (from, to) => before.slice(before.length - to, before.length - from) === after.slice(after.length - to, after.length - from),
  );
  let oldEnd = before.length - tail;
  let newEnd = after.length - tail;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (oldEnd < before.length && isLowSurrogate(before.charCodeAt(oldEnd))) {
    oldEnd++;
    newEnd++;
  }
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/**
 * How far (up to `limit`) two texts agree, in whole chunks compared as strings (much faster than a loop over
 * characters for a 20 KB file); the caller finishes character by character.
 */
function commonRun(limit: number, same: (from: number, to: number) => boolean): number {
  const CHUNK = 256;
  let length = 0;
  while (length + CHUNK <= limit && same(length, length + CHUNK)) length += CHUNK;
  return length;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Row and column (UTF-16 code units, as tree-sitter counts them for string input) of an offset. */
export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
