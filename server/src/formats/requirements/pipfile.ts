/** Pipfile (pipenv): `[packages]` and `[dev-packages]`, `name = "==23.0.0"` or `name = {version = "...", extras = [...]}`. */
import type { Requirement } from './types';
import { addKeyedTable } from './pyproject';
import { parseTomlSafely, tableAt } from './toml';

/** Parses a Pipfile; malformed TOML gives []. Never throws. */
export function parsePipfile(text: string, filePath: string): Requirement[] {
  const root = parseTomlSafely(text);
  const out: Requirement[] = [];
  // In a Pipfile a bare version is not a valid pin (pipenv wants "==X"), so only `==` counts as exact.
  addKeyedTable(out, text, filePath, tableAt(root, 'packages'), 'packages', false, () => false);
  addKeyedTable(out, text, filePath, tableAt(root, 'dev-packages'), 'dev-packages', false, () => false);
  return out;
}
