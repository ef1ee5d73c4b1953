/**
 * Procfiles (Heroku, Dokku, foreman, honcho): `Procfile` and variants such as `Procfile.dev`. The format finds the
 * gunicorn command lines; checking, fixing, hovering and completing them is commandline/'s, as for every host.
 */
import { commandHostFeatures } from '../../commandline/hostFeatures';
import type { AnalysisContext, FormatSupport } from '../../core/format';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import { commandSites, processSites } from './commandSites';
import type { ProcfileDocument } from './document';
import { symbols } from './outline';
import { parseProcfile } from './parser';

export type { ProcessLine, ProcfileDocument } from './document';
export { parseProcfile } from './parser';
export { procfileFacts, type ProcessFact, type ProcfileFacts } from './facts';

export const PROCFILE_LANGUAGE_ID = 'procfile';

/** `Procfile`, `Procfile.dev`, `Procfile.prod`: the names foreman and honcho are pointed at. */
export function isProcfilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'Procfile' || (base.startsWith('Procfile.') && base.length > 'Procfile.'.length);
}

function version(context: AnalysisContext<ProcfileDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

export const procfileFormat: FormatSupport<ProcfileDocument> = {
  language: PROCFILE_LANGUAGE_ID,
  matches: (path) => isProcfilePath(path),
  parse: (text, path) => parseProcfile(text, path),
  ...commandHostFeatures<ProcfileDocument>({
    sites: commandSites,
    version,
    // The site on the cursor's line, even past its last word (the next flag is being typed).
    siteAt: (context, offset) => processSites(context.document).find(({ process }) => process.range.start <= offset && offset <= process.range.end)?.site,
  }),
  symbols,
};
