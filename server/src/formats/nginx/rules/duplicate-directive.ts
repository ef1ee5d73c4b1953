/**
 * nginx/duplicate-directive: what nginx refuses to see twice. A directive repeated in one block ("is duplicate",
 * `root` and `alias` counting as one), a location name repeated among siblings, a listen address repeated in one
 * server or claimed as default by two servers, an upstream or log_format name defined twice.
 */
import { hasTemplatePlaceholder } from '../templates';
import type { Finding, Fix } from '../../../core/findings';
import type { Rule } from '../../../core/rule';
import type { OffsetRange } from '../../../core/text';
import { refusesRepeat } from '../../../knowledge/nginx/directives';
import { entryAt, lineStartOf, statementRange, type NginxAnalysis } from '../analysis';
import { repeatedLogFormats, repeatedUpstreams } from '../definitionNames';
import { documentIndex } from '../documentIndex';
import { listenClashes } from '../listenAddresses';
import { duplicateLocations } from '../locations';
import type { NginxDirective } from '../model';

const RULE = 'nginx/duplicate-directive';

/** What a fix removes: the whole repeated statement, or only a listen's default_server word. */
interface Removal extends OffsetRange {
  what: 'directive' | 'default_server';
}

function removeStatement(directive: NginxDirective): Removal {
  return { ...statementRange(directive), what: 'directive' };
}

function firstSetHere(analysis: NginxAnalysis, first: NginxDirective | undefined) {
  return first ? [{ path: analysis.path, range: first.nameToken.range, message: 'first set here' }] : undefined;
}

/** Directives of one block with equal keys clash (for the names nginx accepts once per block). */
function uniquenessKey(directive: NginxDirective): string {
  // limit_req and limit_conn may repeat with different zones; only the same zone is a duplicate.
  if (directive.name === 'limit_req' || directive.name === 'limit_conn') return `${directive.name} ${directive.args[0]?.value}`;
  // In a location, root and alias fill the same slot: the second of either is refused.
  if (directive.name === 'alias' && directive.parent?.name === 'location') return 'root';
  return directive.name;
}

function repeatedDirectives(analysis: NginxAnalysis, findings: Finding[]): void {
  const blocks: (readonly NginxDirective[])[] = [analysis.document.directives];
  // A block with one child cannot repeat anything.
  for (const d of documentIndex(analysis.document).blocks) {
    if (d.block!.children.length > 1 && !analysis.contexts.freeform.has(d)) blocks.push(d.block!.children);
  }
  for (const children of blocks) {
    const seen = new Map<string, NginxDirective>();
    for (const directive of children) {
      if (!directive.terminator || analysis.contexts.freeform.has(directive)) continue;
      if (hasTemplatePlaceholder(analysis.path, directive)) continue;
      const entry = entryAt(analysis, directive);
      if (!entry || !refusesRepeat(entry, analysis.version)) continue;
      const key = uniquenessKey(directive);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, directive);
        continue;
      }
      const message =
        first.name === directive.name
          ? `"${directive.name}" directive is duplicate`
          : `"${directive.name}" directive is duplicate, "${first.name}" directive was specified earlier`;
      const removal = removeStatement(directive);
      findings.push({ rule: RULE, range: directive.nameToken.range, message, related: firstSetHere(analysis, first), data: removal });
    }
  }
}

function repeatedLocations(analysis: NginxAnalysis, findings: Finding[]): void {
  // No fix: which of two same-named blocks holds the intended settings is the author's call.
  for (const { location, first, name } of duplicateLocations(analysis)) {
    findings.push({ rule: RULE, range: statementRange(location), message: `duplicate location "${name}"`, related: firstSetHere(analysis, first) });
  }
}

/** Parameters that may sit on any listen of an address: dropping default_server beside them leaves a valid line. */
const SHARED_LISTEN_PARAMETERS = new Set(['ssl', 'http2', 'proxy_protocol', 'default_server', 'default']);

function clashingListens(analysis: NginxAnalysis, findings: Finding[]): void {
  const { repeated, options, defaults, pairs } = listenClashes(analysis);
  // No fix: which server should keep the address is the author's call.
  for (const { listen, first, address } of pairs) {
    findings.push({
      rule: RULE,
      range: statementRange(listen),
      message: `duplicate "${address.text}" address and port pair`,
      related: [{ path: analysis.path, range: first.range, message: 'first listened on here' }],
    });
  }
  for (const { listen, first, address } of repeated) {
    const removal = removeStatement(listen);
    findings.push({
      rule: RULE,
      range: statementRange(listen),
      message: `a duplicate listen ${address.text}`,
      related: firstSetHere(analysis, first),
      data: removal,
    });
  }
  // No fix: which server's backlog, reuseport, ... should win is the author's call.
  for (const { listen, first, address } of options) {
    findings.push({
      rule: RULE,
      range: statementRange(listen),
      message: `duplicate listen options for ${address.text}: socket options may be set on one listen of an address only`,
      related: [{ path: analysis.path, range: first.range, message: 'options first set here' }],
    });
  }
  for (const { listen, first, address } of defaults) {
    findings.push({
      rule: RULE,
      range: statementRange(listen),
      message: `a duplicate default server for ${address.text}`,
      related: [{ path: analysis.path, range: first.range, message: 'already the default server here' }],
      data: defaultServerRemoval(analysis, listen),
    });
  }
}

/** The ` default_server` word to drop from a listen, when that alone leaves a line nginx accepts. */
function defaultServerRemoval(analysis: NginxAnalysis, listen: NginxDirective): Removal | undefined {
  const args = listen.args.slice(1);
  const flags = args.filter((arg) => arg.value === 'default_server' || arg.value === 'default');
  // Other socket options (backlog=, reuseport, ...) may be set once per address: then removing the word is not enough.
  if (flags.length !== 1 || !args.every((arg) => SHARED_LISTEN_PARAMETERS.has(arg.value))) return undefined;
  const flag = flags[0];
  const before = listen.args[listen.args.indexOf(flag) - 1].range.end;
  // Take the space before the word along, unless a comment or line break sits there.
  const start = /^[ \t]+$/.test(analysis.text.slice(before, flag.range.start)) ? before : flag.range.start;
  return { start, end: flag.range.end, what: 'default_server' };
}

function repeatedNames(analysis: NginxAnalysis, findings: Finding[]): void {
  for (const { directive, first, message } of repeatedUpstreams(analysis)) {
    findings.push({ rule: RULE, range: statementRange(directive), message, related: firstSetHere(analysis, first) });
  }
  for (const { directive, first, message } of repeatedLogFormats(analysis)) {
    // Removing a built-in name's redefinition would silently change what `access_log ... combined` writes.
    const removal = first ? removeStatement(directive) : undefined;
    findings.push({ rule: RULE, range: statementRange(directive), message, related: firstSetHere(analysis, first), data: removal });
  }
}

/** The span of a statement, widened to its whole line when nothing else stands on it. */
function wholeLines(text: string, span: OffsetRange): OffsetRange {
  let { start, end } = span;
  const lineStart = lineStartOf(text, start);
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  if (text.slice(lineStart, start).trim() === '' && (lineEnd >= text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r')) {
    start = lineStart;
    end = text[lineEnd] === '\r' ? lineEnd + 2 : Math.min(text.length, lineEnd + 1);
  }
  return { start, end };
}

export const duplicateDirectiveRule: Rule<NginxAnalysis> = {
  id: RULE,
  severity: 'error',
  summary: 'A directive, location, listen address or name repeated where nginx refuses the repeat',
  check(analysis) {
    const findings: Finding[] = [];
    repeatedDirectives(analysis, findings);
    repeatedLocations(analysis, findings);
    clashingListens(analysis, findings);
    repeatedNames(analysis, findings);
    return findings;
  },
  fixes(finding, analysis): Fix[] {
    const removal = finding.data as Partial<Removal> | undefined;
    if (typeof removal?.start !== 'number' || typeof removal.end !== 'number') return [];
    if (removal.what === 'default_server') {
      const edits = [{ range: { start: removal.start, end: removal.end }, newText: '' }];
      return [{ title: 'Keep the earlier default server: drop default_server here', edits, safe: false, preferred: true }];
    }
    const range = wholeLines(analysis.text, { start: removal.start, end: removal.end });
    return [{ title: 'Remove the repeated directive', edits: [{ range, newText: '' }], safe: false, preferred: true }];
  },
};
