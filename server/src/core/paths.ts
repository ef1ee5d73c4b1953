/** Path helpers shared by every format: POSIX-style matching on workspace paths. */
import * as path from 'node:path';

/** Converts a glob (`**`, `*`, `?`, `{a,b}`, `[...]`) to an anchored RegExp over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) out += '\\{';
      else {
        out +=
          '(?:' +
          glob
            .slice(i + 1, close)
            .split(',')
            .map(escapeRegExp)
            .join('|') +
          ')';
        i = close;
      }
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else out += escapeRegExp(ch);
  }
  return new RegExp('^' + out + '$');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether `file` is `root` itself or lies under it (by path, links not followed). */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The path with `/` separators, for matching. */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** True when `relative` (workspace-relative, `/`-separated) matches the glob, anywhere for globs without `/`. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const target = glob.includes('/') ? relativePath : path.posix.basename(relativePath);
  return globToRegExp(glob).test(target);
}
