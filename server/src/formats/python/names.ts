/**
 * What a name as written refers to, by the module's imports: with `import sqlalchemy as sa`, `sa.create_engine`
 * is `sqlalchemy.create_engine`; with `from signal import signal, SIGTERM`, `SIGTERM` is `signal.SIGTERM`.
 * Tables of library calls are keyed by these qualified names, so every spelling of an import matches the same entry.
 * Imports inside a top-level function count for code in that function only.
 */
export class QualifiedNames {
  private readonly moduleLevel = new Map<string, string>();
  private readonly perFunction = new Map<string, Map<string, string>>();
  private readonly starModules: string[] = [];
  private readonly importedModules = new Set<string>();

  /** `local` now stands for `qualified` (a module or `module.name`); relative imports keep their dots. */
  add(local: string, qualified: string, topFunction?: string): void {
    let table = this.moduleLevel;
    if (topFunction !== undefined) {
      table = this.perFunction.get(topFunction) ?? new Map<string, string>();
      this.perFunction.set(topFunction, table);
    }
    table.set(local, qualified);
    this.importedModules.add(qualified);
  }

  addStar(module: string): void {
    if (this.starModules.length < 20) this.starModules.push(module);
    this.importedModules.add(module);
  }

  /**
   * The qualified names a dotted expression may stand for: one when its head is imported, one per star-imported
   * module when it is not (`from flask import *` then `Flask`), none when it is a local name or a builtin.
   */
  qualify(dotted: string, topFunction?: string): string[] {
    const head = /^[^.[]+/.exec(dotted)?.[0];
    if (!head) return [];
    const rest = dotted.slice(head.length);
    const local = topFunction !== undefined ? this.perFunction.get(topFunction)?.get(head) : undefined;
    const qualified = local ?? this.moduleLevel.get(head);
    if (qualified !== undefined) return [qualified + rest];
    return this.starModules.map((module) => `${module}.${dotted}`);
  }

  /** The module imports `prefix` or something under it (`pyramid` for `from pyramid.config import Configurator`). */
  importsFrom(prefix: string): boolean {
    for (const module of this.importedModules) if (module === prefix || module.startsWith(prefix + '.')) return true;
    return false;
  }
}

/** The first entry of `table` one of the qualified names matches. */
export function lookup<T>(table: ReadonlyMap<string, T>, qualified: readonly string[]): T | undefined {
  for (const name of qualified) {
    const entry = table.get(name);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
