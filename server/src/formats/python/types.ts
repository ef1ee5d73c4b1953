/**
 * What one Python module says about itself, read from its text alone: the names it binds, what it imports, and the
 * things it does when it runs that matter to a deployment (an app created, a database pool opened, CUDA touched,
 * metrics registered, signal handlers replaced, the standard library monkey-patched). Nothing is executed: a fact is
 * recorded only when the syntax shows it, and every fact says when its code runs.
 */
import type { OffsetRange } from '../../core/text';

export type PythonAppKind = 'wsgi' | 'asgi';

/**
 * When a statement runs, seen from `import module`:
 * - `import`: at import (module level, class bodies, decorators, default values; inside `if`/`try`/`with` too);
 * - `call:NAME`: in the body of the top-level function NAME, so when something calls it (a `create_app()` factory);
 * - `later`: not while the app loads (nested functions, methods, lambdas, `if __name__ == "__main__":`).
 */
export type Runs = 'import' | 'later' | `call:${string}`;

export interface Ranged {
  range: OffsetRange;
  runs: Runs;
}

/**
 * A value as far as one expression shows it, enough to tell what an app variable holds without running anything.
 * `call` keeps the callee as written (`create_app`, `factory.create_app`) so a caller can follow it to a function.
 */
export type ValueShape =
  | { type: 'app'; framework: string; kind: PythonAppKind; range: OffsetRange }
  /** A middleware around another app: `kind` is fixed by the wrapper, or absent when it keeps the inner app's kind. */
  | { type: 'wrapper'; framework: string; kind?: PythonAppKind; inner?: ValueShape; range: OffsetRange }
  | { type: 'name'; name: string }
  | { type: 'call'; callee: string; range: OffsetRange }
  | { type: 'lambda' }
  | { type: 'literal' }
  | { type: 'other' };

export type BindingKind = 'function' | 'class' | 'variable' | 'import';

/** A name bound at module level (also inside module-level `if`/`try`/`with`/`for`/`while`). */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The name as written (for `import a.b`, the `a`). */
  range: OffsetRange;
  /** The statement that binds it. */
  statement: OffsetRange;
  /** Variables: what the last expression assigned to it is, when it is a plain `name = value`. */
  value?: ValueShape;
  /** Imports: where the name comes from. `name` absent means the name is the module itself (`import a.b as c`). */
  from?: { module: string; level: number; name?: string };
}

/** One imported module of an import statement. */
export interface ImportFact extends Ranged {
  /** Dotted, without the leading dots of a relative import; '' for `from . import x`. */
  module: string;
  /** Leading dots of a relative import; 0 for absolute. */
  level: number;
  /** `from module import a, b`: the names; absent for `import module`. */
  names?: string[];
  /** `from module import *`. */
  star?: boolean;
}

/** `name = value` in any scope that runs when the app loads (module level or a top-level function's body). */
export interface Assignment extends Ranged {
  name: string;
  value: ValueShape;
}

export interface AppCreation extends Ranged {
  framework: string;
  kind: PythonAppKind;
  /** The simple name the app is assigned to, when it is (`app = Flask(__name__)`). */
  variable?: string;
}

export type PoolLibrary = 'sqlalchemy' | 'sqlalchemy-async' | 'psycopg2-pool' | 'psycopg-pool' | 'django';

export interface PoolCreation extends Ranged {
  library: PoolLibrary;
  /** The module-level name it is assigned to (only for module-level assignments). */
  variable?: string;
}

export interface PrometheusFacts {
  /** Metric objects created (`Counter(...)`, `Histogram(...)`, ...). */
  metrics: Ranged[];
  /**
   * Signs of multiprocess mode, wherever they run (a `/metrics` view that builds a `MultiProcessCollector` only
   * runs per request, yet shows the mode is set up): the multiprocess module, its collector,
   * `PROMETHEUS_MULTIPROC_DIR` written into `os.environ`.
   */
  multiprocess: Ranged[];
  /** `start_http_server(...)` / `start_wsgi_server(...)`. */
  httpServers: Ranged[];
}

/** Something slow the module does on load: an import of a heavy package, or a model read from disk or a hub. */
export interface HeavyLoad extends Ranged {
  kind: 'import' | 'model';
  /** The package (`torch`) or the loader (`spacy.load`). */
  what: string;
  why: string;
}

export interface PythonModuleFacts {
  /** Module-level bindings in source order (a name bound twice appears twice). */
  bindings: Binding[];
  imports: ImportFact[];
  /** Names may be bound in ways parsing cannot follow (`globals()[...] =`, `exec(...)`, a module `__getattr__`). */
  dynamicNames: boolean;
  assignments: Assignment[];
  /** `return value` directly in a top-level function's body (`runs` names the function). */
  returns: (Ranged & { value: ValueShape })[];
  apps: AppCreation[];
  pools: PoolCreation[];
  /** Flask-SQLAlchemy `SQLAlchemy(...)` objects: no connection until first use, see databases.ts. */
  flaskSqlalchemy: (Ranged & { variable?: string; name?: string })[];
  /** `NAME.engine`, `NAME.create_all()`, `NAME.session...`: what makes a Flask-SQLAlchemy object connect. */
  databaseTouches: (Ranged & { name: string })[];
  cuda: Ranged[];
  /** Heavy imports (torch, tensorflow ...) and model loads on load: heavy.ts. */
  heavy: HeavyLoad[];
  prometheus: PrometheusFacts;
  signalHandlers: (Ranged & { signal: string })[];
  monkeyPatches: Ranged[];
  /** The module has syntax errors (facts are still read from what parsed). */
  hasErrors: boolean;
}

export function emptyModuleFacts(): PythonModuleFacts {
  return {
    bindings: [],
    imports: [],
    dynamicNames: false,
    assignments: [],
    returns: [],
    apps: [],
    pools: [],
    flaskSqlalchemy: [],
    databaseTouches: [],
    cuda: [],
    heavy: [],
    prometheus: { metrics: [], multiprocess: [], httpServers: [] },
    signalHandlers: [],
    monkeyPatches: [],
    hasErrors: false,
  };
}
