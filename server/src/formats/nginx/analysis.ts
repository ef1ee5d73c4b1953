/** What every nginx rule needs, computed once per check run: contexts, version, loaded modules, helpers. */
import type { AnalysisContext } from '../../core/format';
import { allowedIn, entriesFor, type DirectiveEntry, type NginxContext } from '../../knowledge/nginx/directives';
import { computeContexts, contextFromComment, contextFromIncluders, guessContext, type ContextMap } from './context';
import type { NginxDirective, NginxDocument } from './model';
import { walkDirectives } from './parser';

export interface NginxAnalysis extends AnalysisContext<NginxDocument> {
  version: string | undefined;
  contexts: ContextMap;
  hasLoadModule: boolean;
  all: NginxDirective[];
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
  let top: NginxContext | undefined;
  let source: ContextMap['topSource'] = 'guess';
  try {
    top = contextFromIncluders(context.project, context.path, version, isNginxPath);
    if (top) source = 'includer';
  } catch {
    top = undefined;
  }
  if (!top) {
    top = contextFromComment(doc);
    if (top) source = 'comment';
  }
  top ??= guessContext(doc, version);
  const all = [...walkDirectives(doc.directives)];
  return {
    ...context,
    version,
    contexts: computeContexts(doc, top, source),
    hasLoadModule: all.some((d) => d.name === 'load_module'),
    all,
  };
}

/** The table entry that applies to a directive where it stands (the first allowed there), if nginx knows the name. */
export function entryAt(analysis: NginxAnalysis, directive: NginxDirective): DirectiveEntry | undefined {
  const entries = entriesFor(directive.name, analysis.version);
  if (entries.length === 0) return undefined;
  const context = analysis.contexts.of.get(directive);
  if (context) return entries.find((e) => allowedIn(e, context));
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
