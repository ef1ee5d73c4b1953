/**
 * Where a server hook's lines go for one invocation: into the body of the config's own `def` of that hook, in a new
 * `def` at the end of the config, or in a new `gunicorn.conf.py` where gunicorn looks for it (the working
 * directory) when the deployment has no config file yet. Shared by the fixes that add hook code.
 */
import * as path from 'node:path';
import type { Project } from '../core/format';
import type { FileEdit } from '../core/findings';
import type { ConfigModel, FunctionDef } from '../formats/gunicorn/model';
import { bindingsOf } from '../formats/gunicorn/rules/facts';
import type { Invocation } from './model';
import { appendFunction, functionText, newlineOf, prependToBody } from './pythonEdits';

export const DEFAULT_CONFIG_NAME = 'gunicorn.conf.py';

export type HookTarget =
  | { kind: 'extend'; path: string; text: string; definition: FunctionDef }
  | { kind: 'append'; path: string; text: string }
  | { kind: 'create'; path: string }
  /** No place a fix can write to, and why (for the finding's message). */
  | { kind: 'none'; reason: string };

/**
 * The config text the model was read from, when it is still the file's current text: edits are made in the
 * model's offsets, so a stale model gives no edit at all.
 */
export function currentConfig(invocation: Invocation, project: Project): { path: string; text: string } | undefined {
  const config = invocation.config;
  if (!config?.path || config.text === undefined || !config.model) return undefined;
  const text = project.readFile(config.path);
  return text === config.text ? { path: config.path, text } : undefined;
}

/** The config binds `name` by an import (`from myapp.hooks import post_fork`): its body is out of sight. */
export function importsName(model: ConfigModel, name: string): boolean {
  return model.imports.some(
    (statement) =>
      statement.names.some((imported) => (imported.alias ?? imported.name) === name) ||
      (statement.names.length === 0 && (statement.alias ?? statement.module) === name),
  );
}

/** Where a hook named `name` would be written for this invocation (without reading anything but the model). */
export function hookTarget(invocation: Invocation, name: string): HookTarget {
  const config = invocation.config;
  if (config?.path) {
    if (!config.model || config.text === undefined) return { kind: 'none', reason: 'the config file could not be read' };
    const bindings = bindingsOf(config.model, name);
    if (importsName(config.model, name)) return { kind: 'none', reason: `\`${name}\` is imported into the config from elsewhere` };
    if (bindings.length === 0) return { kind: 'append', path: config.path, text: config.text };
    const only = bindings.length === 1 ? bindings[0].definition : undefined;
    return only
      ? { kind: 'extend', path: config.path, text: config.text, definition: only }
      : { kind: 'none', reason: `\`${name}\` is defined more than once (or assigned) in the config` };
  }
  if (config?.written) return { kind: 'none', reason: `the config file \`${config.written.value}\` is not in the workspace` };
  const folder = config?.expectedFolder ?? invocation.workingDirectory?.workspaceFolder;
  if (!folder) return { kind: 'none', reason: 'the deployment has no config file and its working directory is not in the workspace' };
  if (!appImportsFrom(invocation, folder))
    return { kind: 'none', reason: 'the deployment has no config file, and which workspace folder is its working directory is not certain' };
  return { kind: 'create', path: path.join(folder, DEFAULT_CONFIG_NAME) };
}

/**
 * The working directory's workspace folder is a guess from the deployed path (`/srv/myapp` may be the repository or
 * its `myapp/` package). gunicorn imports the app from its working directory, so the guess is trusted only when the
 * app module sits where that import would find it, and without `chdir`/`pythonpath` moving the import root.
 */
function appImportsFrom(invocation: Invocation, folder: string): boolean {
  const app = invocation.app;
  if (!app?.file || invocation.settings.has('chdir') || invocation.settings.has('pythonpath')) return false;
  const modulePath = path.join(folder, ...app.module.split('.'));
  return app.file === `${modulePath}.py` || app.file === path.join(modulePath, '__init__.py');
}

/**
 * The edit that puts `body` into hook `name` (parameters `params`), or undefined when there is no safe place (a
 * stale model, a config to create that already exists on disk).
 */
export function hookEdit(invocation: Invocation, project: Project, name: string, params: readonly string[], body: readonly string[]): FileEdit | undefined {
  const target = hookTarget(invocation, name);
  switch (target.kind) {
    case 'none':
      return undefined;
    case 'create':
      if (project.exists(target.path)) return undefined;
      return { path: target.path, range: { start: 0, end: 0 }, newText: functionText(name, params, body), createFile: true };
    case 'append':
    case 'extend': {
      if (!currentConfig(invocation, project)) return undefined;
      const edit =
        target.kind === 'append'
          ? appendFunction(target.text, functionText(name, params, body, newlineOf(target.text)))
          : prependToBody(target.text, target.definition, body);
      return { path: target.path, ...edit };
    }
  }
}
