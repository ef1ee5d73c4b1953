/**
 * What a module-level name of a module is, following imports through workspace modules: bound there (a variable,
 * function or class), imported from outside the workspace, a module object, missing, or unknown (a star import or a
 * dynamic binding that may provide it, a chain too long, the module budget spent). Nothing is guessed: when the
 * answer depends on something parsing cannot see, it is unknown.
 */
import type { ModuleLoader } from './loader';
import type { PythonModule } from './modules';
import type { Binding } from './types';

export type NameResolution =
  | { status: 'bound'; module: PythonModule; binding: Binding }
  /** Imported from a module that is not in the workspace (installed, or the standard library). */
  | { status: 'external'; module: PythonModule; binding: Binding }
  /** The name is a module (`import x as name`, `from pkg import submodule`). */
  | { status: 'module'; module: PythonModule; binding?: Binding; target?: PythonModule }
  | { status: 'missing'; module: PythonModule }
  | { status: 'unknown' };

const MAX_HOPS = 8;

/** The last module-level binding of `name` in `module`, in source order. */
export function lastBinding(module: PythonModule, name: string, before = Infinity): Binding | undefined {
  let last: Binding | undefined;
  for (const binding of module.facts.bindings) if (binding.name === name && binding.statement.start < before) last = binding;
  return last;
}

export function resolveName(loader: ModuleLoader, module: PythonModule, name: string, hops = 0): NameResolution {
  if (hops > MAX_HOPS) return { status: 'unknown' };
  const binding = lastBinding(module, name);
  if (binding) return binding.kind === 'import' ? followImport(loader, module, binding, hops) : { status: 'bound', module, binding };

  // Not bound by name: a star import may bind it (names starting with `_` are not exported by one).
  const stars = module.facts.imports.filter((fact) => fact.star && fact.runs === 'import');
  if (!name.startsWith('_')) {
    for (const star of stars) {
      const target = loader.loadImport(module, star.level, star.module);
      if (!target) continue;
      const found = resolveName(loader, target, name, hops + 1);
      if (found.status === 'bound' || found.status === 'external' || found.status === 'module') return found;
    }
  }
  if (stars.length > 0 || module.facts.dynamicNames) return { status: 'unknown' };
  return { status: 'missing', module };
}

function followImport(loader: ModuleLoader, module: PythonModule, binding: Binding, hops: number): NameResolution {
  const from = binding.from;
  if (!from) return { status: 'unknown' };
  if (from.name === undefined) {
    // `import a.b as name` / `import a`: the name is a module.
    const target = loader.loadImport(module, from.level, from.module);
    return { status: 'module', module, binding, target };
  }
  const located = loader.locateImport(module, from.level, from.module);
  if (!located) return { status: 'external', module, binding };
  const target = loader.load(located.file, located.dotted);
  if (!target) return { status: 'unknown' };
  const found = resolveName(loader, target, from.name, hops + 1);
  if (found.status !== 'missing') return found;
  // `from pkg import sub` where `sub` is a submodule rather than a name in pkg/__init__.py.
  const submodule = from.module === '' ? from.name : `${from.module}.${from.name}`;
  const sub = loader.locateImport(module, from.level, submodule);
  if (sub) return { status: 'module', module, binding, target: loader.load(sub.file, sub.dotted) };
  // The import itself would fail: the app cannot load, but that is a different finding than a missing name.
  return { status: 'unknown' };
}
