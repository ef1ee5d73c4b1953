/**
 * Reads workspace modules for one analysis: each file once, at most `maxModules` files, in the order first asked
 * for. The files read are the analysis's dependencies (re-check when one changes).
 */
import * as path from 'node:path';
import type { Project } from '../../core/format';
import { parentPackages, resolveImport, resolveModule, type PythonModule } from './modules';
import { readPythonModule } from './read';

export class ModuleLoader {
  private readonly loaded = new Map<string, PythonModule | undefined>();
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

  loadDotted(dotted: string): PythonModule | undefined {
    const file = resolveModule(this.project, this.searchRoots, dotted);
    return file ? this.load(file, dotted) : undefined;
  }

  /** The module an import statement in `importer` names, when it is in the workspace. */
  loadImport(importer: PythonModule, level: number, module: string): PythonModule | undefined {
    const found = resolveImport(this.project, this.searchRoots, importer, level, module);
    return found ? this.load(found.file, found.dotted) : undefined;
  }

  /** Where an import statement's module is, without reading it. */
  locateImport(importer: PythonModule, level: number, module: string): { file: string; dotted: string } | undefined {
    return resolveImport(this.project, this.searchRoots, importer, level, module);
  }

  parentPackagesOf(module: PythonModule): { file: string; dotted: string }[] {
    return module.dotted ? parentPackages(this.project, this.searchRoots, module.dotted) : [];
  }
}
