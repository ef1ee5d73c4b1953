/**
 * The app a gunicorn invocation loads, from its target (`myapp.wsgi:app`, `myapp:create_app()`): which workspace
 * module it is, whether the name exists there, WSGI or ASGI, and what importing it does that matters once
 * gunicorn forks (database pools, CUDA, metrics, signal handlers, monkey-patching). Modules are read, never run
 * (formats/python); the app module's imports are followed into the workspace, bounded in depth and count.
 */
import { pythonReady } from '../core/treeSitter';
import type { Project } from '../core/format';
import { isDottedPythonName, isPythonIdentifier } from '../core/pythonNames';
import { AppKindEvaluator, ModuleLoader, resolveModule, resolveName, type NameResolution, type PythonModule, type Runs } from '../formats/python';
import type { AppFacts, DatabasePool, Place, Sourced } from './model';

export { resolveModule };

/** Imports are followed this many levels below the app module... */
const MAX_DEPTH = 3;
/** ...and no more modules than this are read in all. */
const MAX_MODULES = 40;

export interface AppTarget {
  module: string;
  /** The variable or factory; `application` when the target names none (gunicorn's default). */
  variable: string;
  factory: boolean;
  /** The factory's arguments as written, without the parentheses. */
  arguments?: string;
}

/**
 * A target as gunicorn reads it: `module`, `module:name` or `module:factory(args)` (the last colon splits, as
 * gunicorn's rsplit does). Undefined for anything gunicorn would refuse (a path, `module:a.b`, an empty part).
 */
export function parseAppTarget(text: string): AppTarget | undefined {
  let target = text.trim();
  const quote = /^(['"])(.*)\1$/s.exec(target);
  if (quote) target = quote[2].trim();
  if (target === '' || target.length > 1000) return undefined;
  const colon = target.lastIndexOf(':');
  // Factory arguments may hold colons (`f(x="a:b")`): split before the call's parenthesis, if there is one.
  const paren = target.indexOf('(');
  const split = paren >= 0 ? target.lastIndexOf(':', paren) : colon;
  if (split < 0) return isDottedPythonName(target) ? { module: target, variable: 'application', factory: false } : undefined;
  const module = target.slice(0, split).trim();
  const expression = target.slice(split + 1).trim();
  if (!isDottedPythonName(module)) return undefined;
  if (isPythonIdentifier(expression)) return { module, variable: expression, factory: false };
  // `factory(args)`: a name, optional space, and the arguments up to the closing parenthesis that ends the target.
  const open = expression.indexOf('(');
  const name = open > 0 ? expression.slice(0, open).trimEnd() : '';
  if (!isPythonIdentifier(name) || !expression.endsWith(')')) return undefined;
  return { module, variable: name, factory: true, arguments: expression.slice(open + 1, -1).trim() };
}

/** What the app target loads. Never throws: an unreadable or unparsable app gives `resolution: 'unknown'`. */
export function analyseApp(project: Project, target: Sourced<string>, options: { searchRoots: string[] }): AppFacts {
  const parsed = parseAppTarget(target.value);
  const facts: AppFacts = {
    target,
    module: parsed?.module ?? target.value.trim(),
    variable: parsed?.variable ?? 'application',
    factory: parsed?.factory ?? false,
    resolution: 'unknown',
    modules: [],
    pools: [],
    cuda: [],
    heavy: [],
    signalHandlers: [],
    monkeyPatches: [],
  };
  // Without the grammar every module would look empty, and every name missing.
  if (!parsed || !pythonReady()) return facts;
  try {
    analyseInto(facts, project, parsed, options.searchRoots);
  } catch {
    facts.resolution = 'unknown';
  }
  return facts;
}

function analyseInto(facts: AppFacts, project: Project, target: AppTarget, searchRoots: readonly string[]): void {
  const file = resolveModule(project, searchRoots, target.module);
  if (!file) {
    facts.resolution = 'module-missing';
    return;
  }
  facts.file = file;
  const loader = new ModuleLoader(project, searchRoots, MAX_MODULES);
  const module = loader.load(file, target.module);
  if (!module) {
    facts.modules = [...loader.files];
    return; // exists but unreadable (too large): unknown
  }
  const evaluator = new AppKindEvaluator(loader);
  const resolved = resolveName(loader, module, target.variable);
  facts.resolution = resolutionOf(resolved, target.factory, loader, module);
  if (resolved.status === 'bound' || resolved.status === 'external') {
    facts.definition = { path: resolved.module.file, range: resolved.binding.range };
  }
  if (resolved.status === 'bound') {
    const found = target.factory
      ? resolved.binding.kind === 'function'
        ? evaluator.ofFactory(resolved.module, resolved.binding.name)
        : undefined
      : evaluator.ofVariable(resolved.module, resolved.binding.name);
    if (found) facts.kind = { value: found.kind, framework: found.framework, place: { path: found.file, range: found.range } };
  }

  const scopes = new Map<string, Set<Runs>>();
  for (const factory of evaluator.factories) scopesOf(scopes, factory.module.file).add(`call:${factory.name}`);
  const ran = modulesRunOnLoad(
    loader,
    module,
    evaluator.factories.map((factory) => factory.module),
    scopes,
  );
  gatherFacts(facts, loader, ran, scopes);
  facts.modules = [...loader.files];
}

/**
 * found / name-missing / unknown, as AppFacts documents. A factory must be something callable: a function, a class,
 * a lambda, or an import (from outside the workspace, it may well be); a name bound to an app, a literal or a
 * middleware object is not one. A syntax error near the name makes a missing name unknown: tree-sitter may have
 * lost the binding in the error.
 */
function resolutionOf(resolved: NameResolution, factory: boolean, loader: ModuleLoader, module: PythonModule): AppFacts['resolution'] {
  switch (resolved.status) {
    case 'missing':
      return resolved.module.facts.hasErrors || loader.exhausted ? 'unknown' : 'name-missing';
    case 'external':
      return 'found';
    case 'bound': {
      if (!factory) return 'found';
      const { binding } = resolved;
      if (binding.kind === 'function' || binding.kind === 'class') return 'found';
      const value = binding.value;
      if (!value) return 'unknown';
      if (value.type === 'lambda') return 'found';
      if (value.type === 'app' || value.type === 'literal' || value.type === 'wrapper') return 'name-missing';
      if (value.type === 'name') {
        const aliased = resolveName(loader, resolved.module, value.name);
        return aliased.status === 'bound' && aliased.binding !== binding ? resolutionOf(aliased, true, loader, module) : 'unknown';
      }
      return 'unknown';
    }
    default:
      // A module object, or something parsing cannot settle.
      return 'unknown';
  }
}

function scopesOf(scopes: Map<string, Set<Runs>>, file: string): Set<Runs> {
  let set = scopes.get(file);
  if (!set) {
    set = new Set<Runs>(['import']);
    scopes.set(file, set);
  }
  return set;
}

/**
 * The modules whose code runs when gunicorn imports the app: the app module, the packages above it, what they
 * import (at module level, or in a factory that runs), breadth first, at most MAX_DEPTH levels down. Modules outside
 * the workspace end the walk there.
 */
function modulesRunOnLoad(loader: ModuleLoader, app: PythonModule, factoryModules: PythonModule[], scopes: Map<string, Set<Runs>>): PythonModule[] {
  const ran: PythonModule[] = [];
  const seen = new Set<string>();
  const queue: { module: PythonModule; depth: number }[] = [];
  const enqueue = (module: PythonModule | undefined, depth: number) => {
    if (!module || seen.has(module.file) || depth > MAX_DEPTH) return;
    seen.add(module.file);
    queue.push({ module, depth });
  };
  enqueue(app, 0);
  for (const parent of loader.parentPackagesOf(app)) enqueue(loader.load(parent.file, parent.dotted), 1);
  for (const module of factoryModules) enqueue(module, 1);
  for (let index = 0; index < queue.length; index++) {
    const { module, depth } = queue[index];
    ran.push(module);
    if (depth >= MAX_DEPTH) continue;
    const active = scopesOf(scopes, module.file);
    for (const fact of module.facts.imports) {
      if (!active.has(fact.runs)) continue;
      const located = loader.locateImport(module, fact.level, fact.module);
      if (!located) continue;
      const imported = loader.load(located.file, located.dotted);
      if (fact.level === 0 && imported) {
        for (const parent of loader.parentPackagesOf(imported)) enqueue(loader.load(parent.file, parent.dotted), depth + 1);
      }
      enqueue(imported, depth + 1);
      // `from pkg import sub` imports the submodule `pkg.sub` when pkg does not bind the name itself.
      for (const name of fact.names ?? []) {
        if (imported?.facts.bindings.some((binding) => binding.name === name)) continue;
        const submodule = fact.module === '' ? name : `${fact.module}.${name}`;
        const sub = loader.locateImport(module, fact.level, submodule);
        if (sub) enqueue(loader.load(sub.file, sub.dotted), depth + 1);
      }
    }
  }
  return ran;
}

function gatherFacts(facts: AppFacts, loader: ModuleLoader, ran: PythonModule[], scopes: Map<string, Set<Runs>>): void {
  const seenPools = new Set<string>();
  const addPool = (pool: DatabasePool) => {
    const key = `${pool.place.path}@${pool.place.range.start}`;
    if (seenPools.has(key)) return;
    seenPools.add(key);
    facts.pools.push(pool);
  };
  let metrics: Place | undefined;
  let httpServer: Place | undefined;
  let multiprocess = false;
  for (const module of ran) {
    const active = scopesOf(scopes, module.file);
    const at = (range: { start: number; end: number }): Place => ({ path: module.file, range });
    const dotted = module.dotted || undefined;
    const m = module.facts;
    for (const pool of m.pools) {
      if (active.has(pool.runs)) addPool({ place: at(pool.range), library: pool.library, variable: pool.variable, module: dotted });
    }
    for (const touch of m.databaseTouches) {
      if (!active.has(touch.runs)) continue;
      const pool = flaskSqlalchemyTouched(loader, module, touch.name, touch.runs);
      if (pool) addPool(pool);
    }
    for (const cuda of m.cuda) if (active.has(cuda.runs)) facts.cuda.push(at(cuda.range));
    for (const load of m.heavy) {
      if (active.has(load.runs) && facts.heavy.length < 20) facts.heavy.push({ ...at(load.range), kind: load.kind, what: load.what, why: load.why });
    }
    for (const handler of m.signalHandlers) if (active.has(handler.runs)) facts.signalHandlers.push({ ...at(handler.range), signal: handler.signal });
    for (const patch of m.monkeyPatches) if (active.has(patch.runs)) facts.monkeyPatches.push(at(patch.range));
    const metric = m.prometheus.metrics.find((fact) => active.has(fact.runs));
    if (metric && !metrics) metrics = at(metric.range);
    const server = m.prometheus.httpServers.find((fact) => active.has(fact.runs));
    if (server && !httpServer) httpServer = at(server.range);
    if (m.prometheus.multiprocess.length > 0) multiprocess = true;
  }
  if (metrics || httpServer) facts.prometheus = { place: (metrics ?? httpServer)!, multiprocessMode: multiprocess, startHttpServer: httpServer };
}

/**
 * A load-time touch (`db.create_all()`, `db.engine`) of a Flask-SQLAlchemy object: the object's pool, with the
 * module-level name and module that hold it, when the touched name is one (here, or imported from a workspace
 * module). Why only then: formats/python/databases.ts.
 */
function flaskSqlalchemyTouched(loader: ModuleLoader, module: PythonModule, name: string, runs: Runs): DatabasePool | undefined {
  const local = module.facts.flaskSqlalchemy.find((created) => created.name === name && (created.runs === runs || created.variable === name));
  if (local)
    return { place: { path: module.file, range: local.range }, library: 'flask-sqlalchemy', variable: local.variable, module: module.dotted || undefined };
  const resolved = resolveName(loader, module, name);
  if (resolved.status !== 'bound' || resolved.binding.kind !== 'variable') return undefined;
  const created = resolved.module.facts.flaskSqlalchemy.find((candidate) => candidate.variable === resolved.binding.name);
  return (
    created && {
      place: { path: resolved.module.file, range: created.range },
      library: 'flask-sqlalchemy',
      variable: created.variable,
      module: resolved.module.dotted || undefined,
    }
  );
}
