/** Completion: section headers, the keys of the current section and unit type, values, specifiers, gunicorn flags. */
import { completeSite } from '../../commandline/support';
import type { AnalysisContext, CompletionResult } from '../../core/format';
import { LineIndex } from '../../core/text';
import { BOOLEAN_WORDS, directiveTable, findDirective, knownVersion, sectionsFor, SPECIFIERS, VALUE_DOCS } from '../../knowledge/systemd';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import { commandSitesAt } from './commandSites';
import { buildContext } from './context';
import type { UnitDocument } from './document';
import { directiveMarkdown } from './hover';
import { sectionAt } from './locate';
import { SIGNAL_NAMES } from './values';

const UNIT_NAME_KEYS = new Set(['Requires', 'Wants', 'After', 'Before', 'BindsTo', 'PartOf', 'Requisite', 'Conflicts', 'Sockets', 'Service', 'OnFailure']);

export function complete(context: AnalysisContext<UnitDocument>, offset: number): CompletionResult[] {
  const doc = context.document;
  const version = knownVersion(context.project?.settings?.systemdVersion);
  const lines = new LineIndex(context.text);
  const position = lines.positionAt(offset);
  const lineStart = lines.lineStart(position.line);
  const before = context.text.slice(lineStart, offset);
  const trimmed = before.trimStart();
  const leading = before.length - trimmed.length;

  if (trimmed.startsWith('#') || trimmed.startsWith(';')) return [];
  if (trimmed.startsWith('[')) {
    const replace = { start: lineStart + leading, end: Math.max(offset, lines.lineEnd(position.line)) };
    return sectionsFor(doc.unitType).map((s, i) => ({
      label: `[${s.name}]`,
      kind: 'section',
      documentation: s.summary,
      replace,
      sortText: String(i).padStart(2, '0'),
    }));
  }
  const section = sectionAt(doc, lineStart);
  const equals = trimmed.indexOf('=');
  if (equals < 0) {
    if (!section) return sectionsFor(doc.unitType).map((s) => ({ label: `[${s.name}]`, kind: 'section', documentation: s.summary }));
    const keys = directiveTable(version).get(section.name);
    if (!keys) return [];
    const replace = { start: lineStart + leading, end: offset };
    return [...keys.values()]
      .filter((d) => d.compat === undefined)
      .map((d) => ({
        label: d.name,
        kind: 'key' as const,
        detail: d.summary ?? d.kind,
        documentation: directiveMarkdown(d, version),
        insertText: `${d.name}=`,
        replace,
        // Documented (gunicorn-relevant) keys first.
        sortText: (d.summary ? '0' : '1') + d.name,
      }));
  }
  if (!section) return [];
  const key = trimmed.slice(0, equals).trim();
  const valueText = trimmed.slice(equals + 1);
  const percent = valueText.lastIndexOf('%');
  if (percent >= 0 && percent === valueText.length - 1) {
    return Object.entries(SPECIFIERS).map(([spec, docs]) => ({
      label: spec,
      kind: 'variable',
      documentation: docs,
      replace: { start: offset - 1, end: offset },
    }));
  }
  const directive = findDirective(section.name, key, version);
  if (!directive) return [];
  if (directive.kind === 'command' || directive.name === 'Environment') {
    const flags = gunicornFlags(context, offset);
    if (flags.length > 0) return flags;
  }
  const wordStart = offset - (/[^ \t]*$/.exec(valueText)?.[0].length ?? 0);
  const replace = { start: wordStart, end: offset };
  const words: string[] = [];
  if (directive.values) words.push(...directive.values);
  if (directive.kind === 'boolean' || directive.alsoBoolean) words.push('yes', 'no');
  if (directive.kind === 'signal') words.push(...SIGNAL_NAMES);
  if (directive.kind === 'limit' || directive.kind === 'timespan') words.push('infinity');
  if (directive.kind === 'limit' && directive.name === 'LimitNOFILE') words.unshift('65536');
  if (directive.name === 'ExecReload') words.push('/bin/kill -s HUP $MAINPID');
  if (directive.name === 'WantedBy' || directive.name === 'RequiredBy') words.push('multi-user.target', 'sockets.target', 'default.target');
  if (UNIT_NAME_KEYS.has(directive.name)) {
    // Units of the workspace (the socket beside a service, the service a socket activates).
    for (const file of context.project?.workspaceFiles() ?? []) {
      const name = file.slice(file.lastIndexOf('/') + 1);
      if (/\.(service|socket|target|timer)$/.test(name) && name !== doc.unitName) words.push(name);
    }
    words.push('network.target', 'network-online.target');
  }
  return [...new Set(words)].map((word, i) => ({
    label: word,
    kind: 'value',
    documentation: VALUE_DOCS[`${directive.name}=${word}`] ?? (BOOLEAN_WORDS.includes(word) ? 'boolean' : undefined),
    replace,
    sortText: String(i).padStart(3, '0'),
  }));
}

/** Flags and their values inside a command that runs gunicorn, or inside GUNICORN_CMD_ARGS. */
function gunicornFlags(context: AnalysisContext<UnitDocument>, offset: number): CompletionResult[] {
  const sites = commandSitesAt(buildContext(context), offset);
  const site = [...sites].reverse().find((candidate) => (candidate.words[0]?.range.start ?? Infinity) <= offset);
  return site ? completeSite(site, context.text, offset, gunicornVersionOf(context.project, context.path)) : [];
}
