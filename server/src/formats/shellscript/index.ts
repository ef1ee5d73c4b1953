/**
 * Shell scripts that start gunicorn (`docker-entrypoint.sh`, `start.sh`, `bin/web`): a `*.sh` file, or one named
 * `docker-entrypoint` or `entrypoint`, is claimed only when its first bytes hold a gunicorn command line. The
 * format adds gunicorn's meaning to those lines and nothing else (no shell diagnostics): the command-line checks,
 * fixes, flag hover and completion that every host shares (commandline/hostFeatures.ts).
 */
import { commandHostFeatures } from '../../commandline/hostFeatures';
import type { AnalysisContext, FormatSupport } from '../../core/format';
import { gunicornVersionOf } from '../requirements/gunicornVersion';
import type { ShellScriptDocument } from './document';
import { parseShellScript, startsGunicorn } from './parser';

export type { ShellScriptDocument } from './document';
export { parseShellScript } from './parser';

/** VS Code's id for shell scripts. */
export const SHELLSCRIPT_LANGUAGE_ID = 'shellscript';

/** Entrypoint names images use without an extension. */
const EXTENSIONLESS_NAMES = new Set(['docker-entrypoint', 'entrypoint']);

export function isShellScriptPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.endsWith('.sh') || EXTENSIONLESS_NAMES.has(base);
}

function version(context: AnalysisContext<ShellScriptDocument>): string {
  return gunicornVersionOf(context.project, context.path);
}

export const shellScriptFormat: FormatSupport<ShellScriptDocument> = {
  language: SHELLSCRIPT_LANGUAGE_ID,
  matches(path, _settings, head) {
    if (!isShellScriptPath(path) || !head) return false;
    const text = head();
    return text !== undefined && startsGunicorn(text);
  },
  looksLike: (head) => /^#!\s*\S*\b(sh|bash|dash|ash|zsh)\b/.test(head) && startsGunicorn(head),
  parse: (text, path) => parseShellScript(text, path),
  ...commandHostFeatures<ShellScriptDocument>({
    sites: (document) => document.sites,
    version,
  }),
};
