/** Hover: sections, keys, enumerated values, specifiers, and gunicorn flags in Exec*= commands and GUNICORN_CMD_ARGS. */
import { hoverSites } from '../../commandline/support';
import type { AnalysisContext, HoverResult } from '../../core/format';
import { code, facts, joinSections, link } from '../../core/markdown';
import { findDirective, findSection, knownVersion, newerDirective, SPECIFIERS, VALUE_DOCS, type SystemdDirective } from '../../knowledge/systemd';
import type { UnitDocument } from './document';
import { entryAt, valueIndexAt } from './locate';
import { valueSubrange } from './parser';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import { commandSitesAt } from './commandSites';
import { buildContext } from './context';

const KIND_NAMES: Record<string, string> = {
  boolean: 'boolean (yes/no, true/false, on/off, 1/0)',
  timespan: 'time span (`90`, `1min 30s`, `500ms`, `infinity`)',
  enum: 'one of a fixed set of words',
  limit: 'resource limit (`N`, `infinity`, or `SOFT:HARD`)',
  signal: 'signal (`SIGTERM`, `TERM`, `15`)',
  path: 'path',
  size: 'size (`512M`, `2G`, `50%`, `infinity`)',
  mode: 'octal file mode (`0660`)',
  unsigned: 'unsigned number',
  list: 'space-separated list; an empty assignment clears it',
  command: 'command line',
  environment: '`KEY=value` assignments',
  string: 'text',
};

export function directiveMarkdown(directive: SystemdDirective, version: string): string {
  const values = directive.values ? directive.values.map(code).join(', ') + (directive.alsoBoolean ? ', or a boolean' : '') : undefined;
  return joinSections(
    `**${directive.name}=** in ${code(`[${directive.section}]`)}` + (directive.summary ? `\n\n${directive.summary}` : ''),
    directive.docs,
    facts([
      ['Value', KIND_NAMES[directive.kind]],
      ['Values', values],
      ['Since', directive.since === '252' ? 'systemd 252 or earlier' : `systemd 253 (checking against ${version})`],
      ['Status', directive.compat === 'legacy' ? 'removed: systemd ignores it' : directive.compat === 'obsolete' ? 'obsolete' : undefined],
    ]),
    link('systemd manual', directive.url),
  );
}

export function hover(context: AnalysisContext<UnitDocument>, offset: number): HoverResult | undefined {
  const doc = context.document;
  const version = knownVersion(context.project?.settings?.systemdVersion);
  const header = doc.sections.find((s) => s.headerRange.start <= offset && offset <= s.headerRange.end);
  if (header) {
    const info = findSection(header.name);
    return info ? { range: header.headerRange, markdown: joinSections(`**[${info.name}]**\n\n${info.summary}`, link('systemd manual', info.url)) } : undefined;
  }
  const entry = entryAt(doc, offset);
  if (!entry || entry.section === undefined) return undefined;
  const directive = findDirective(entry.section, entry.key, version) ?? newerDirective(entry.section, entry.key);
  if (offset >= entry.keyRange.start && offset <= entry.keyRange.end) {
    return directive ? { range: entry.keyRange, markdown: directiveMarkdown(directive, version) } : undefined;
  }
  const index = valueIndexAt(entry, offset);
  if (index < 0) return undefined;
  // A specifier under the cursor: `%i`.
  const value = entry.value;
  for (const at of [index, index - 1]) {
    if (at >= 0 && value[at] === '%' && value[at + 1] !== undefined) {
      const spec = '%' + value[at + 1];
      if (SPECIFIERS[spec]) return { range: valueSubrange(entry, at, at + 2), markdown: `${code(spec)} — ${SPECIFIERS[spec]}` };
    }
  }
  if (directive?.kind === 'command' || entry.key === 'Environment') {
    const flag = hoverSites(commandSitesAt(buildContext(context), offset), offset, gunicornVersionOf(context.project, context.path));
    if (flag || directive?.kind === 'command') return flag;
  }
  if (directive?.values) {
    let start = index;
    let end = index;
    while (start > 0 && !/\s/.test(value[start - 1])) start--;
    while (end < value.length && !/\s/.test(value[end])) end++;
    const word = value.slice(start, end);
    if (directive.values.includes(word)) {
      const doc = VALUE_DOCS[`${entry.key}=${word}`];
      return {
        range: valueSubrange(entry, start, end),
        markdown: `${code(`${entry.key}=${word}`)}` + (doc ? `\n\n${doc}` : '') + `\n\n${link('systemd manual', directive.url)}`,
      };
    }
  }
  return undefined;
}
