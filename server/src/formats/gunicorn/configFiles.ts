/** Which files are gunicorn config files: the conventional names, plus the user's globs. */
import * as path from 'node:path';
import type { Settings } from '../../core/settings';
import { matchesGlob, toPosix } from '../../core/paths';
import { GUNICORN_SETTINGS } from '../../knowledge/gunicorn';

const CONVENTIONAL = [/^gunicorn\.conf\.py$/, /^gunicorn_conf\.py$/, /^gunicorn.*\.conf\.py$/, /^gunicorn[._-]config\.py$/, /^gunicorn[_-]cfg\.py$/];

/**
 * Names that may be a gunicorn config or something else (`gunicorn.py` is often a config, sometimes a custom
 * `BaseApplication` runner; `gunicorn.conf` may be a config gunicorn reads with `-c`, or a supervisord section):
 * their first bytes decide.
 */
const BY_CONTENT = [/^gunicorn([._-][^/]*)?\.py$/, /^gunicorn([._-][^/]*)?\.conf$/];

/** Whether the name leaves the format to the content (see BY_CONTENT). */
export function isAmbiguousGunicornName(filePath: string): boolean {
  const base = path.posix.basename(toPosix(filePath));
  return BY_CONTENT.some((pattern) => pattern.test(base));
}

let settingPattern: RegExp | undefined;

/**
 * A gunicorn config by its first bytes: a top-level assignment to a gunicorn setting (`bind = ...`,
 * `workers = ...`) or a server hook (`def post_fork(server, worker):`), and no INI section or
 * `BaseApplication` subclass (a custom runner is an app module, not a config).
 */
export function looksLikeGunicornConfig(head: string): boolean {
  if (/^\s*\[[^\]\n]+\]\s*$/m.test(head)) return false;
  if (/^class\s+\w+\s*\([^)]*BaseApplication/m.test(head)) return false;
  settingPattern ??= new RegExp(
    `^(?:(?:${GUNICORN_SETTINGS.map((setting) => setting.name).join('|')})\\s*(?::[^=\\n]*)?=(?!=)|def\\s+(?:${GUNICORN_SETTINGS.filter(
      (setting) => setting.hookArity,
    )
      .map((setting) => setting.name)
      .join('|')})\\s*\\()`,
    'm',
  );
  return settingPattern.test(head);
}

/**
 * `gunicorn.conf.py`, `gunicorn_conf.py`, `gunicorn*.conf.py`, any `*.py` inside a folder named `gunicorn`, and
 * whatever `settings.gunicornConfigGlobs` names. `root` makes the globs workspace-relative; without it they are
 * matched against the path's tail.
 */
export function isGunicornConfigPath(filePath: string, settings: Pick<Settings, 'gunicornConfigGlobs'>, root?: string): boolean {
  const posix = toPosix(filePath);
  const base = path.posix.basename(posix);
  if (CONVENTIONAL.some((pattern) => pattern.test(base))) return true;
  const parts = posix.split('/');
  if (base.endsWith('.py') && parts.length >= 2 && parts[parts.length - 2] === 'gunicorn') return true;
  const globs = settings.gunicornConfigGlobs ?? [];
  if (globs.length === 0) return false;
  const relative = root ? toPosix(path.relative(root, filePath)) : posix.replace(/^\/+/, '');
  return globs.some((glob) => {
    const cleaned = glob.replace(/^\.\//, '');
    if (matchesGlob(relative, cleaned)) return true;
    // Without a root, accept a glob that matches the end of the path.
    return !root && cleaned.includes('/') && parts.some((_, i) => matchesGlob(parts.slice(i).join('/'), cleaned));
  });
}
