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
import { emptyModel, readConfig } from './readConfig';

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
    return adopt({ text, model: previous.model, tree: oldTree });
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
    return adopt({ text, model: readConfig(tree, text), tree });
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
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let oldEnd = before.length;
  let newEnd = after.length;
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
