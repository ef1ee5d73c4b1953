/** What every nginx rule needs, computed once per check run: contexts, version, loaded modules, helpers. */
import type { AnalysisContext } from '../../core/format';
import type { OffsetRange } from '../../core/text';
import { allowedIn, entriesFor, modulesLoadedBy, type DirectiveEntry, type NginxContext } from '../../knowledge/nginx/directives';
import { cachedContexts, contextFromComment, contextFromIncluders, guessContext, type ContextMap } from './context';
import { documentIndex } from './documentIndex';
import type { NginxDirective, NginxDocument } from './model';
import type { OwnHeaders, ProxyTarget, UpstreamRef } from './proxy';

export interface NginxAnalysis extends AnalysisContext<NginxDocument> {
  version: string | undefined;
  contexts: ContextMap;
  hasLoadModule: boolean;
  /** Debian dynamic modules the document's load_module lines load. */
  loadedModules: ReadonlySet<string>;
  /** A load_module line names a module we do not know: its directives cannot be judged. */
  loadsUnknownModule: boolean;
  /** Every directive, depth-first in document order. */
  all: readonly NginxDirective[];
  /** Directives by name, in document order: a rule about one directive reads its list, not the whole tree. */
  byName: ReadonlyMap<string, readonly NginxDirective[]>;
  /** Answers shared by several rules within one check run (they depend on the project, so never kept longer). */
  memo: AnalysisMemo;
}

export interface AnalysisMemo {
  /** entriesFor per directive index (undefined: not asked yet). */
  entryLists: (DirectiveEntry[] | undefined)[];
  /** entryAt per directive index (null: no entry applies; undefined: not asked yet). */
  entryHere: (DirectiveEntry | null | undefined)[];
  /** ownHeaders per block (its children array), includes read once. */
  ownHeaders: Map<readonly NginxDirective[], OwnHeaders>;
  /** parseProxyTarget of a proxy_pass argument, per directive (of any workspace file). */
  targets: Map<NginxDirective, ProxyTarget | undefined>;
  /** Every proxy_pass of the workspace, and every upstream, read once per run. */
  proxyPasses?: UpstreamRef[];
  upstreams?: UpstreamRef[];
}

const NONE: readonly NginxDirective[] = [];

/** The directives of one name in the analysed document, in document order. */
export function named(analysis: NginxAnalysis, name: string): readonly NginxDirective[] {
  return analysis.byName.get(name) ?? NONE;
}

let isNginxPath: (p: string) => boolean = () => false;
/** Set by index.ts (avoids an import cycle with the format's path matcher). */
export function setNginxPathMatcher(matcher: (p: string) => boolean): void {
  isNginxPath = matcher;
}

export function getNginxPathMatcher(): (p: string) => boolean {
  return isNginxPath;
}

export function analyse(context: AnalysisContext<NginxDocument>): NginxAnalysis {
  const version = context.project.settings.nginxVersion;
  const doc = context.document;
  const index = documentIndex(doc);
  const memo: AnalysisMemo = {
    entryLists: new Array<AnalysisMemo['entryLists'][number]>(index.all.length).fill(undefined),
    entryHere: new Array<AnalysisMemo['entryHere'][number]>(index.all.length).fill(undefined),
    ownHeaders: new Map(),
    targets: new Map(),
  };
  let top: NginxContext | undefined;
  let source: ContextMap['topSource'] = 'guess';
  try {
    top = contextFromIncluders(context.project, context.path, version, isNginxPath, memo);
    if (top) source = 'includer';
  } catch {
    top = undefined;
  }
  if (!top) {
    top = contextFromComment(doc);
    if (top) source = 'comment';
  }
  top ??= guessContext(doc, version);
  const loadedModules = new Set<string>();
  let loadsUnknownModule = false;
  for (const load of index.byName.get('load_module') ?? []) {
    const modules = load.args.length === 1 ? modulesLoadedBy(load.args[0].value) : undefined;
    if (modules) for (const module of modules) loadedModules.add(module);
    else loadsUnknownModule = true;
  }
  return {
    ...context,
    version,
    contexts: cachedContexts(doc, top, source),
    hasLoadModule: index.byName.has('load_module'),
    loadedModules,
    loadsUnknownModule,
    all: index.all,
    byName: index.byName,
    memo,
  };
}

/** Every table entry for a directive's name in the selected version ([] when nginx does not know it). */
export function entriesOf(analysis: NginxAnalysis, directive: NginxDirective): DirectiveEntry[] {
  let entries = analysis.memo.entryLists[directive.index];
  if (entries === undefined) {
    entries = entriesFor(directive.name, analysis.version);
    analysis.memo.entryLists[directive.index] = entries;
  }
  return entries;
}

/** The table entry that applies to a directive where it stands (the first allowed there), if nginx knows the name. */
export function entryAt(analysis: NginxAnalysis, directive: NginxDirective): DirectiveEntry | undefined {
  const known = analysis.memo.entryHere[directive.index];
  if (known !== undefined) return known ?? undefined;
  const entry = findEntry(analysis, directive);
  analysis.memo.entryHere[directive.index] = entry ?? null;
  return entry;
}

function findEntry(analysis: NginxAnalysis, directive: NginxDirective): DirectiveEntry | undefined {
  const entries = entriesOf(analysis, directive);
  if (entries.length === 0) return undefined;
  const context = analysis.contexts.of.get(directive);
  if (context) {
    for (const entry of entries) if (allowedIn(entry, context)) return entry;
    return undefined;
  }
  const wantsBlock = directive.terminator === '{';
  return entries.find((e) => e.block === wantsBlock) ?? entries[0];
}

/** The indentation of the line an offset is on. */
export function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

/**
 * From a directive's name to its `;` or `{`: where nginx's reader stops, and so the line nginx names in its
 * messages, even when the statement spans lines.
 */
export function statementRange(directive: NginxDirective): OffsetRange {
  return { start: directive.range.start, end: directive.terminatorEnd };
}

/** Start of the line holding an offset. */
export function lineStartOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  return start;
}

/** The blocks enclosing a directive, innermost first (its own block excluded). */
export function ancestors(directive: NginxDirective): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (let p = directive.parent; p && out.length < 64; p = p.parent) out.push(p);
  return out;
}
