/**
 * What `preload_app` needs from a post-fork hook when the app holds database connections at import: whether the
 * config already has a hook that drops them, and the lines that do it for each kind of pool. The call follows the
 * library and its pinned version:
 *  - SQLAlchemy 1.4.33 and later: `engine.dispose(close=False)` forgets the inherited connections without closing
 *    them (closing would end the master's sessions on the shared sockets); older versions only have `dispose()`.
 *  - an async engine: the same on its `sync_engine`.
 *  - Flask-SQLAlchemy: `db.engine` exists only inside an app context, so the hook enters the app's context (which
 *    needs the app object itself: a factory target gives no such object, and then no hook is written).
 *  - Django: `connections.close_all()`, Django's own way to drop a process's connections.
 *  - psycopg2 and psycopg 3 pools cannot be emptied without closing the master's connections, and re-creating one
 *    needs arguments we cannot see: for them the only fix is to turn preload off.
 */
import type { ConfigModel, FunctionDef } from '../formats/gunicorn/model';
import { compareVersions, parseVersion } from '../knowledge/gunicorn/versions';
import { targetIsAppObject } from './frameworkNames';
import { someHookDoes } from './hookVerdicts';
import type { AppFacts, DatabasePool, Invocation } from './model';

/** Hooks that run in each new worker, before it serves: where inherited connections are dropped. */
export const WORKER_START_HOOKS = ['post_fork', 'post_worker_init'] as const;

/** Calls that drop or replace connections: disposing an engine, closing Django's, closing or re-creating a pool. */
const DROPS_CONNECTIONS = [
  /(^|\.)dispose$/,
  /(^|\.)close_all$/,
  /(^|\.)connections?\.close$/,
  /(^|\.)closeall$/,
  /(^|\.)(create_engine|create_async_engine)$/,
  /(^|\.)\w*ConnectionPool$/,
];

/**
 * The config's worker-start hooks already handle connections: true when one drops them, undefined when a hook's
 * body is out of sight (assigned from elsewhere, or calling the app's own helpers), false when none does.
 */
export function hooksDropConnections(model: ConfigModel, pools: readonly DatabasePool[]): boolean | undefined {
  const appRoots = new Set(pools.flatMap((pool) => (pool.module ? [pool.module.split('.')[0]] : [])));
  const pooled = new Set(pools.flatMap((pool) => (pool.variable ? [pool.variable] : [])));
  return someHookDoes(model, WORKER_START_HOOKS, (definition) => dropsConnections(model, definition, appRoots, pooled, new Set()));
}

function dropsConnections(
  model: ConfigModel,
  definition: FunctionDef,
  appRoots: Set<string>,
  pooled: Set<string>,
  visited: Set<FunctionDef>,
): boolean | undefined {
  visited.add(definition);
  const importedFromApp = namesImportedFrom(model, definition, appRoots);
  let unknown = false;
  for (const call of definition.calls) {
    if (DROPS_CONNECTIONS.some((pattern) => pattern.test(call.callee))) return true;
    const root = call.callee.split('.')[0];
    // Anything done to the pool's own variable (`pool.open()`, `engine.pool.recreate()`) is the user's way of doing it.
    if (pooled.has(root) && call.callee.includes('.')) return true;
    const local = model.functions.find((candidate) => candidate.name === call.callee);
    if (local && !visited.has(local)) {
      const verdict = dropsConnections(model, local, appRoots, pooled, visited);
      if (verdict === true) return true;
      if (verdict === undefined) unknown = true;
    } else if (importedFromApp.has(root)) {
      unknown = true; // the app's own helper (`reset_db()`): it may well dispose
    }
  }
  return unknown ? undefined : false;
}

/** Names bound by imports from the app's packages, in the config's module level or the hook's own imports. */
function namesImportedFrom(model: ConfigModel, definition: FunctionDef, appRoots: Set<string>): Set<string> {
  const names = new Set<string>();
  for (const statement of model.imports) {
    if (!appRoots.has(statement.module.split('.')[0])) continue;
    if (statement.names.length === 0) names.add(statement.alias ?? statement.module.split('.')[0]);
    for (const imported of statement.names) names.add(imported.alias ?? imported.name);
  }
  // Imports inside the hook are not in the model's module-level list: the calls tell us the names used.
  for (const call of definition.calls) if (appRoots.has(call.callee.split('.')[0])) names.add(call.callee.split('.')[0]);
  return names;
}

/** SQLAlchemy added `dispose(close=False)` in 1.4.33; unpinned means a current release. */
export function disposeKeepsSockets(invocation: Invocation): boolean {
  const pinned = invocation.requirements?.packages.get('sqlalchemy')?.pinned;
  if (!pinned || !parseVersion(pinned)) return true;
  return compareVersions(pinned, '1.4.33') >= 0;
}

/** Flask-SQLAlchemy 3 keeps every bind's engine in `db.engines`; 2.x has `db.engine` only. */
function flaskSqlalchemyHasEngines(invocation: Invocation): boolean {
  const pinned = invocation.requirements?.packages.get('flask-sqlalchemy')?.pinned;
  if (!pinned || !parseVersion(pinned)) return true;
  return compareVersions(pinned, '3.0') >= 0;
}

export interface HookLines {
  lines: string[];
}

/**
 * The body of a post-fork hook that drops every pool's inherited connections, or a reason why none can be written.
 * Imports go inside the hook: at the config's top level they would run before gunicorn applies `chdir` and
 * `pythonpath`, and in the master before the app itself.
 */
export function postForkBody(invocation: Invocation, app: AppFacts, params: readonly string[]): { lines: string[] } | { reason: string } {
  const imports: string[] = [];
  const calls: string[] = [];
  const taken = new Set(params);
  const bound = new Map<string, string>();
  const close = disposeKeepsSockets(invocation) ? 'close=False' : '';
  const name = (module: string, variable: string): string => {
    const key = `${module}:${variable}`;
    const known = bound.get(key);
    if (known) return known;
    let local = variable;
    for (let n = 2; taken.has(local); n++) local = `${variable}_${n}`;
    taken.add(local);
    bound.set(key, local);
    imports.push(local === variable ? `from ${module} import ${variable}` : `from ${module} import ${variable} as ${local}`);
    return local;
  };
  const seen = new Set<string>();
  for (const pool of app.pools) {
    const key = `${pool.library}:${pool.module}:${pool.variable}`;
    if (seen.has(key)) continue;
    seen.add(key);
    switch (pool.library) {
      case 'django':
        if (!seen.has('django-connections')) {
          seen.add('django-connections');
          imports.push('from django.db import connections');
          calls.push('connections.close_all()');
        }
        break;
      case 'sqlalchemy':
      case 'sqlalchemy-async': {
        if (!pool.module || !pool.variable) return { reason: 'the engine is not bound to a module-level name that a hook could import' };
        const engine = name(pool.module, pool.variable);
        calls.push(`${engine}${pool.library === 'sqlalchemy-async' ? '.sync_engine' : ''}.dispose(${close})`);
        break;
      }
      case 'flask-sqlalchemy': {
        if (!pool.module || !pool.variable) return { reason: 'the Flask-SQLAlchemy object is not bound to a module-level name that a hook could import' };
        // The target must be the Flask object itself: a factory, or middleware around the app, has no app_context().
        if (app.resolution !== 'found' || app.kind?.framework.toLowerCase() !== 'flask' || !targetIsAppObject(app)) {
          return {
            reason:
              "`db.engine` needs the Flask app's context, and the target is not a Flask app object a hook could import (a factory, middleware, or not found)",
          };
        }
        const flaskApp = name(app.module, app.variable);
        const db = name(pool.module, pool.variable);
        let each = 'engine';
        for (let n = 2; taken.has(each); n++) each = `engine_${n}`;
        taken.add(each);
        calls.push(`with ${flaskApp}.app_context():`);
        calls.push(
          flaskSqlalchemyHasEngines(invocation)
            ? `    for ${each} in ${db}.engines.values():\n        ${each}.dispose(${close})`
            : `    ${db}.engine.dispose(${close})`,
        );
        break;
      }
      case 'psycopg2-pool':
      case 'psycopg-pool':
        return { reason: "a psycopg pool cannot be emptied in a worker without closing the master's connections, nor re-created without its arguments" };
    }
  }
  // Multi-line entries (the Flask loop) are split so that every line gets the body's indentation.
  return { lines: [...imports, '', ...calls.flatMap((call) => call.split('\n'))] };
}
