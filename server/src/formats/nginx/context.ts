/**
 * Which nginx context every directive sits in. A fragment's own top level takes its context from the file that
 * includes it, else from a `# gunicorn-lint: context=http` comment, else from its directives (the first context,
 * in nginx's nesting order, where they are allowed).
 */
import type { Project } from '../../core/format';
import { allowedIn, entriesFor, type NginxContext } from '../../knowledge/nginx/directives';
import { isFreeformBlock } from '../../knowledge/nginx/thirdParty';
import type { NginxDirective, NginxDocument } from './model';
import { documentIndex } from './documentIndex';
import { workspaceIndex, type NginxWorkspaceIndex } from './workspaceIndex';

const CONTEXTS: NginxContext[] = [
  'main',
  'events',
  'http',
  'http.server',
  'http.location',
  'http.upstream',
  'http.server.if',
  'http.location.if',
  'http.limit_except',
  'stream',
  'stream.server',
  'stream.upstream',
  'mail',
  'mail.server',
];
const GUESS_ORDER: NginxContext[] = ['main', 'http', 'http.server', 'http.location', 'stream', 'stream.server'];

/** The context a block directive opens, given where it stands. */
export function innerContext(name: string, outer: NginxContext | undefined): NginxContext | undefined {
  switch (name) {
    case 'events':
      return 'events';
    case 'http':
      return 'http';
    case 'stream':
      return 'stream';
    case 'mail':
      return 'mail';
    case 'server':
      if (outer === 'http') return 'http.server';
      if (outer === 'stream') return 'stream.server';
      if (outer === 'mail') return 'mail.server';
      return undefined;
    case 'upstream':
      return outer === 'stream' ? 'stream.upstream' : outer === 'http' ? 'http.upstream' : undefined;
    case 'location':
      return 'http.location';
    case 'if':
      return outer === 'http.server' ? 'http.server.if' : outer === 'http.location' ? 'http.location.if' : undefined;
    case 'limit_except':
      return 'http.limit_except';
    default:
      return undefined;
  }
}

/** A value per directive of one document, read by directive (an array indexed by `directive.index`). */
export class PerDirective<T> {
  constructor(private readonly values: readonly T[]) {}

  get(directive: NginxDirective): T | undefined {
    return this.values[directive.index];
  }
}

/** A set of directives of one document, by `directive.index`. */
export class DirectiveSet {
  constructor(private readonly members: Uint8Array) {}

  has(directive: NginxDirective): boolean {
    return this.members[directive.index] === 1;
  }
}

export interface ContextMap {
  /** The context of each directive; undefined when unknown (inside free-form blocks too, see `freeform`). */
  of: PerDirective<NginxContext | undefined>;
  /** Directives inside blocks nginx reads with its own handler (map, types, geo, ...): not directives at all. */
  freeform: DirectiveSet;
  top: NginxContext | undefined;
  topSource: 'includer' | 'comment' | 'guess';
}

export function contextFromComment(doc: NginxDocument): NginxContext | undefined {
  for (const comment of doc.comments) {
    if (!comment.text.includes('gunicorn-lint')) continue;
    const match = /gunicorn-lint:\s*context\s*=\s*([\w.]+)/.exec(comment.text);
    if (match) {
      const value = match[1] === 'server' ? 'http.server' : match[1] === 'location' ? 'http.location' : match[1];
      if ((CONTEXTS as string[]).includes(value)) return value as NginxContext;
    }
  }
  return undefined;
}

/**
 * The context of a fragment nobody includes: the one whose rules fit its top-level directives best (scoreContext),
 * unless that one makes a directive anywhere in the file misplaced while a deeper context of the same family fits
 * every directive (`add_header` inside an `if` is allowed in a location, not in a server): a guess never makes a
 * valid file invalid.
 */
export function guessContext(doc: NginxDocument, version?: string): NginxContext {
  const best = scoreContext(doc, version);
  // Only deeper contexts of the same family: a body of `if` lines is a server's or a location's, never a stream's.
  const family = best.split('.')[0];
  // A main config's guess has no alternative: no need to count what it would make misplaced.
  if (!GUESS_ORDER.some((context) => context !== best && context.split('.')[0] === family)) return best;
  if (misplaced(doc, best, version) === 0) return best;
  let chosen = best;
  let fewest = Infinity;
  for (const context of GUESS_ORDER) {
    if (context === best || context.split('.')[0] !== family) continue;
    const count = misplaced(doc, context, version);
    if (count < fewest) {
      chosen = context;
      fewest = count;
    }
  }
  return fewest === 0 ? chosen : best;
}

/** How many directives nginx would refuse as not allowed where they stand, were the file's top level `top`. */
function misplaced(doc: NginxDocument, top: NginxContext, version: string | undefined): number {
  // Kept with the document: the best guess is most often the answer, and analyse asks for this very map next.
  const map = cachedContexts(doc, top);
  let count = 0;
  for (const directive of documentIndex(doc).all) {
    const context = map.of.get(directive);
    if (!context || map.freeform.has(directive)) continue;
    const entries = entriesFor(directive.name, version);
    if (entries.length > 0 && !entries.some((e) => allowedIn(e, context))) count++;
  }
  return count;
}

/** The context whose rules fit the most top-level directives, in nesting order. */
function scoreContext(doc: NginxDocument, version?: string): NginxContext {
  let best: NginxContext = 'main';
  let bestScore = -1;
  for (const context of GUESS_ORDER) {
    let score = 0;
    // The first directive says most about the fragment (a leading `server` means http).
    doc.directives.forEach((directive, i) => {
      const entries = entriesFor(directive.name, version);
      if (entries.some((e) => allowedIn(e, context))) score += i === 0 ? 1000 : 1;
    });
    if (score > bestScore) {
      best = context;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The context a file's top level has where another workspace nginx file includes it (the first includer in walk
 * order), looked up in the workspace index; through at most four levels of includers.
 */
export function contextFromIncluders(
  project: Project,
  path: string,
  version: string | undefined,
  isNginx: (p: string) => boolean,
  /** Keys the index when the project has no revision (one check run). */
  owner: object = {},
): NginxContext | undefined {
  return includerContext(workspaceIndex(project, isNginx, owner), path, version, 0);
}

function includerContext(index: NginxWorkspaceIndex, path: string, version: string | undefined, depth: number): NginxContext | undefined {
  if (depth > 3) return undefined;
  const key = `context|${depth}|${version ?? ''}|${path}`;
  if (index.memo.has(key)) return index.memo.get(key) as NginxContext | undefined;
  let found: NginxContext | undefined;
  const first = index.includersOf(path)[0];
  if (first) {
    const other = first.document;
    const top = contextFromComment(other) ?? includerContext(index, first.from, version, depth + 1) ?? guessContext(other, version);
    found = cachedContexts(other, top).of.get(first.directive);
  }
  index.memo.set(key, found);
  return found;
}

const contextCache = new WeakMap<NginxDocument, Map<string, ContextMap>>();

/** computeContexts, kept with the document: a parsed tree never changes, and maps are only read. */
export function cachedContexts(doc: NginxDocument, top: NginxContext | undefined, topSource: ContextMap['topSource'] = 'guess'): ContextMap {
  let byTop = contextCache.get(doc);
  if (!byTop) {
    byTop = new Map();
    contextCache.set(doc, byTop);
  }
  const key = `${top}|${topSource}`;
  let map = byTop.get(key);
  if (!map) {
    map = computeContexts(doc, top, topSource);
    byTop.set(key, map);
  }
  return map;
}

export function computeContexts(doc: NginxDocument, top: NginxContext | undefined, topSource: ContextMap['topSource'] = 'guess'): ContextMap {
  const count = documentIndex(doc).all.length;
  const of: (NginxContext | undefined)[] = new Array<NginxContext | undefined>(count).fill(undefined);
  const freeform = new Uint8Array(count);
  // Iterative: nesting depth is unbounded.
  const pending: { list: readonly NginxDirective[]; context: NginxContext | undefined; inFreeform: boolean }[] = [
    { list: doc.directives, context: top, inFreeform: false },
  ];
  while (pending.length > 0) {
    const { list, context, inFreeform } = pending.pop()!;
    for (const directive of list) {
      of[directive.index] = context;
      if (inFreeform) freeform[directive.index] = 1;
      const children = directive.block?.children;
      if (!children || children.length === 0) continue;
      const free = inFreeform || isFreeformBlock(directive.name);
      pending.push({ list: children, context: free ? undefined : innerContext(directive.name, context), inFreeform: free });
    }
  }
  return { of: new PerDirective(of), freeform: new DirectiveSet(freeform), top, topSource };
}
