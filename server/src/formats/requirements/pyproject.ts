/**
 * pyproject.toml dependencies: PEP 621 (`project.dependencies`, `project.optional-dependencies`), PEP 735
 * `dependency-groups`, uv and PDM dev groups, and Poetry's `tool.poetry` tables (`gunicorn = "^23.0"`).
 */
import type { OffsetRange } from '../../core/text';
import type { Requirement } from './types';
import { normalisePackageName, parseRequirementSpec, pinnedVersion, requirementFromSpec } from './names';
import { isTable, parseTomlSafely, stringsIn, tableAt, type TomlTable } from './toml';
import { Locator, tableStart } from './tomlLocate';

/** Parses a pyproject.toml; malformed TOML gives []. Never throws. */
export function parsePyproject(text: string, filePath: string): Requirement[] {
  const root = parseTomlSafely(text);
  const out: Requirement[] = [];
  const project = tableAt(root, 'project');
  if (project) {
    addPep508(out, text, filePath, stringsIn(project['dependencies']), ['project']);
    addPep508Groups(out, text, filePath, tableAt(project, 'optional-dependencies'), ['project.optional-dependencies', 'project']);
  }
  addPep508Groups(out, text, filePath, tableAt(root, 'dependency-groups'), ['dependency-groups']);
  addPep508(out, text, filePath, stringsIn(tableAt(root, 'tool', 'uv')?.['dev-dependencies']), ['tool.uv']);
  addPep508Groups(out, text, filePath, tableAt(root, 'tool', 'pdm', 'dev-dependencies'), ['tool.pdm.dev-dependencies', 'tool.pdm']);

  const poetry = tableAt(root, 'tool', 'poetry');
  if (poetry) {
    addPoetryTable(out, text, filePath, tableAt(poetry, 'dependencies'), 'tool.poetry.dependencies');
    addPoetryTable(out, text, filePath, tableAt(poetry, 'dev-dependencies'), 'tool.poetry.dev-dependencies');
    const groups = tableAt(poetry, 'group') ?? {};
    for (const [group, body] of Object.entries(groups)) {
      if (isTable(body)) addPoetryTable(out, text, filePath, tableAt(body, 'dependencies'), `tool.poetry.group.${group}.dependencies`);
    }
  }
  return out;
}

function locatorFor(text: string, tables: string[]): Locator {
  for (const table of tables) {
    const start = tableStart(text, table);
    if (start !== undefined) return new Locator(text, start);
  }
  return new Locator(text, 0);
}

function addPep508(out: Requirement[], text: string, filePath: string, items: string[], tables: string[]): void {
  const locator = locatorFor(text, tables);
  for (const item of items) {
    const spec = parseRequirementSpec(item);
    if (!spec) continue;
    const range = locator.nameInString(item, spec.rawName) ?? { start: 0, end: 0 };
    out.push(requirementFromSpec(spec, filePath, range));
  }
}

function addPep508Groups(out: Requirement[], text: string, filePath: string, groups: TomlTable | undefined, tables: string[]): void {
  if (!groups) return;
  // One locator for all groups: they appear in file order in one table.
  const items = Object.values(groups).flatMap((group) => stringsIn(group));
  addPep508(out, text, filePath, items, tables);
}

/** A Poetry or Pipfile dependency value: `"^23.0"`, `"*"`, `{version = "23.0.0", extras = [...]}`, or a list of those. */
export function constraintOf(value: unknown, bareVersionIsExact: boolean): { specifier: string; pinned?: string; extras: string[] } {
  if (typeof value === 'string') return fromVersion(value, bareVersionIsExact, []);
  if (isTable(value)) {
    const extras = stringsIn(value['extras']);
    return typeof value['version'] === 'string' ? fromVersion(value['version'], bareVersionIsExact, extras) : { specifier: '', extras };
  }
  if (Array.isArray(value)) {
    // Several constraints (per Python version, per platform): no single pin.
    const parts = value.map((item) => constraintOf(item, bareVersionIsExact));
    return {
      specifier: parts
        .map((part) => part.specifier)
        .filter(Boolean)
        .join(' || '),
      extras: parts.flatMap((part) => part.extras),
    };
  }
  return { specifier: '', extras: [] };
}

function fromVersion(version: string, bareVersionIsExact: boolean, extras: string[]) {
  const specifier = version.trim() === '*' ? '' : version.trim();
  const exactBare = bareVersionIsExact && /^\d[\w.+!-]*$/.test(specifier) && !specifier.includes('*');
  return { specifier, pinned: exactBare ? specifier : pinnedVersion(specifier), extras };
}

/** Reads a `name = constraint` table (Poetry dependencies, Pipfile packages). */
export function addKeyedTable(
  out: Requirement[],
  text: string,
  filePath: string,
  table: TomlTable | undefined,
  tableName: string,
  bareVersionIsExact: boolean,
  skip: (name: string) => boolean,
): void {
  if (!table) return;
  const start = tableStart(text, tableName);
  const locator = new Locator(text, start ?? 0);
  for (const [rawName, value] of Object.entries(table)) {
    if (skip(rawName)) continue;
    const constraint = constraintOf(value, bareVersionIsExact);
    const range: OffsetRange = locator.key(rawName) ?? subTableName(text, tableName, rawName) ?? { start: start ?? 0, end: start ?? 0 };
    out.push({
      name: normalisePackageName(rawName),
      rawName,
      specifier: constraint.specifier,
      pinned: constraint.pinned,
      extras: constraint.extras,
      path: filePath,
      range,
    });
  }
}

/** `[tool.poetry.dependencies.gunicorn]`: the name inside that header. */
function subTableName(text: string, tableName: string, name: string): OffsetRange | undefined {
  const bodyStart = tableStart(text, `${tableName}.${name}`);
  if (bodyStart === undefined) return undefined;
  const at = text.lastIndexOf(name, bodyStart);
  return at >= 0 ? { start: at, end: at + name.length } : undefined;
}

function addPoetryTable(out: Requirement[], text: string, filePath: string, table: TomlTable | undefined, tableName: string): void {
  // `python` in Poetry's dependencies is the interpreter constraint, not a package.
  addKeyedTable(out, text, filePath, table, tableName, true, (name) => name.toLowerCase() === 'python');
}
