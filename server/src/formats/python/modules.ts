/**
 * Where a dotted module lives in the workspace, as Python's import system would find it on a path made of the
 * search roots: `root/a/b.py`, else `root/a/b/__init__.py`; `root/src/...` too, for the src layout a package
 * installed in development mode gives. Only workspace files are found: an installed package is not, and the
 * caller treats it as unknown rather than missing.
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { isDottedPythonName } from '../../core/pythonNames';
import type { PythonModuleFacts } from './types';

export interface PythonModule {
  file: string;
  /** `myapp.db`; '' when the file lies outside every search root. */
  dotted: string;
  /** An `__init__.py`: relative imports start from the module itself, not from its parent. */
  isPackage: boolean;
  facts: PythonModuleFacts;
}

/** The file of `dotted` under the first search root that has it; undefined when none does. */
export function resolveModule(project: Project, searchRoots: readonly string[], dotted: string): string | undefined {
  if (!isDottedPythonName(dotted)) return undefined;
  const parts = dotted.split('.');
  for (const root of searchRoots) {
    const found = moduleFile(project, root, parts) ?? moduleFile(project, path.join(root, 'src'), parts);
    if (found) return found;
  }
  return undefined;
}

/** `dir/a/b.py`, else `dir/a/b/__init__.py`; for no parts, `dir/__init__.py`. */
export function moduleFile(project: Project, dir: string, parts: readonly string[]): string | undefined {
  if (parts.length === 0) {
    const init = path.join(dir, '__init__.py');
    return isFile(project, init) ? init : undefined;
  }
  const base = path.join(dir, ...parts);
  const file = `${base}.py`;
  if (isFile(project, file)) return file;
  const init = path.join(base, '__init__.py');
  return isFile(project, init) ? init : undefined;
}

function isFile(project: Project, file: string): boolean {
  try {
    return project.exists(file) && !project.isDirectory(file);
  } catch {
    return false;
  }
}

/**
 * The module `from <dots><module> import ...` names in `importer`: a relative import goes up from the importer's
 * package by folders (one dot is the package itself), an absolute one is looked up on the search roots.
 */
export function resolveImport(
  project: Project,
  searchRoots: readonly string[],
  importer: Pick<PythonModule, 'file' | 'dotted' | 'isPackage'>,
  level: number,
  module: string,
): { file: string; dotted: string } | undefined {
  if (level === 0) {
    const file = resolveModule(project, searchRoots, module);
    return file ? { file, dotted: module } : undefined;
  }
  if (module !== '' && !isDottedPythonName(module)) return undefined;
  const parts = module === '' ? [] : module.split('.');
  let dir = path.dirname(importer.file);
  for (let up = 1; up < level; up++) dir = path.dirname(dir);
  const file = moduleFile(project, dir, parts);
  if (!file) return undefined;
  // The dotted name follows the importer's: its package, minus one part per extra dot, plus the module.
  const importerParts = importer.dotted === '' ? [] : importer.dotted.split('.');
  const packageParts = importer.isPackage ? importerParts : importerParts.slice(0, -1);
  const kept = packageParts.length - (level - 1);
  const dotted = importer.dotted !== '' && kept >= 0 ? [...packageParts.slice(0, kept), ...parts].join('.') : '';
  return { file, dotted };
}

/** The packages that run before a module: `a/__init__.py` and `a/b/__init__.py` for `a.b.c`. */
export function parentPackages(project: Project, searchRoots: readonly string[], dotted: string): { file: string; dotted: string }[] {
  const parts = dotted.split('.');
  const parents: { file: string; dotted: string }[] = [];
  for (let length = 1; length < parts.length; length++) {
    const name = parts.slice(0, length).join('.');
    const file = resolveModule(project, searchRoots, name);
    if (file && file.endsWith('__init__.py')) parents.push({ file, dotted: name });
  }
  return parents;
}
