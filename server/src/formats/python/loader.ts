/**
 * Reads workspace modules for one analysis: each file once, at most `maxModules` files, in the order first asked
 * for. The files read are the analysis's dependencies (re-check when one changes).
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { parentPackages, resolveImport, type PythonModule } from './modules';
import { readPythonModule } from './read';

export class ModuleLoader {
  private readonly loaded = new Map<string, PythonModule | undefined>();
  /** Where imports were found (or not): the same import appears in many modules, and each look-up costs stats. */
  private readonly located = new Map<string, { file: string; dotted: string } | undefined>();
  readonly files: string[] = [];

  constructor(
    readonly project: Project,
    readonly searchRoots: readonly string[],
    private readonly maxModules: number,
  ) {}

  /** The module in `file`; undefined when unreadable or past the budget. */
  load(file: string, dotted: string): PythonModule | undefined {
    if (this.loaded.has(file)) return this.loaded.get(file);
    if (this.files.length >= this.maxModules) return undefined;
    let text: string | undefined;
    try {
      text = this.project.readFile(file);
    } catch {
      text = undefined;
    }
    this.files.push(file);
    const module = text === undefined ? undefined : { file, dotted, isPackage: path.basename(file) === '__init__.py', facts: readPythonModule(text) };
    this.loaded.set(file, module);
    return module;
  }

  /** Over budget: later loads return undefined, and answers that depend on them become unknown. */
  get exhausted(): boolean {
    return this.files.length >= this.maxModules;
  }

  /** The module an import statement in `importer` names, when it is in the workspace. */
  loadImport(importer: PythonModule, level: number, module: string): PythonModule | undefined {
    const found = this.locateImport(importer, level, module);
    return found ? this.load(found.file, found.dotted) : undefined;
  }

  /** Where an import statement's module is, without reading it. */
  locateImport(importer: PythonModule, level: number, module: string): { file: string; dotted: string } | undefined {
    // Absolute imports do not depend on the importer; relative ones depend on its folder and name.
    const key = level === 0 ? module : `${importer.file}\0${importer.dotted}\0${level}\0${module}`;
    if (this.located.has(key)) return this.located.get(key);
    const found = resolveImport(this.project, this.searchRoots, importer, level, module);
    if (this.located.size < 10_000) this.located.set(key, found);
    return found;
  }

  parentPackagesOf(module: PythonModule): { file: string; dotted: string }[] {
    return module.dotted ? parentPackages(this.project, this.searchRoots, module.dotted) : [];
  }
}
