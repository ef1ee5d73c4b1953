/**
 * What a config's server hooks do, as far as the config shows it. A check that wants a hook (post_fork disposing a
 * pool, child_exit marking a dead worker) must not ask for one that may already exist out of sight, so there are
 * three answers: true when some hook does it, undefined when a hook is out of sight (imported, assigned from
 * elsewhere) or its body cannot be told, false only when every hook is in sight and none does it.
 */
import type { ConfigModel, FunctionDef } from '../formats/gunicorn/model';
import { bindingsOf } from '../formats/gunicorn/rules/facts';
import { importsName } from './hookEdits';

export function someHookDoes(model: ConfigModel, names: readonly string[], does: (definition: FunctionDef) => boolean | undefined): boolean | undefined {
  let unknown = false;
  for (const name of names) {
    if (importsName(model, name)) unknown = true;
    for (const binding of bindingsOf(model, name)) {
      const verdict = binding.definition ? does(binding.definition) : undefined;
      if (verdict === true) return true;
      if (verdict === undefined) unknown = true;
    }
  }
  return unknown ? undefined : false;
}
