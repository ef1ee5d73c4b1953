/** Which files are gunicorn config files: the conventional names, plus the user's globs. */
import * as path from 'node:path';
import type { Settings } from '../../core/settings';
import { matchesGlob, toPosix } from '../../core/paths';

const CONVENTIONAL = [/^gunicorn\.conf\.py$/, /^gunicorn_conf\.py$/, /^gunicorn.*\.conf\.py$/, /^gunicorn_config\.py$/];

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
