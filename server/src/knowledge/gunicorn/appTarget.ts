/**
 * App targets are `module:variable` (or `module:factory()`), imported by module name. A file path (`main.py:app`,
 * `src/main:app`) cannot be imported: the module name would be `main.py` or `src/main`.
 */
export interface PathTarget {
  /** The target rewritten as module:variable. */
  rewritten: string;
  /** The folder the path named, which must become the working directory (`--chdir` / `chdir`). */
  folder?: string;
}

/** The rewrite when `target` is written as a file path, undefined when it is a proper (or unreadable) target. */
export function pathLikeTarget(target: string): PathTarget | undefined {
  const text = target.trim();
  const colon = text.lastIndexOf(':');
  // A Windows drive (`C:\...`) is not a variable separator.
  const hasVariable = colon > 1 && !/^[A-Za-z]:[\\/]/.test(text.slice(colon - 1));
  const modulePart = hasVariable ? text.slice(0, colon) : text;
  const variablePart = hasVariable ? text.slice(colon) : '';
  const isPath = /[\\/]/.test(modulePart) || /\.py$/.test(modulePart);
  if (!isPath) return undefined;
  const normalised = modulePart.replace(/\\/g, '/').replace(/^\.\//, '');
  const slash = normalised.lastIndexOf('/');
  const folder = slash > 0 ? normalised.slice(0, slash) : undefined;
  const module = normalised.slice(slash + 1).replace(/\.py$/, '');
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(module)) return undefined;
  return { rewritten: `${module}${variablePart}`, folder };
}
