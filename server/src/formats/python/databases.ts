/**
 * Database engines and pools created when a module runs. With `preload_app`, whatever the master opens is
 * inherited by every forked worker, and two processes speaking on one socket corrupt each other's sessions.
 *
 * - SQLAlchemy `create_engine` / `create_async_engine`: the engine owns a pool (connections open on first use, but
 *   the engine is what a `post_fork` hook must `dispose()`). `poolclass=NullPool` keeps no connection: not a pool.
 * - psycopg2 `SimpleConnectionPool`/`ThreadedConnectionPool`/`PersistentConnectionPool` open `minconn` connections
 *   at once (none with a literal `minconn=0`).
 * - psycopg 3 `ConnectionPool`/`AsyncConnectionPool` open unless `open=False`; `NullConnectionPool` keeps none.
 * - Flask-SQLAlchemy `SQLAlchemy(app)`: recorded on its own, not as a pool. Its engine is made lazily (2.x) or in
 *   `init_app` (3.x), and no connection exists until something uses it; a pool is reported only where the app also
 *   touches the database while loading (`db.create_all()`, `db.engine`, `db.session...`: deployment/app.ts
 *   links the touch to the object, maybe across modules). Flagging every Flask-SQLAlchemy app would flag nearly
 *   every Flask app, and a false alarm costs more than a miss.
 * - Django opens connections per request; settings' DATABASES is no pool. Only a query while loading opens one in
 *   the master: `connection.cursor()`, `connections[alias].cursor()`, `ensure_connection()`, or a manager call
 *   that evaluates (`Model.objects.get(...)`, `.count()`; `filter()` alone is lazy and is not counted).
 */
import { type CallSite, type DetectorState, runsOnLoad } from './calls';
import { lookup } from './names';
import { assignedName, field, type Node, rangeOf } from './tree';
import type { PoolLibrary, Runs } from './types';

const ENGINES: ReadonlyMap<string, PoolLibrary> = new Map([
  ['sqlalchemy.create_engine', 'sqlalchemy'],
  ['sqlalchemy.engine.create_engine', 'sqlalchemy'],
  ['sqlalchemy.engine_from_config', 'sqlalchemy'],
  ['sqlalchemy.engine.engine_from_config', 'sqlalchemy'],
  ['sqlmodel.create_engine', 'sqlalchemy'],
  ['sqlalchemy.ext.asyncio.create_async_engine', 'sqlalchemy-async'],
  ['sqlalchemy.ext.asyncio.async_engine_from_config', 'sqlalchemy-async'],
]);

const PSYCOPG2_POOLS = new Set(['psycopg2.pool.SimpleConnectionPool', 'psycopg2.pool.ThreadedConnectionPool', 'psycopg2.pool.PersistentConnectionPool']);

const PSYCOPG_POOLS = new Set([
  'psycopg_pool.ConnectionPool',
  'psycopg_pool.AsyncConnectionPool',
  'psycopg_pool.pool.ConnectionPool',
  'psycopg_pool.pool_async.AsyncConnectionPool',
]);

const FLASK_SQLALCHEMY = new Set(['flask_sqlalchemy.SQLAlchemy', 'flask_sqlalchemy.extension.SQLAlchemy']);

const DJANGO_CONNECTION = /^django\.db\.(connection|connections\[[^\]]*\])\.(cursor|ensure_connection)$/;

/** Manager and queryset methods that run a query at once (the lazy ones return a queryset). */
const EVALUATING = new Set([
  'get',
  'count',
  'first',
  'last',
  'exists',
  'create',
  'get_or_create',
  'update_or_create',
  'aggregate',
  'update',
  'delete',
  'bulk_create',
  'bulk_update',
  'in_bulk',
  'latest',
  'earliest',
  'contains',
  'explain',
]);

/** Attributes of a Flask-SQLAlchemy object whose use at load opens a connection (or the engine, then a connection). */
export const DATABASE_TOUCHES = new Set(['engine', 'engines', 'get_engine', 'create_all', 'drop_all', 'session']);

export function detectDatabase(call: CallSite, state: DetectorState): void {
  if (!runsOnLoad(call.context)) return;
  const { facts } = state;
  const range = rangeOf(call.node);
  const runs = call.context.runs;
  const variable = call.assignedTo;
  const library = lookup(ENGINES, call.qualified);
  if (library) {
    if (!keywordEndsWith(call, 'poolclass', 'NullPool')) facts.pools.push({ library, range, runs, variable });
    return;
  }
  if (call.qualified.some((name) => PSYCOPG2_POOLS.has(name))) {
    const minimum = call.arguments().positional[0] ?? call.arguments().keywords.get('minconn');
    if (minimum?.text !== '0') facts.pools.push({ library: 'psycopg2-pool', range, runs, variable });
    return;
  }
  if (call.qualified.some((name) => PSYCOPG_POOLS.has(name))) {
    if (call.arguments().keywords.get('open')?.text !== 'False') facts.pools.push({ library: 'psycopg-pool', range, runs, variable });
    return;
  }
  if (call.qualified.some((name) => FLASK_SQLALCHEMY.has(name))) {
    facts.flaskSqlalchemy.push({ range, runs, variable, name: assignedName(call.node) });
    return;
  }
  if (call.qualified.some((name) => DJANGO_CONNECTION.test(name)) || isEvaluatingManagerCall(call, state)) {
    facts.pools.push({ library: 'django', range, runs });
  }
}

function keywordEndsWith(call: CallSite, keyword: string, suffix: string): boolean {
  const value = call.arguments().keywords.get(keyword);
  return value !== undefined && (value.text === suffix || value.text.endsWith('.' + suffix));
}

/**
 * `Model.objects.<...>.get(...)` where Model is a Django model: imported from a `models` module, or a class of
 * this module when the module imports django. Other ORMs (mongoengine) also have `.objects`, hence the care.
 */
function isEvaluatingManagerCall(call: CallSite, state: DetectorState): boolean {
  if (!call.method || !EVALUATING.has(call.method)) return false;
  const model = managerModel(field(call.node, 'function'));
  if (!model) return false;
  const qualified = state.names.qualify(model, call.context.topFunction);
  if (qualified.some((name) => /(^|\.)models\.[^.]+$/.test(name))) return true;
  return state.names.importsFrom('django') && state.facts.bindings.some((binding) => binding.name === model && binding.kind === 'class');
}

/** The `Model` of `Model.objects.filter(...).get`, walking down the receiver chain. */
function managerModel(callee: Node | undefined): string | undefined {
  let node = callee && field(callee, 'object');
  for (let step = 0; node && step < 20; step++) {
    if (node.type === 'call') node = field(node, 'function');
    else if (node.type === 'attribute') {
      const object = field(node, 'object');
      if (field(node, 'attribute')?.text === 'objects' && object?.type === 'identifier') return object.text;
      node = object;
    } else return undefined;
  }
  return undefined;
}

/** A `NAME.<touch>` attribute: recorded for deployment/app.ts to match against Flask-SQLAlchemy objects. */
export function detectDatabaseTouch(attribute: Node, state: DetectorState, runs: Runs): void {
  const object = field(attribute, 'object');
  const name = field(attribute, 'attribute')?.text;
  if (object?.type !== 'identifier' || !name || !DATABASE_TOUCHES.has(name)) return;
  if (state.facts.databaseTouches.length < 200) state.facts.databaseTouches.push({ name: object.text, range: rangeOf(attribute), runs });
}
