/**
 * supervisord configs: `supervisord.conf`, files under a `supervisor/` or `supervisord/` folder (`conf.d/*.conf`,
 * `*.ini`), `*.supervisor.conf`; and any other `.conf`/`.ini` whose first bytes hold a `[program:x]` or
 * `[supervisord]` section (an nginx `conf.d/app.conf` never does). Language id `ini`, VS Code's own. The format
 * finds the gunicorn command of each `[program:x]`; checking, hovering and completing it is commandline/'s.
 */
import { commandHostFeatures } from '../../commandline/hostFeatures';
import type { AnalysisContext, FormatSupport, SymbolResult } from '../../core/format';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import type { SupervisordDocument } from './document';
import { commandSites, supervisordFacts } from './facts';
import { parseSupervisord } from './parser';

export type { IniEntry, IniSection, SupervisordDocument } from './document';
export { parseSupervisord } from './parser';
export { supervisordFacts, SUPERVISORD_DEFAULT_STOPWAITSECS, type ProgramFacts, type SupervisordFacts } from './facts';
export { setProgramKey } from './edits';

export const SUPERVISORD_LANGUAGE_ID = 'ini';

/** By name alone. */
export function isSupervisordPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (base === 'supervisord.conf' || /\.(supervisor|supervisord)\.conf$/.test(base)) return true;
  return /(^|\/)(supervisor|supervisord)\/(.+\/)?[^/]+\.(conf|ini)$/.test(p);
}

const SECTION = /^[ \t]*\[(?:(?:program|fcgi-program|eventlistener|group):[^\]\r\n]+|supervisord|supervisorctl|unix_http_server|inet_http_server)\][ \t]*$/m;

/** A config whose first bytes hold a supervisord section. */
export function looksLikeSupervisord(head: string): boolean {
  return SECTION.test(head);
}

function version(context: AnalysisContext<SupervisordDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

export const supervisordFormat: FormatSupport<SupervisordDocument> = {
  language: SUPERVISORD_LANGUAGE_ID,
  matches(path, _settings, head) {
    if (isSupervisordPath(path)) return true;
    if (!head || !/\.(conf|ini)$/i.test(path)) return false;
    const text = head();
    return text !== undefined && looksLikeSupervisord(text);
  },
  looksLike: looksLikeSupervisord,
  parse: (text, path) => parseSupervisord(text, path),
  ...commandHostFeatures<SupervisordDocument>({
    sites: commandSites,
    version,
    siteAt: (context, offset) =>
      supervisordFacts(context.document).programs.find(
        (candidate) =>
          candidate.gunicorn &&
          candidate.command &&
          candidate.command.entry.range.start <= offset &&
          offset <= lineEnd(context.text, candidate.command.entry.range.end),
      )?.gunicorn?.site,
  }),
  symbols(context): SymbolResult[] {
    return context.document.sections.map((section) => ({
      name: section.name,
      kind: 'section' as const,
      range: section.range,
      selectionRange: section.nameRange,
      children: section.entries.map((entry) => ({
        name: entry.key,
        detail: entry.value.length > 60 ? `${entry.value.slice(0, 57)}...` : entry.value,
        kind: 'key' as const,
        range: entry.range,
        selectionRange: entry.keyRange,
      })),
    }));
  },
};

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline;
}
