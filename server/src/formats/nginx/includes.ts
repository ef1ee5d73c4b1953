/**
 * `include` resolution as nginx does it, mapped onto a repository: a relative path is tried against the including
 * file's folder, the main config's folder and the workspace root; an absolute path (`/etc/nginx/...`) is tried by
 * its trailing segments inside the workspace. Globs match in sorted order and `*` skips hidden files, as glob(3).
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { globToRegExp } from '../../core/paths';

/**
 * nginx never warns about a glob that matches nothing, and neither may we loop forever on a huge folder. The bound
 * is the workspace walk's own default cap: a `conf.d/*.conf` of thousands of sites is read whole (a glob cut short
 * would hide servers and upstreams from the checks that need all of them).
 */
export const MAX_INCLUDE_MATCHES = 20_000;

export function isGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Files a pattern matches under one base folder, sorted; hidden names only when the pattern says so. */
export function matchPattern(project: Project, base: string, pattern: string): string[] {
  const absolute = path.posix.isAbsolute(pattern) ? pattern : path.posix.join(base.split(path.sep).join('/'), pattern);
  const segments = absolute.split('/').filter((s) => s !== '');
  let current: string[] = ['/'];
  for (let i = 0; i < segments.length && current.length > 0; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!isGlob(segment)) {
        const candidate = path.posix.join(dir, segment);
        if (last ? project.exists(candidate) && !project.isDirectory(candidate) : project.isDirectory(candidate)) next.push(candidate);
        continue;
      }
      const regex = globToRegExp(segment);
      for (const name of project.listDirectory(dir)) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (!regex.test(name)) continue;
        const candidate = path.posix.join(dir, name);
        if (last ? !project.isDirectory(candidate) : project.isDirectory(candidate)) next.push(candidate);
        if (next.length >= MAX_INCLUDE_MATCHES) break;
      }
    }
    current = next.sort();
  }
  return current.slice(0, MAX_INCLUDE_MATCHES);
}

/** The folder of the main config: the nearest `nginx.conf` at or above the file, else the file's own folder. */
export function mainConfigFolder(project: Project, filePath: string): string {
  let dir = path.posix.dirname(filePath);
  const root = project.root.split(path.sep).join('/');
  for (let i = 0; i < 32; i++) {
    if (project.exists(path.posix.join(dir, 'nginx.conf'))) return dir;
    if (dir === root || dir === path.posix.dirname(dir) || !dir.startsWith(root)) break;
    dir = path.posix.dirname(dir);
  }
  return path.posix.dirname(filePath);
}

export interface IncludeResolution {
  files: string[];
  /** A folder where the pattern's directory exists in the workspace (so "not found" means something). */
  folderSeen: boolean;
  absolute: boolean;
}

/**
 * Resolves an include pattern for a file; the first base that yields files wins. The answer depends on the disk
 * alone (folder listings, which files exist), so the project keeps it while those stay the same: an edit in a tree
 * of thousands of fragments does not match `conf.d/*.conf` against the folder again. Callers must not change it.
 */
export function resolveInclude(project: Project, fromFile: string, pattern: string): IncludeResolution {
  if (!project.diskDerived) return resolveIncludeNow(project, fromFile, pattern);
  return project.diskDerived(`nginx include\n${fromFile}\n${pattern}`, (own) => resolveIncludeNow(own, fromFile, pattern));
}

function resolveIncludeNow(project: Project, fromFile: string, pattern: string): IncludeResolution {
  const absolute = path.posix.isAbsolute(pattern);
  const bases: string[] = [];
  const root = project.root.split(path.sep).join('/');
  if (absolute) {
    // /etc/nginx/snippets/a.conf -> <root>/etc/nginx/snippets/a.conf, <root>/nginx/snippets/a.conf, <root>/snippets/a.conf
    const parts = pattern.split('/').filter((p) => p !== '');
    const direct = matchPattern(project, '/', pattern);
    if (direct.length > 0) return { files: direct, folderSeen: true, absolute };
    let folderSeen = false;
    for (let i = 0; i < parts.length - 1 && i < 8; i++) {
      const relative = parts.slice(i).join('/');
      const files = matchPattern(project, root, relative);
      if (files.length > 0) return { files, folderSeen: true, absolute };
      const dir = path.posix.dirname(relative);
      if (dir !== '.' && !isGlob(dir) && project.isDirectory(path.posix.join(root, dir))) folderSeen = true;
    }
    return { files: [], folderSeen, absolute };
  }
  bases.push(path.posix.dirname(fromFile), mainConfigFolder(project, fromFile), root);
  const seen = new Set<string>();
  for (const base of bases) {
    if (seen.has(base)) continue;
    seen.add(base);
    const files = matchPattern(project, base, pattern);
    if (files.length > 0) return { files, folderSeen: true, absolute };
  }
  return { files: [], folderSeen: true, absolute };
}

/** Files Debian's nginx ships in /etc/nginx: a repository rarely carries them. */
export const SYSTEM_INCLUDES = new Set([
  'mime.types',
  'fastcgi_params',
  'fastcgi.conf',
  'proxy_params',
  'uwsgi_params',
  'scgi_params',
  'koi-utf',
  'koi-win',
  'win-utf',
  'snippets/fastcgi-php.conf',
  'snippets/snakeoil.conf',
  'modules-enabled/*.conf',
]);

export function isSystemInclude(pattern: string): boolean {
  const trimmed = pattern.replace(/^\/etc\/nginx\//, '');
  return SYSTEM_INCLUDES.has(trimmed) || trimmed.startsWith('/usr/share/nginx/') || trimmed.startsWith('modules-enabled/');
}
