/**
 * The README's editor recipes, read at test time: each is the fenced block right after an HTML comment
 * `<!-- recipe:NAME -->`. The tests run these exact texts; the only change is the one the README asks of its reader,
 * putting the checkout's path in place of `/path/to/gunicorn-deploy`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/repo';

export const RECIPE_NAMES = ['nvim-0.7', 'nvim-0.11', 'emacs-eglot', 'helix'] as const;
export type RecipeName = (typeof RECIPE_NAMES)[number];

/** The placeholder the README tells its reader to replace. */
export const CHECKOUT_PLACEHOLDER = '/path/to/gunicorn-deploy';

export interface Recipe {
  /** The fence's language (lua, elisp, toml). */
  language: string;
  /** The block exactly as the README shows it. */
  text: string;
}

/** Every `<!-- recipe:NAME -->` block in the README, by name (a name given twice is kept twice, for the test to see). */
export function readmeRecipes(readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8')): Map<string, Recipe[]> {
  const found = new Map<string, Recipe[]>();
  const pattern = /<!-- recipe:([\w.-]+) -->\r?\n```([\w-]*)\r?\n([\s\S]*?)^```\s*$/gm;
  for (const match of readme.matchAll(pattern)) {
    const [, name, language, text] = match;
    found.set(name, [...(found.get(name) ?? []), { language, text }]);
  }
  return found;
}

/** The one block named NAME; throws when it is missing or given twice. */
export function readmeRecipe(name: RecipeName): Recipe {
  const recipes = readmeRecipes().get(name) ?? [];
  if (recipes.length !== 1) throw new Error(`README.md has ${recipes.length} blocks marked <!-- recipe:${name} -->, expected 1`);
  return recipes[0];
}

/** The recipe as the reader would save it: the placeholder replaced by this checkout's path. */
export function recipeForThisCheckout(name: RecipeName): string {
  const { text } = readmeRecipe(name);
  if (!text.includes(CHECKOUT_PLACEHOLDER)) throw new Error(`recipe ${name} does not name ${CHECKOUT_PLACEHOLDER}`);
  return text.split(CHECKOUT_PLACEHOLDER).join(repoRoot());
}
