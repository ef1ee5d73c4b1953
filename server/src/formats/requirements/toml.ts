/** Safe TOML reading for the requirement files: any input gives a table, never an exception. */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// smol-toml is an ES module that also ships a CommonJS build (its `require` export). This project compiles to
// CommonJS, where a static `import` of an ES module is refused by tsc, so the CJS build is loaded with require()
// and typed from the ESM declarations. esbuild bundles it either way.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('smol-toml') as typeof SmolToml;

export type TomlTable = Record<string, unknown>;

export function parseTomlSafely(text: string): TomlTable {
  try {
    const value = parse(text) as unknown;
    return isTable(value) ? value : {};
  } catch {
    return {};
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A nested table by path (`tool`, `poetry`, `dependencies`), or undefined. */
export function tableAt(root: TomlTable, ...keys: string[]): TomlTable | undefined {
  let current: unknown = root;
  for (const key of keys) {
    if (!isTable(current)) return undefined;
    current = current[key];
  }
  return isTable(current) ? current : undefined;
}

export function stringsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
