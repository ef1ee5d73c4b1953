/**
 * Facts of one parsed document that depend on nothing but its text: every directive in document order, the
 * directives grouped by name, the first directive of each name in a block. Built once per document and kept with
 * it (a WeakMap, so it goes when the document goes), so rules, editor features and other files' analyses
 * look things up instead of walking the tree again.
 */
import type { NginxDirective, NginxDocument } from './model';

export interface DocumentIndex {
  /** Every directive, depth-first in document order (what walkDirectives yields). */
  all: NginxDirective[];
  /** Directives by name, each list in document order. */
  byName: Map<string, NginxDirective[]>;
  /** Directives that open a block, in document order. */
  blocks: NginxDirective[];
}

const EMPTY: readonly NginxDirective[] = [];
const indexes = new WeakMap<NginxDocument, DocumentIndex>();

export function documentIndex(doc: NginxDocument): DocumentIndex {
  let index = indexes.get(doc);
  if (index) return index;
  const all: NginxDirective[] = [];
  const byName = new Map<string, NginxDirective[]>();
  const blocks: NginxDirective[] = [];
  // Iterative, in document order: nesting depth is unbounded (a hostile file may open 10,000 blocks).
  const stack: NginxDirective[] = [];
  for (let i = doc.directives.length - 1; i >= 0; i--) stack.push(doc.directives[i]);
  while (stack.length > 0) {
    const directive = stack.pop()!;
    all.push(directive);
    const same = byName.get(directive.name);
    if (same) same.push(directive);
    else byName.set(directive.name, [directive]);
    const block = directive.block;
    if (block) {
      blocks.push(directive);
      for (let i = block.children.length - 1; i >= 0; i--) stack.push(block.children[i]);
    }
  }
  index = { all, byName, blocks };
  indexes.set(doc, index);
  return index;
}

/** The directives of one name anywhere in the document, in document order. */
export function directivesNamed(doc: NginxDocument, name: string): readonly NginxDirective[] {
  return documentIndex(doc).byName.get(name) ?? EMPTY;
}

const firstByBlock = new WeakMap<readonly NginxDirective[], Map<string, NginxDirective>>();

/** The first directive of a name among one block's children (a parsed tree never changes, so this is kept). */
export function firstNamed(children: readonly NginxDirective[], name: string): NginxDirective | undefined {
  // A short block is faster to scan than to index; a long one (http with hundreds of servers) is indexed once.
  if (children.length <= 16) {
    for (const child of children) if (child.name === name) return child;
    return undefined;
  }
  let names = firstByBlock.get(children);
  if (!names) {
    names = new Map();
    for (const child of children) if (!names.has(child.name)) names.set(child.name, child);
    firstByBlock.set(children, names);
  }
  return names.get(name);
}
