/** Editor features over the nginx tree: hover, completion, outline, folding, links, go to definition. */
import type { AnalysisContext, CompletionResult, FoldingResult, HoverResult, LinkResult, LocationResult, SymbolResult } from '../../core/format';
import { code, codeBlock, facts, joinSections, link } from '../../core/markdown';
import {
  allEntries,
  allowedIn,
  describeArguments,
  directiveNames,
  docsUrlFor,
  entriesFor,
  NGINX_OLD_TABLE_VERSION,
  type DirectiveEntry,
} from '../../knowledge/nginx/directives';
import { NGINX_NEWEST_VERSION } from '../../knowledge/nginx/directives.generated';
import { DIRECTIVE_DOCS } from '../../knowledge/nginx/docs';
import { syntaxFor, syntaxLines as documentedSyntaxLines } from '../../knowledge/nginx/syntax';
import { NGINX_VARIABLES, variableDoc } from '../../knowledge/nginx/variables';
import { analyse, entryAt, getNginxPathMatcher, lineStartOf } from './analysis';
import { directivesNamed, documentIndex } from './documentIndex';
import type { NginxDirective, NginxDocument, NginxToken } from './model';
import { innerContext } from './context';
import { resolveInclude } from './includes';
import { allUpstreams, parseProxyTarget } from './proxy';

type Ctx = AnalysisContext<NginxDocument>;

/** A placeholder for one argument when nginx.org documents no syntax: named after the value nginx parses. */
const ARGUMENT_WORD: Partial<Record<DirectiveEntry['valueKind'], string>> = { size: 'size', offset: 'size', msec: 'time', sec: 'time', number: 'number' };

/** The hover title lines: nginx.org's documented syntax (`proxy_pass URL;`), else one built from the argument counts. */
function syntaxLines(entry: DirectiveEntry): string[] {
  const documented = syntaxFor(entry);
  if (documented) return documentedSyntaxLines(entry, documented);
  const form = entry.args;
  const word = ARGUMENT_WORD[entry.valueKind] ?? 'argument';
  let args = '';
  if (form.kind === 'flag') args = ' on | off';
  else if (form.kind === 'any') args = ' ...';
  else if (form.kind === 'oneOrMore') args = ` ${word} ...`;
  else if (form.kind === 'twoOrMore') args = ` ${word} ${word} ...`;
  else if (form.counts.length && form.counts[0] !== 0)
    args = ' ' + Array.from({ length: Math.max(...form.counts) }, (_, i) => (form.counts.includes(i) && i > 0 ? `[${word}]` : word)).join(' ');
  if (entry.values.length && (entry.valueKind === 'enum' || entry.valueKind === 'bitmask')) args = ' ' + entry.values.join(' | ');
  return [`${entry.name}${args}${entry.block ? ' { ... }' : ';'}`];
}

/**
 * What we know of the directive's history: whether each of our two tables (nginx 1.22.1, the newest) has it, and the
 * release that added it when nginx.org says. Never "1.22 and newer": 1.22.1 is only the oldest table we hold.
 */
function versionFacts(entries: DirectiveEntry[]): string {
  // Every table row of these directives: a directive whose arguments changed has one row per table.
  const modules = new Set(entries.map((e) => e.module));
  const rows = allEntries().filter((e) => e.name === entries[0].name && modules.has(e.module));
  const inOld = rows.some((e) => e.inOld);
  const inNewest = rows.some((e) => e.inNewest);
  const [old, newest] = [NGINX_OLD_TABLE_VERSION, NGINX_NEWEST_VERSION];
  const tables = inOld && inNewest ? `in nginx ${old} and ${newest}` : inNewest ? `in nginx ${newest}, not in ${old}` : `in nginx ${old}, not in ${newest}`;
  const appeared = entries.map((e) => syntaxFor(e)?.appearedIn).find((version) => version !== undefined);
  return appeared ? `${tables}; added in ${appeared}` : tables;
}

export function directiveMarkdown(name: string, entries: DirectiveEntry[]): string {
  const entry = entries[0];
  const doc = DIRECTIVE_DOCS[name];
  const contexts = [...new Set(entries.flatMap((e) => e.contexts))].join(', ');
  return joinSections(
    codeBlock(
      entries
        .flatMap(syntaxLines)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join('\n'),
      'nginx',
    ),
    doc?.summary,
    facts([
      ['Default', doc?.default ? code(doc.default) : undefined],
      ['Arguments', describeArguments(entry.args)],
      ['Context', contexts],
      [
        'Module',
        entries
          .map((e) => e.module)
          .filter((v, i, a) => a.indexOf(v) === i)
          .join(', '),
      ],
      ['Versions', versionFacts(entries)],
    ]),
    link('nginx.org reference', docsUrlFor(entry)),
  );
}

function tokenAt(directive: NginxDirective, offset: number): NginxToken | undefined {
  return [directive.nameToken, ...directive.args].find((t) => offset >= t.range.start && offset <= t.range.end);
}

function directiveAt(doc: NginxDocument, offset: number): NginxDirective | undefined {
  let found: NginxDirective | undefined;
  for (const d of documentIndex(doc).all) {
    if (offset >= d.range.start && offset <= d.terminatorEnd) found = d;
  }
  return found;
}

function variableAt(text: string, offset: number): { name: string; start: number; end: number } | undefined {
  let start = offset;
  while (start > 0 && /[\w{]/.test(text[start - 1])) start--;
  if (text[start - 1] !== '$') {
    // cursor may be on the `$` itself
    if (text[offset] !== '$') return undefined;
    start = offset + 1;
  }
  const match = /^\{?(\w+)\}?/.exec(text.slice(start, start + 128));
  if (!match) return undefined;
  return { name: match[1], start: start - 1, end: start + match[0].length };
}

export function hover(context: Ctx, offset: number): HoverResult | undefined {
  const directive = directiveAt(context.document, offset);
  if (!directive) return undefined;
  const token = tokenAt(directive, offset);
  if (!token) return undefined;
  if (token === directive.nameToken) {
    const entries = entriesFor(directive.name, context.project.settings.nginxVersion);
    if (entries.length === 0) return undefined;
    // `proxy_pass` in an http location is the http one (`proxy_pass URL;`), not stream's (`proxy_pass address;`).
    const block = blockAt(context.document, directive.range.start);
    const analysis = analyse(context);
    const here = block ? innerContext(block.name, analysis.contexts.of.get(block)) : analysis.contexts.top;
    const local = here ? entries.filter((entry) => allowedIn(entry, here)) : [];
    return { range: token.range, markdown: directiveMarkdown(directive.name, local.length > 0 ? local : entries) };
  }
  const variable = variableAt(context.text, offset);
  if (variable) {
    const doc = variableDoc(variable.name);
    if (doc) return { range: { start: variable.start, end: variable.end }, markdown: `${code('$' + variable.name)}\n\n${doc.doc}` };
  }
  return undefined;
}

function blockAt(doc: NginxDocument, offset: number): NginxDirective | undefined {
  let found: NginxDirective | undefined;
  for (const d of documentIndex(doc).blocks) {
    const block = d.block;
    if (block && offset > block.open && (block.close === undefined || offset < block.close)) found = d;
  }
  return found;
}

export function complete(context: Ctx, offset: number): CompletionResult[] {
  const text = context.text;
  const version = context.project.settings.nginxVersion;
  // After `$`: variables.
  let start = offset;
  while (start > 0 && /\w/.test(text[start - 1])) start--;
  if (text[start - 1] === '$' || (text[start - 1] === '{' && text[start - 2] === '$')) {
    return Object.entries(NGINX_VARIABLES).map(([name, doc]) => ({
      label: name.endsWith('_') ? name + 'NAME' : name,
      kind: 'variable' as const,
      documentation: doc,
      insertText: name.endsWith('_') ? name : name,
      replace: { start, end: offset },
    }));
  }
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, start);
  const analysis = analyse(context);
  const block = blockAt(context.document, offset);
  const where = block ? analysis.contexts.of.get(block) : undefined;
  const here = block ? innerContext(block.name, where) : analysis.contexts.top;
  if (/^\s*$/.test(before) || /[;{}]\s*$/.test(before)) {
    // A directive name: those allowed in this block.
    const out: CompletionResult[] = [];
    for (const name of directiveNames(version)) {
      const entries = entriesFor(name, version);
      if (here && !entries.some((e) => allowedIn(e, here))) continue;
      const doc = DIRECTIVE_DOCS[name];
      const entry = entries[0];
      out.push({
        label: name,
        kind: entry.block ? 'block' : 'directive',
        detail: entry.module,
        documentation: doc?.summary,
        insertText: doc?.snippet ?? (entry.block ? `${name} $1{\n\t$0\n}` : entry.args.kind === 'flag' ? `${name} \${1|on,off|};` : `${name} $0;`),
        snippet: true,
        replace: { start, end: offset },
        sortText: (doc ? '0' : '1') + name,
      });
    }
    return out;
  }
  // An argument: keywords of the directive on this line.
  // The statement may still lack its `;`: then it ends at its last token, before the blanks being typed in.
  let back = start;
  while (back > 0 && /\s/.test(text[back - 1])) back--;
  const directive = directiveAt(context.document, offset) ?? directiveAt(context.document, back);
  if (!directive) return [];
  const entry = entryAt(analysis, directive) ?? entriesFor(directive.name, version)[0];
  if (!entry) return [];
  const values = entry.args.kind === 'flag' ? ['on', 'off'] : entry.values;
  return values.map((value) => ({ label: value, kind: 'value' as const, replace: { start, end: offset } }));
}

function nameOfServer(d: NginxDirective): string {
  const children = d.block?.children ?? [];
  const names = children.filter((c) => c.name === 'server_name').flatMap((c) => c.args.map((a) => a.value));
  if (names.length) return names.join(' ');
  const listen = children.find((c) => c.name === 'listen');
  return listen ? listen.args.map((a) => a.value).join(' ') : 'server';
}

export function symbols(context: Ctx): SymbolResult[] {
  const convert = (list: readonly NginxDirective[], depth: number): SymbolResult[] => {
    if (depth > 32) return [];
    const out: SymbolResult[] = [];
    for (const d of list) {
      if (!d.block) continue;
      const kind = d.name === 'server' ? 'server' : d.name === 'location' ? 'location' : d.name === 'upstream' ? 'upstream' : 'block';
      const name = d.name === 'server' ? nameOfServer(d) : d.args.length ? `${d.name} ${d.args.map((a) => a.raw).join(' ')}` : d.name;
      out.push({
        name,
        detail: d.name === 'server' ? 'server' : undefined,
        kind,
        range: d.range,
        selectionRange: d.nameToken.range,
        children: convert(d.block.children, depth + 1),
      });
    }
    return out;
  };
  return convert(context.document.directives, 0);
}

export function folding(context: Ctx): FoldingResult[] {
  const out: FoldingResult[] = [];
  const text = context.text;
  for (const d of documentIndex(context.document).blocks) {
    if (!d.block || d.block.close === undefined) continue;
    // Keep a `}` alone on its line visible: the fold ends on the line before it.
    const brace = d.block.close - 1;
    const lineStart = lineStartOf(text, brace);
    const alone = text.slice(lineStart, brace).trim() === '';
    out.push({ start: d.range.start, end: alone && lineStart > 0 ? lineStart - 1 : brace });
  }
  // Runs of comment lines.
  const comments = context.document.comments;
  for (let i = 0; i < comments.length; i++) {
    let j = i;
    while (j + 1 < comments.length && !context.text.slice(comments[j].range.end, comments[j + 1].range.start).replace(/^\r?\n[ \t]*/, '').length) j++;
    if (j > i) out.push({ start: comments[i].range.start, end: comments[j].range.end, kind: 'comment' });
    i = j;
  }
  return out;
}

export function links(context: Ctx): LinkResult[] {
  const out: LinkResult[] = [];
  for (const d of directivesNamed(context.document, 'include')) {
    if (d.args.length !== 1) continue;
    const files = resolveInclude(context.project, context.path, d.args[0].value).files;
    for (const file of files.slice(0, 1)) out.push({ range: d.args[0].range, target: file, tooltip: files.length > 1 ? `${files.length} files` : undefined });
  }
  return out;
}

export function definition(context: Ctx, offset: number): LocationResult[] {
  const directive = directiveAt(context.document, offset);
  if (!directive) return [];
  const token = tokenAt(directive, offset);
  if (!token || token === directive.nameToken) return [];
  if (directive.name === 'include') {
    return resolveInclude(context.project, context.path, token.value).files.map((path) => ({ path, range: { start: 0, end: 0 } }));
  }
  if (token.value.startsWith('@')) {
    const target = directivesNamed(context.document, 'location').find((d) => d.args[0]?.value === token.value);
    return target ? [{ path: context.path, range: target.range }] : [];
  }
  if (/_pass$/.test(directive.name)) {
    const host = parseProxyTarget(token.value)?.host;
    if (!host) return [];
    return allUpstreams(context.path, context.document, context.project, getNginxPathMatcher())
      .filter((u) => u.directive.args[0].value === host)
      .map((u) => ({ path: u.path, range: u.directive.range }));
  }
  return [];
}
