/**
 * What Helix accepts in a user's languages.toml, as typed data for the README's Helix recipe test (Debian has no
 * Helix to run it). Written from Helix's book, book/src/languages.md, and its built-in languages.toml, both at
 * helix-editor/helix commit 079a789e (2026-07-23).
 */

/** Tables and keys allowed at the top of the file. */
export const HELIX_TOP_LEVEL_KEYS = ['use-grammars', 'language', 'language-server', 'grammar'] as const;

/** Keys of one `[[language]]` entry (the book's table; `comment-token` is the older spelling it still accepts). */
export const HELIX_LANGUAGE_KEYS = [
  'name',
  'language-id',
  'scope',
  'injection-regex',
  'file-types',
  'shebangs',
  'roots',
  'auto-format',
  'diagnostic-severity',
  'comment-tokens',
  'comment-token',
  'block-comment-tokens',
  'indent',
  'language-servers',
  'grammar',
  'formatter',
  'soft-wrap',
  'text-width',
  'rulers',
  'path-completion',
  'word-completion',
  'workspace-lsp-roots',
  'persistent-diagnostic-sources',
  'rainbow-brackets',
  'code-actions-on-save',
] as const;

/** A language Helix does not define must give these itself (they have no default). */
export const HELIX_NEW_LANGUAGE_REQUIRED_KEYS = ['name', 'scope', 'file-types'] as const;

/** Keys of the `indent` table. */
export const HELIX_INDENT_KEYS = ['tab-width', 'unit'] as const;

/** A `file-types` entry is an extension string or a table with this one key. */
export const HELIX_FILE_TYPE_TABLE_KEYS = ['glob'] as const;

/** A `language-servers` entry is a server name or a table with these keys. */
export const HELIX_LANGUAGE_SERVER_REFERENCE_KEYS = ['name', 'only-features', 'except-features'] as const;

/** Keys of one `[language-server.NAME]` table. */
export const HELIX_LANGUAGE_SERVER_KEYS = ['command', 'args', 'config', 'timeout', 'environment', 'required-root-patterns'] as const;

/**
 * The built-in languages the recipe extends or borrows from, with their default servers and (part of) their
 * file types. Helix merges a user's
 * `[[language]]` into the built-in one of the same name, but a list (such as `language-servers`) is replaced, not
 * extended, so a recipe that adds a server must repeat these.
 */
export const HELIX_BUILTIN_LANGUAGES: Record<string, { servers: readonly string[]; extensions: readonly string[]; globs: readonly string[] }> = {
  nginx: { servers: ['nginx-language-server'], extensions: [], globs: ['sites-available/*.conf', 'sites-enabled/*.conf', 'nginx.conf', 'conf.d/*.conf'] },
  systemd: { servers: ['systemd-lsp'], extensions: ['service', 'socket', 'timer', 'target', 'mount', 'path', 'slice'], globs: ['systemd/**/*.conf'] },
  python: { servers: ['ty', 'ruff', 'jedi', 'pylsp', 'zuban'], extensions: ['py', 'pyi', 'py3', 'pyw'], globs: [] },
};

/** Built-in grammars a new language may borrow. */
export const HELIX_BUILTIN_GRAMMARS = ['python', 'nginx', 'ini'] as const;

/** Server names Helix defines itself (a subset: the ones a recipe for these languages may name). */
export const HELIX_BUILTIN_SERVERS = [
  'nginx-language-server',
  'systemd-lsp',
  'ty',
  'ruff',
  'jedi',
  'pylsp',
  'zuban',
  'pyright',
  'basedpyright',
  'pyrefly',
  'pylyzer',
] as const;

/**
 * Whether a `file-types` glob matches a path, the way the book describes: against the whole path; a glob that is
 * neither absolute nor starts with a wildcard gets a leading `*` and `/`; `*` also crosses folders (Helix's
 * globset matcher does not keep wildcards inside one folder).
 */
export function helixGlobMatches(glob: string, filePath: string): boolean {
  const anchored = glob.startsWith('/') || glob.startsWith('*') ? glob : `*/${glob}`;
  let source = '';
  for (let i = 0; i < anchored.length; i++) {
    const char = anchored[i];
    if (char === '*') {
      source += '.*';
      while (anchored[i + 1] === '*') i++;
    } else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(filePath);
}
