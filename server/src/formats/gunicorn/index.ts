/** The gunicorn config format: gunicorn.conf.py and friends, read with tree-sitter-python. */
import type { AnalysisContext, FormatSupport } from '../../core/format';
import type { RuleMeta } from '../../core/rule';
import { fixesForFinding, metaOf, runRules } from '../../core/rule';
import { initPython } from '../../core/treeSitter';
import { gunicornCompletion } from './completion';
import { isAmbiguousGunicornName, isGunicornConfigPath, looksLikeGunicornConfig } from './configFiles';
import type { GunicornCheckContext, GunicornDocument } from './context';
import { gunicornHover } from './hover';
import { parseGunicornDocument } from './reader/index';
import { requirementsFor } from '../requirements/cache';
import { GUNICORN_RULES } from './rules/index';
import { gunicornSymbols } from './symbols';
import { gunicornVersionFor } from '../requirements/gunicornVersion';

export type { GunicornDocument, GunicornCheckContext } from './context';

export function buildGunicornContext(context: AnalysisContext<GunicornDocument>): GunicornCheckContext {
  const requirements = requirementsFor(context.project, context.path);
  const version = gunicornVersionFor(context.project, context.path, requirements ?? null);
  return {
    ...context,
    model: context.document.model,
    version: version.version,
    versionSource: version.source,
    requirements,
  };
}

export const gunicornFormat: FormatSupport<GunicornDocument> = {
  language: 'python',
  init: initPython,
  // By name; `gunicorn.py`, `gunicorn.conf` and the like by their first bytes (see configFiles.ts).
  matches(path, settings, head) {
    if (isGunicornConfigPath(path, settings)) return true;
    if (!head || !isAmbiguousGunicornName(path)) return false;
    const text = head();
    return text !== undefined && looksLikeGunicornConfig(text);
  },
  looksLike: looksLikeGunicornConfig,
  parse: (text, _path, previous) => parseGunicornDocument(text, previous),
  // Syntax errors are left to the Python language server the user already has.
  check: (context) => runRules(GUNICORN_RULES, buildGunicornContext(context)),
  fixes: (finding, context) => fixesForFinding(GUNICORN_RULES, finding, () => buildGunicornContext(context)),
  hover(context, offset) {
    try {
      return gunicornHover(context, offset, gunicornVersionFor(context.project, context.path).version);
    } catch {
      return undefined;
    }
  },
  complete(context, offset) {
    try {
      return gunicornCompletion(context, offset, gunicornVersionFor(context.project, context.path).version);
    } catch {
      return [];
    }
  },
  symbols: (context) => gunicornSymbols(context),
};

/** The config file's checks; the command line's checks with the same ids are commandline/'s, listed by the service. */
export const gunicornRules: RuleMeta[] = GUNICORN_RULES.map(metaOf);
