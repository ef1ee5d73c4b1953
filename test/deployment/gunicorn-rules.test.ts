/**
 * The gunicorn/ checks that read the whole deployment, on hand-built models: for each check a case that fires and
 * a near-identical one that does not; every fix applied, the model rebuilt from the fixed text and re-checked, and
 * every fixed Python file compiled with `python3 -m py_compile`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Project } from '../../server/src/core/format';
import { applyEdits, type Fix } from '../../server/src/core/findings';
import { withDefaults } from '../../server/src/core/settings';
import { initPython } from '../../server/src/core/treeSitter';
import { mergeAssignments } from '../../server/src/deployment/effective';
import { removeStatementLine } from '../../server/src/deployment/pythonEdits';
import type { AppFacts, DatabasePool, EffectiveSetting, Invocation, SettingAssignment, SettingValue } from '../../server/src/deployment/model';
import type { DeploymentFinding, DeploymentRule } from '../../server/src/deployment/rule';
import { rule as appNotFound } from '../../server/src/deployment/rules/app-not-found';
import { rule as asgiAppWsgiWorker } from '../../server/src/deployment/rules/asgi-app-wsgi-worker';
import { rule as daemonUnderSupervisor } from '../../server/src/deployment/rules/daemon-under-supervisor';
import { rule as geventBlockingDriver } from '../../server/src/deployment/rules/gevent-blocking-driver';
import { rule as preloadCuda } from '../../server/src/deployment/rules/preload-cuda';
import { rule as preloadDbPool } from '../../server/src/deployment/rules/preload-db-pool';
import { rule as preloadGevent } from '../../server/src/deployment/rules/preload-gevent';
import { rule as prometheusMultiprocess } from '../../server/src/deployment/rules/prometheus-multiprocess';
import { rule as sigtermOverrideInApp } from '../../server/src/deployment/rules/sigterm-override-in-app';
import { rule as workerPackageMissing } from '../../server/src/deployment/rules/worker-package-missing';
import { rule as wsgiAppAsgiWorker } from '../../server/src/deployment/rules/wsgi-app-asgi-worker';
import type { PyValue } from '../../server/src/formats/gunicorn/model';
import { parseGunicornDocument } from '../../server/src/formats/gunicorn/reader/index';
import { effectiveSetting } from '../../server/src/formats/gunicorn/rules/facts';
import { parseRequirementsTxt, type RequirementsInfo } from '../../server/src/formats/requirements/index';
import { fromCommandLine, invocation, model, place, ROOT, sourced } from '../support/deploymentModel';

const CONFIG = `${ROOT}/gunicorn.conf.py`;
const UNIT = `${ROOT}/deploy/app.service`;
const REQUIREMENTS = `${ROOT}/requirements.txt`;
const DB_MODULE = `${ROOT}/myapp/db.py`;

// --- building invocations from real texts ------------------------------------------------------------------------

type Files = Map<string, string>;

/** Settings the config file sets, read with the real reader (what build.ts does, reduced to what these checks read). */
const CONFIG_SETTINGS = ['preload_app', 'worker_class', 'workers', 'daemon', 'threads', 'wsgi_app'];

function pySetting(value: PyValue): SettingValue {
  if (value.kind === 'int' || value.kind === 'float' || value.kind === 'bool' || value.kind === 'string') return { known: true, value: value.value };
  return { known: false };
}

interface Built {
  files: Files;
  /** Extra assignments (command line, environment) by setting name, above the config's. */
  flags?: Record<string, SettingAssignment>;
  app?: AppFacts;
  requirements?: boolean;
  overrides?: Partial<Invocation>;
}

/** An invocation from the files' current text: the config (when present) parsed, the requirements read. */
function build({ files, flags = {}, app, requirements = true, overrides = {} }: Built): Invocation {
  const settings = new Map<string, EffectiveSetting>();
  const assignments = new Map<string, SettingAssignment[]>();
  const configText = files.get(CONFIG);
  let config: Invocation['config'] = overrides.config ?? { expectedFolder: ROOT };
  if (configText !== undefined) {
    const model = parseGunicornDocument(configText).model;
    config = { path: CONFIG, model, text: configText };
    for (const name of CONFIG_SETTINGS) {
      const effective = effectiveSetting(model, name);
      if (effective.state === 'absent') continue;
      const binding = effective.binding!;
      const value = effective.state === 'known' ? pySetting(effective.value) : { known: false as const };
      assignments.set(name, [
        { source: 'config', value, place: { path: CONFIG, range: binding.value.range }, statement: { path: CONFIG, range: binding.statementRange } },
      ]);
    }
  }
  for (const [name, assignment] of Object.entries(flags)) assignments.set(name, [...(assignments.get(name) ?? []), assignment]);
  for (const [name, list] of assignments) settings.set(name, mergeAssignments(name, list)!);
  const requirementsText = files.get(REQUIREMENTS);
  let info: RequirementsInfo | undefined;
  if (requirements && requirementsText !== undefined) {
    const packages = new Map(parseRequirementsTxt(requirementsText, REQUIREMENTS).map((r) => [r.name, r]));
    info = { files: [REQUIREMENTS], packages };
  }
  return invocation({ settings, config, app, requirements: info, ...overrides, ...(overrides.config ? {} : { config }) });
}

function memoryProject(files: Files): Project {
  return {
    root: ROOT,
    settings: withDefaults({}),
    readFile: (file) => files.get(file),
    exists: (file) => files.has(file),
    isDirectory: () => false,
    listDirectory: () => [],
    workspaceFiles: () => [...files.keys()].sort(),
    parsed: () => undefined,
  };
}

function run(rule: DeploymentRule, ...invocations: Invocation[]): DeploymentFinding[] {
  return rule.check(model(invocations));
}

function fixesOf(rule: DeploymentRule, inv: Invocation, files: Files): { finding: DeploymentFinding; fixes: Fix[] } {
  const findings = run(rule, inv);
  assert.equal(findings.length, 1, `one finding expected, got ${findings.map((f) => f.message).join(' | ')}`);
  return { finding: findings[0], fixes: rule.fixes!(findings[0], { model: model([inv]), project: memoryProject(files) }) };
}

/** The files after a fix (created files start empty). */
function applied(files: Files, fix: Fix): Files {
  const out = new Map(files);
  const byPath = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) {
    const target = edit.path ?? '';
    if (edit.createFile) assert.ok(!files.has(target), `${target} is created but exists`);
    else assert.ok(files.has(target), `${target} is edited but missing`);
    byPath.set(target, [...(byPath.get(target) ?? []), edit]);
  }
  for (const [file, edits] of byPath) out.set(file, applyEdits(files.get(file) ?? '', edits));
  return out;
}

let scratch: string;

function assertCompiles(text: string, name = 'gunicorn.conf.py'): void {
  const file = path.join(fs.mkdtempSync(path.join(scratch, 'case-')), name);
  fs.writeFileSync(file, text);
  const result = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
  assert.equal(result.status, 0, `py_compile failed:\n${text}\n${result.stderr}`);
}

before(async () => {
  await initPython();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-deploy-rules-'));
});

after(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

// --- app facts -----------------------------------------------------------------------------------------------------

function app(overrides: Partial<AppFacts> = {}): AppFacts {
  return {
    target: sourced('myapp.wsgi:app', place(UNIT, 40, 54)),
    module: 'myapp.wsgi',
    variable: 'app',
    factory: false,
    resolution: 'found',
    file: `${ROOT}/myapp/wsgi.py`,
    modules: [`${ROOT}/myapp/wsgi.py`],
    pools: [],
    cuda: [],
    heavy: [],
    signalHandlers: [],
    monkeyPatches: [],
    ...overrides,
  };
}

function pool(library: DatabasePool['library'], variable = 'engine', module = 'myapp.db'): DatabasePool {
  return { place: place(DB_MODULE, 20, 40), library, variable, module };
}

const flask = (overrides: Partial<AppFacts> = {}) =>
  app({
    kind: { ...sourced('wsgi' as const, place(`${ROOT}/myapp/wsgi.py`, 30, 45)), framework: 'flask' },
    definition: place(`${ROOT}/myapp/wsgi.py`, 24, 27),
    ...overrides,
  });
const fastapi = (overrides: Partial<AppFacts> = {}) =>
  app({ kind: { ...sourced('asgi' as const, place(`${ROOT}/myapp/wsgi.py`, 30, 45)), framework: 'fastapi' }, ...overrides });

const files = (entries: Record<string, string>): Files => new Map(Object.entries(entries).map(([rel, text]) => [`${ROOT}/${rel}`, text]));

// --- gunicorn/app-not-found -----------------------------------------------------------------------------------------

describe('gunicorn/app-not-found', () => {
  test('a module that defines no such name', () => {
    const findings = run(appNotFound, invocation({ app: app({ resolution: 'name-missing', variable: 'application' }) }));
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: 40, end: 54 });
    assert.equal(findings[0].path, UNIT);
    assert.equal(findings[0].related?.[0].path, `${ROOT}/myapp/wsgi.py`);
    assert.match(findings[0].message, /defines no `application`/);
  });
  test('a factory that is not a function says so', () => {
    const findings = run(appNotFound, invocation({ app: app({ resolution: 'name-missing', variable: 'create_app', factory: true }) }));
    assert.match(findings[0].message, /no function `create_app`/);
  });
  test('found, or a module outside the workspace: nothing', () => {
    assert.deepEqual(run(appNotFound, invocation({ app: app() })), []);
    assert.deepEqual(run(appNotFound, invocation({ app: app({ resolution: 'module-missing', file: undefined }) })), []);
  });
  test('two invocations of one target report once', () => {
    const shared = app({ resolution: 'name-missing' });
    assert.equal(run(appNotFound, invocation({ id: 'a', app: shared }), invocation({ id: 'b', app: shared })).length, 1);
  });
});

// --- gunicorn/preload-db-pool ---------------------------------------------------------------------------------------

const UNIT_WITH_PRELOAD = '[Service]\nExecStart=/srv/venv/bin/gunicorn --preload myapp.wsgi:app\n';

/** `--preload` where UNIT_WITH_PRELOAD has it (a store_true flag: value, place and statement are the flag). */
function preloadFlag(): SettingAssignment {
  const start = UNIT_WITH_PRELOAD.indexOf('--preload');
  return {
    source: 'command-line',
    value: { known: true, value: true },
    place: place(UNIT, start, start + 9),
    statement: place(UNIT, start, start + 9),
    flag: '--preload',
  };
}

describe('gunicorn/preload-db-pool', () => {
  const preloadConfig = 'bind = "127.0.0.1:8000"\npreload_app = True\nworkers = 3\n';

  test('fires on the preload_app statement, with the pool as related place', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig });
    const findings = run(preloadDbPool, build({ files: f, app: app({ pools: [pool('sqlalchemy')] }) }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].path, CONFIG);
    assert.equal(preloadConfig.slice(findings[0].range.start, findings[0].range.end), 'preload_app = True');
    assert.equal(findings[0].related?.[0].path, DB_MODULE);
  });

  test('quiet without preload, with preload unknown, without pools', () => {
    const pools = [pool('sqlalchemy')];
    assert.deepEqual(run(preloadDbPool, build({ files: files({ 'gunicorn.conf.py': 'preload_app = False\n' }), app: app({ pools }) })), []);
    assert.deepEqual(
      run(preloadDbPool, build({ files: files({ 'gunicorn.conf.py': 'import os\npreload_app = os.environ["PRELOAD"]\n' }), app: app({ pools }) })),
      [],
    );
    assert.deepEqual(run(preloadDbPool, build({ files: files({ 'gunicorn.conf.py': preloadConfig }), app: app() })), []);
  });

  test('quiet when post_fork or post_worker_init already disposes, or calls an app helper', () => {
    const pools = [pool('sqlalchemy')];
    const disposing = [
      'def post_fork(server, worker):\n    from myapp.db import engine\n    engine.dispose()\n',
      'def post_worker_init(worker):\n    from django.db import connections\n    connections.close_all()\n',
      'def _reset():\n    engine.dispose(close=False)\n\n\ndef post_fork(server, worker):\n    _reset()\n',
      'from myapp.db import reset_pool\n\n\ndef post_fork(server, worker):\n    reset_pool()\n',
      'from myapp.hooks import post_fork\n',
    ];
    for (const hook of disposing) {
      const f = files({ 'gunicorn.conf.py': `${preloadConfig}\n\n${hook}` });
      assert.deepEqual(run(preloadDbPool, build({ files: f, app: app({ pools }) })), [], hook);
    }
    const unrelated = files({ 'gunicorn.conf.py': `${preloadConfig}\n\ndef post_fork(server, worker):\n    server.log.info("forked %s", worker.pid)\n` });
    assert.equal(run(preloadDbPool, build({ files: unrelated, app: app({ pools }) })).length, 1);
  });

  test('--preload on the command line is reported on the flag', () => {
    const inv = build({
      files: files({}),
      app: app({ pools: [pool('sqlalchemy')] }),
      flags: { preload_app: fromCommandLine({ known: true, value: true }, 'deploy/app.service', 30, '--preload') },
    });
    const findings = run(preloadDbPool, inv);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].path, UNIT);
  });

  test('fix: a new post_fork at the end of the config, disposing without closing (SQLAlchemy 2)', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig, 'requirements.txt': 'gunicorn==23.0.0\nSQLAlchemy==2.0.36\n' });
    const appFacts = app({ pools: [pool('sqlalchemy')] });
    const { fixes } = fixesOf(preloadDbPool, build({ files: f, app: appFacts }), f);
    assert.equal(fixes[0].preferred, true);
    assert.equal(fixes[0].safe, false);
    assert.equal(fixes[1].title, 'Turn preload_app off');
    const fixed = applied(f, fixes[0]);
    assert.equal(fixed.get(CONFIG), `${preloadConfig}\n\ndef post_fork(server, worker):\n    from myapp.db import engine\n\n    engine.dispose(close=False)\n`);
    assertCompiles(fixed.get(CONFIG)!);
    assert.deepEqual(run(preloadDbPool, build({ files: fixed, app: appFacts })), []);
  });

  test('fix: SQLAlchemy pinned before 1.4.33 gets dispose() without arguments', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig, 'requirements.txt': 'SQLAlchemy==1.3.24\n' });
    const { fixes } = fixesOf(preloadDbPool, build({ files: f, app: app({ pools: [pool('sqlalchemy')] }) }), f);
    assert.match(applied(f, fixes[0]).get(CONFIG)!, /\n {4}engine\.dispose\(\)\n$/);
  });

  test('fix: an async engine is disposed through sync_engine; Django closes its connections', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig });
    const asyncFix = fixesOf(preloadDbPool, build({ files: f, app: app({ pools: [pool('sqlalchemy-async', 'async_engine')] }) }), f).fixes[0];
    assert.match(applied(f, asyncFix).get(CONFIG)!, /async_engine\.sync_engine\.dispose\(close=False\)/);
    const djangoFix = fixesOf(preloadDbPool, build({ files: f, app: app({ pools: [pool('django', undefined as never, undefined as never)] }) }), f).fixes[0];
    const django = applied(f, djangoFix).get(CONFIG)!;
    assert.match(django, /from django\.db import connections\n\n {4}connections\.close_all\(\)\n$/);
    assertCompiles(django);
  });

  test('fix: an existing post_fork gets the lines first, after its docstring, with its parameter names', () => {
    const hook = 'def post_fork(srv, engine):\n    """Per-worker set-up."""\n    srv.log.info("forked")\n';
    const f = files({ 'gunicorn.conf.py': `${preloadConfig}\n\n${hook}` });
    const appFacts = app({ pools: [pool('sqlalchemy')] });
    const { fixes } = fixesOf(preloadDbPool, build({ files: f, app: appFacts }), f);
    const fixed = applied(f, fixes[0]).get(CONFIG)!;
    assert.equal(
      fixed,
      `${preloadConfig}\n\ndef post_fork(srv, engine):\n    """Per-worker set-up."""\n    from myapp.db import engine as engine_2\n\n    engine_2.dispose(close=False)\n    srv.log.info("forked")\n`,
    );
    assertCompiles(fixed);
    assert.deepEqual(run(preloadDbPool, build({ files: new Map([[CONFIG, fixed]]), app: appFacts })), []);
  });

  test('fix: a one-line post_fork body is moved to lines of its own', () => {
    const f = files({ 'gunicorn.conf.py': `${preloadConfig}\n\ndef post_fork(server, worker): pass\n` });
    const fixed = applied(f, fixesOf(preloadDbPool, build({ files: f, app: app({ pools: [pool('sqlalchemy')] }) }), f).fixes[0]).get(CONFIG)!;
    assert.match(fixed, /def post_fork\(server, worker\):\n {4}from myapp\.db import engine\n\n {4}engine\.dispose\(close=False\)\n {4}pass\n$/);
    assertCompiles(fixed);
  });

  test('fix: no config file creates gunicorn.conf.py in the working directory', () => {
    const f = files({ 'deploy/app.service': UNIT_WITH_PRELOAD });
    const preload = preloadFlag();
    const appFacts = app({ pools: [pool('sqlalchemy')] });
    const inv = build({ files: f, app: appFacts, flags: { preload_app: preload } });
    const { fixes } = fixesOf(preloadDbPool, inv, f);
    const edit = fixes[0].edits[0];
    assert.equal(edit.createFile, true);
    assert.equal(edit.path, CONFIG);
    const fixed = applied(f, fixes[0]);
    assertCompiles(fixed.get(CONFIG)!);
    assert.deepEqual(run(preloadDbPool, build({ files: fixed, app: appFacts, flags: { preload_app: preload } })), []);
    // The alternative removes the flag from the unit.
    const off = applied(f, fixes[1]);
    assert.equal(off.get(UNIT), '[Service]\nExecStart=/srv/venv/bin/gunicorn myapp.wsgi:app\n');
  });

  test('no config, and a working directory that does not hold the app package: no file is created', () => {
    // /srv/myapp mapped onto the `myapp/` package rather than the repository: gunicorn would not import myapp.wsgi from there.
    const f = files({ 'deploy/app.service': UNIT_WITH_PRELOAD });
    const inv = build({
      files: f,
      app: app({ pools: [pool('sqlalchemy')] }),
      flags: { preload_app: preloadFlag() },
      overrides: { config: { expectedFolder: `${ROOT}/myapp` } },
    });
    const { finding, fixes } = fixesOf(preloadDbPool, inv, f);
    assert.match(finding.message, /not certain/);
    assert.deepEqual(
      fixes.map((fix) => fix.title),
      ['Turn preload_app off'],
    );
  });

  test('a config named by -c outside the workspace: no hook, and the message says why', () => {
    const inv = build({
      files: files({}),
      app: app({ pools: [pool('sqlalchemy')] }),
      flags: { preload_app: fromCommandLine({ known: true, value: true }, 'deploy/app.service', 30, '--preload') },
      overrides: { config: { written: sourced('/etc/gunicorn/app.py', place(UNIT, 10, 28)) } },
    });
    // The -c file may hold the hook: say nothing at all.
    assert.deepEqual(run(preloadDbPool, inv), []);
  });

  test('Flask-SQLAlchemy: disposed inside the app context, every bind (3.x) or db.engine (2.x)', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig, 'requirements.txt': 'Flask-SQLAlchemy==3.1.1\n' });
    const appFacts = flask({ pools: [pool('flask-sqlalchemy', 'db', 'myapp.extensions')] });
    const fixed = applied(f, fixesOf(preloadDbPool, build({ files: f, app: appFacts }), f).fixes[0]).get(CONFIG)!;
    assert.match(
      fixed,
      /from myapp\.wsgi import app\n {4}from myapp\.extensions import db\n\n {4}with app\.app_context\(\):\n {8}for engine in db\.engines\.values\(\):\n {12}engine\.dispose\(close=False\)\n$/,
    );
    assertCompiles(fixed);
    const old = files({ 'gunicorn.conf.py': preloadConfig, 'requirements.txt': 'Flask-SQLAlchemy==2.5.1\nSQLAlchemy==1.4.52\n' });
    const fixedOld = applied(old, fixesOf(preloadDbPool, build({ files: old, app: appFacts }), old).fixes[0]).get(CONFIG)!;
    assert.match(fixedOld, /with app\.app_context\(\):\n {8}db\.engine\.dispose\(close=False\)\n$/);
    assertCompiles(fixedOld);
  });

  test('Flask-SQLAlchemy behind a factory, psycopg pools: only "turn preload off", and the message says why', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig });
    for (const appFacts of [
      flask({ factory: true, variable: 'create_app', pools: [pool('flask-sqlalchemy', 'db', 'myapp.extensions')] }),
      // `app = ProxyFix(app)`: the target is middleware, created after the Flask object, with no app_context().
      flask({ definition: place(`${ROOT}/myapp/wsgi.py`, 60, 63), pools: [pool('flask-sqlalchemy', 'db', 'myapp.extensions')] }),
      app({ pools: [pool('psycopg2-pool', 'pool')] }),
      app({ pools: [pool('psycopg-pool', 'pool')] }),
    ]) {
      const { finding, fixes } = fixesOf(preloadDbPool, build({ files: f, app: appFacts }), f);
      assert.match(finding.message, /No hook is offered/);
      assert.deepEqual(
        fixes.map((fix) => fix.title),
        ['Turn preload_app off'],
      );
      const off = applied(f, fixes[0]);
      assert.match(off.get(CONFIG)!, /^preload_app = False$/m);
      assertCompiles(off.get(CONFIG)!);
      assert.deepEqual(run(preloadDbPool, build({ files: off, app: appFacts })), []);
    }
  });

  test('turning preload off handles the config and the flag together', () => {
    const f = files({ 'gunicorn.conf.py': preloadConfig, 'deploy/app.service': UNIT_WITH_PRELOAD });
    const preload = preloadFlag();
    const appFacts = app({ pools: [pool('psycopg2-pool', 'pool')] });
    const { fixes } = fixesOf(preloadDbPool, build({ files: f, app: appFacts, flags: { preload_app: preload } }), f);
    const off = applied(f, fixes[0]);
    assert.match(off.get(CONFIG)!, /preload_app = False/);
    assert.doesNotMatch(off.get(UNIT)!, /--preload/);
  });
});

// --- gunicorn/preload-cuda -------------------------------------------------------------------------------------------

describe('gunicorn/preload-cuda', () => {
  const cuda = [place(`${ROOT}/myapp/model.py`, 10, 30)];
  test('fires with preload and CUDA at import; the fix turns preload off', () => {
    const f = files({ 'gunicorn.conf.py': 'preload_app = True\n' });
    const { finding, fixes } = fixesOf(preloadCuda, build({ files: f, app: app({ cuda }) }), f);
    assert.equal(finding.related?.[0].path, `${ROOT}/myapp/model.py`);
    const off = applied(f, fixes[0]);
    assertCompiles(off.get(CONFIG)!);
    assert.deepEqual(run(preloadCuda, build({ files: off, app: app({ cuda }) })), []);
  });
  test('quiet without preload or without CUDA', () => {
    assert.deepEqual(run(preloadCuda, build({ files: files({ 'gunicorn.conf.py': 'workers = 2\n' }), app: app({ cuda }) })), []);
    assert.deepEqual(run(preloadCuda, build({ files: files({ 'gunicorn.conf.py': 'preload_app = True\n' }), app: app() })), []);
  });
});

// --- gunicorn/preload-gevent -----------------------------------------------------------------------------------------

describe('gunicorn/preload-gevent', () => {
  test('fires with preload and a gevent worker', () => {
    const f = files({ 'gunicorn.conf.py': 'preload_app = True\nworker_class = "gevent"\n' });
    const findings = run(preloadGevent, build({ files: f, app: app() }));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /monkey\.patch_all/);
  });
  test('quiet with the sync worker, when the config or the app patches first, or without preload', () => {
    const cases = [
      'preload_app = True\nworker_class = "gthread"\n',
      'from gevent import monkey\nmonkey.patch_all()\npreload_app = True\nworker_class = "gevent"\n',
      'worker_class = "gevent"\n',
    ];
    for (const text of cases) assert.deepEqual(run(preloadGevent, build({ files: files({ 'gunicorn.conf.py': text }), app: app() })), [], text);
    const patched = app({ monkeyPatches: [place(`${ROOT}/myapp/__init__.py`, 0, 10)] });
    assert.deepEqual(run(preloadGevent, build({ files: files({ 'gunicorn.conf.py': cases[1].split('\n').slice(2).join('\n') }), app: patched })), []);
  });
});

// --- gunicorn/gevent-blocking-driver ---------------------------------------------------------------------------------

describe('gunicorn/gevent-blocking-driver', () => {
  const gevent = 'worker_class = "gevent"\n';
  test('psycopg2-binary without psycogreen: on the worker class, related the requirement', () => {
    const f = files({ 'gunicorn.conf.py': gevent, 'requirements.txt': 'gunicorn[gevent]==23.0.0\npsycopg2-binary==2.9.9\n' });
    const findings = run(geventBlockingDriver, build({ files: f }));
    assert.equal(findings.length, 1);
    assert.equal(gevent.slice(findings[0].range.start, findings[0].range.end), 'worker_class = "gevent"');
    assert.equal(findings[0].related?.[0].path, REQUIREMENTS);
  });
  test('mysqlclient fires too', () => {
    const f = files({ 'gunicorn.conf.py': gevent, 'requirements.txt': 'mysqlclient\n' });
    assert.equal(run(geventBlockingDriver, build({ files: f })).length, 1);
  });
  test('quiet with psycogreen, with a sync worker, or with no requirements', () => {
    const ok = files({ 'gunicorn.conf.py': gevent, 'requirements.txt': 'psycopg2-binary==2.9.9\npsycogreen==1.0.2\n' });
    assert.deepEqual(run(geventBlockingDriver, build({ files: ok })), []);
    const sync = files({ 'gunicorn.conf.py': 'workers = 2\n', 'requirements.txt': 'psycopg2-binary==2.9.9\n' });
    assert.deepEqual(run(geventBlockingDriver, build({ files: sync })), []);
    const none = files({ 'gunicorn.conf.py': gevent });
    assert.deepEqual(run(geventBlockingDriver, build({ files: none })), []);
  });
});

// --- gunicorn/asgi-app-wsgi-worker -----------------------------------------------------------------------------------

describe('gunicorn/asgi-app-wsgi-worker', () => {
  test('a FastAPI app with worker_class = "gthread": the fix rewrites the value and adds uvicorn-worker', () => {
    const config = "worker_class = 'gthread'\nthreads = 4\n";
    const f = files({ 'gunicorn.conf.py': config, 'requirements.txt': 'fastapi==0.115.0\ngunicorn==23.0.0\n' });
    const { finding, fixes } = fixesOf(asgiAppWsgiWorker, build({ files: f, app: fastapi() }), f);
    assert.equal(config.slice(finding.range.start, finding.range.end), "worker_class = 'gthread'");
    const fixed = applied(f, fixes[0]);
    assert.equal(fixed.get(CONFIG), "worker_class = 'uvicorn_worker.UvicornWorker'\nthreads = 4\n");
    assert.equal(fixed.get(REQUIREMENTS), 'fastapi==0.115.0\ngunicorn==23.0.0\nuvicorn-worker\n');
    assertCompiles(fixed.get(CONFIG)!);
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: fixed, app: fastapi() })), []);
    assert.deepEqual(run(workerPackageMissing, build({ files: fixed, app: fastapi() })), []);
  });
  test('the default worker: reported on the app target; the fix adds worker_class beside the settings', () => {
    const config = 'import os\n\nbind = "127.0.0.1:8000"\nworkers = 2\n\n\ndef on_starting(server):\n    pass\n';
    const f = files({ 'gunicorn.conf.py': config });
    const { finding, fixes } = fixesOf(asgiAppWsgiWorker, build({ files: f, app: fastapi() }), f);
    assert.equal(finding.path, UNIT);
    const fixed = applied(f, fixes[0]).get(CONFIG)!;
    assert.match(fixed, /^workers = 2\nworker_class = "uvicorn_worker\.UvicornWorker"\n/m);
    assertCompiles(fixed);
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: new Map([[CONFIG, fixed]]), app: fastapi() })), []);
  });
  test('-k sync on the command line: the flag value is replaced', () => {
    const unit = '[Service]\nExecStart=/srv/venv/bin/gunicorn -k sync main:app\n';
    const f = files({ 'deploy/app.service': unit });
    const start = unit.indexOf('sync');
    const flag = fromCommandLine({ known: true, value: 'sync' }, 'deploy/app.service', start, '-k');
    flag.place = place(UNIT, start, start + 4);
    const { fixes } = fixesOf(asgiAppWsgiWorker, build({ files: f, app: fastapi(), flags: { worker_class: flag } }), f);
    assert.equal(applied(f, fixes[0]).get(UNIT), '[Service]\nExecStart=/srv/venv/bin/gunicorn -k uvicorn_worker.UvicornWorker main:app\n');
  });
  test('quiet with an ASGI worker, a WSGI app, an unknown kind or an unknown worker', () => {
    const uvicorn = files({ 'gunicorn.conf.py': 'worker_class = "uvicorn_worker.UvicornWorker"\n' });
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: uvicorn, app: fastapi() })), []);
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: files({ 'gunicorn.conf.py': 'workers = 2\n' }), app: flask() })), []);
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: files({ 'gunicorn.conf.py': 'workers = 2\n' }), app: app() })), []);
    const env = files({ 'gunicorn.conf.py': 'import os\nworker_class = os.environ["WORKER"]\n' });
    assert.deepEqual(run(asgiAppWsgiWorker, build({ files: env, app: fastapi() })), []);
  });
});

// --- gunicorn/wsgi-app-asgi-worker -----------------------------------------------------------------------------------

describe('gunicorn/wsgi-app-asgi-worker', () => {
  test('a Flask app under the uvicorn worker', () => {
    const f = files({ 'gunicorn.conf.py': 'worker_class = "uvicorn_worker.UvicornWorker"\n' });
    const findings = run(wsgiAppAsgiWorker, build({ files: f, app: flask() }));
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /WSGI app \(Flask\)/);
  });
  test('quiet under a WSGI worker, or for an ASGI app', () => {
    assert.deepEqual(run(wsgiAppAsgiWorker, build({ files: files({ 'gunicorn.conf.py': 'worker_class = "gthread"\n' }), app: flask() })), []);
    assert.deepEqual(
      run(wsgiAppAsgiWorker, build({ files: files({ 'gunicorn.conf.py': 'worker_class = "uvicorn_worker.UvicornWorker"\n' }), app: fastapi() })),
      [],
    );
  });
});

// --- gunicorn/worker-package-missing ---------------------------------------------------------------------------------

describe('gunicorn/worker-package-missing', () => {
  test('gevent not listed: the fix adds it after gunicorn', () => {
    const f = files({ 'gunicorn.conf.py': 'worker_class = "gevent"\n', 'requirements.txt': 'flask==3.0.3\ngunicorn==23.0.0\nrequests\n' });
    const { finding, fixes } = fixesOf(workerPackageMissing, build({ files: f }), f);
    assert.equal(finding.related?.[0].path, REQUIREMENTS);
    const fixed = applied(f, fixes[0]);
    assert.equal(fixed.get(REQUIREMENTS), 'flask==3.0.3\ngunicorn==23.0.0\ngevent\nrequests\n');
    assert.deepEqual(run(workerPackageMissing, build({ files: fixed })), []);
  });
  test('the gunicorn[gevent] extra, the package itself, no requirements, or requirements without gunicorn: quiet', () => {
    const cases = ['gunicorn[gevent]==23.0.0\n', 'gunicorn==23.0.0\ngevent==24.2.1\n', 'flask\n'];
    for (const text of cases) {
      assert.deepEqual(
        run(workerPackageMissing, build({ files: files({ 'gunicorn.conf.py': 'worker_class = "gevent"\n', 'requirements.txt': text }) })),
        [],
        text,
      );
    }
    assert.deepEqual(run(workerPackageMissing, build({ files: files({ 'gunicorn.conf.py': 'worker_class = "gevent"\n' }) })), []);
  });
  test('uvicorn-worker for the uvicorn_worker class; a --hash file gets no fix', () => {
    const f = files({ 'gunicorn.conf.py': 'worker_class = "uvicorn_worker.UvicornWorker"\n', 'requirements.txt': 'gunicorn==23.0.0 --hash=sha256:abc\n' });
    const { finding, fixes } = fixesOf(workerPackageMissing, build({ files: f }), f);
    assert.match(finding.message, /`uvicorn-worker`/);
    assert.deepEqual(fixes, []);
  });
});

// --- gunicorn/prometheus-multiprocess --------------------------------------------------------------------------------

describe('gunicorn/prometheus-multiprocess', () => {
  const prometheus = (overrides: Partial<NonNullable<AppFacts['prometheus']>> = {}) =>
    app({ prometheus: { place: place(`${ROOT}/myapp/metrics.py`, 0, 20), multiprocessMode: false, ...overrides } });
  const environment = new Map([['PROMETHEUS_MULTIPROC_DIR', sourced('/run/app/metrics', place(UNIT, 100, 140))]]);

  test('multiprocess mode without child_exit: on workers; the fix adds the hook', () => {
    const config = 'workers = 4\n';
    const f = files({ 'gunicorn.conf.py': config });
    const { finding, fixes } = fixesOf(prometheusMultiprocess, build({ files: f, app: prometheus(), overrides: { environment } }), f);
    assert.equal(config.slice(finding.range.start, finding.range.end), 'workers = 4');
    const fixed = applied(f, fixes[0]).get(CONFIG)!;
    assert.equal(
      fixed,
      'workers = 4\n\n\ndef child_exit(server, worker):\n    from prometheus_client import multiprocess\n\n    multiprocess.mark_process_dead(worker.pid)\n',
    );
    assertCompiles(fixed);
    assert.deepEqual(run(prometheusMultiprocess, build({ files: new Map([[CONFIG, fixed]]), app: prometheus(), overrides: { environment } })), []);
  });
  test('an existing child_exit is extended with its own parameter name', () => {
    const f = files({ 'gunicorn.conf.py': 'workers = 4\n\n\ndef child_exit(server, w):\n    server.log.info("bye")\n' });
    const fixed = applied(f, fixesOf(prometheusMultiprocess, build({ files: f, app: prometheus({ multiprocessMode: true }) }), f).fixes[0]).get(CONFIG)!;
    assert.match(fixed, /multiprocess\.mark_process_dead\(w\.pid\)\n {4}server\.log\.info/);
    assertCompiles(fixed);
  });
  test('quiet with one worker, unknown workers, no multiprocess mode known, or a child_exit that marks', () => {
    const mp = prometheus({ multiprocessMode: true });
    assert.deepEqual(run(prometheusMultiprocess, build({ files: files({ 'gunicorn.conf.py': 'workers = 1\n' }), app: mp })), []);
    assert.deepEqual(run(prometheusMultiprocess, build({ files: files({ 'gunicorn.conf.py': 'bind = ":8000"\n' }), app: mp })), []);
    assert.deepEqual(run(prometheusMultiprocess, build({ files: files({ 'gunicorn.conf.py': 'workers = 4\n' }), app: prometheus() })), []);
    const marked =
      'workers = 4\n\n\ndef child_exit(server, worker):\n    from prometheus_client import multiprocess\n    multiprocess.mark_process_dead(worker.pid)\n';
    assert.deepEqual(run(prometheusMultiprocess, build({ files: files({ 'gunicorn.conf.py': marked }), app: mp })), []);
  });
  test('start_http_server in every worker: reported in the app module', () => {
    const server = place(`${ROOT}/myapp/metrics.py`, 50, 75);
    const findings = run(
      prometheusMultiprocess,
      build({ files: files({ 'gunicorn.conf.py': 'workers = 4\n' }), app: prometheus({ startHttpServer: server }) }),
    );
    assert.equal(findings.length, 1);
    assert.equal(findings[0].path, `${ROOT}/myapp/metrics.py`);
    const preload = files({ 'gunicorn.conf.py': 'workers = 4\npreload_app = True\n' });
    assert.deepEqual(run(prometheusMultiprocess, build({ files: preload, app: prometheus({ startHttpServer: server }) })), []);
  });
});

// --- gunicorn/daemon-under-supervisor --------------------------------------------------------------------------------

describe('gunicorn/daemon-under-supervisor', () => {
  const systemd = (serviceType?: string) => ({
    kind: 'systemd' as const,
    path: UNIT,
    command: place(UNIT, 20, 60),
    ...(serviceType ? { serviceType: sourced(serviceType, place(UNIT, 10, 17)) } : {}),
  });
  test('daemon = True under systemd: the fix removes the line (pass where a block would be empty)', () => {
    const config = 'import os\n\nbind = "unix:/run/app/app.sock"\ndaemon = True\nif os.environ.get("X"):\n    workers = 2\n';
    const f = files({ 'gunicorn.conf.py': config });
    const { finding, fixes } = fixesOf(daemonUnderSupervisor, build({ files: f, overrides: { supervisor: systemd('notify') } }), f);
    assert.equal(config.slice(finding.range.start, finding.range.end), 'daemon = True');
    const fixed = applied(f, fixes[0]).get(CONFIG)!;
    assert.equal(fixed, 'import os\n\nbind = "unix:/run/app/app.sock"\nif os.environ.get("X"):\n    workers = 2\n');
    assertCompiles(fixed);
    assert.deepEqual(run(daemonUnderSupervisor, build({ files: new Map([[CONFIG, fixed]]), overrides: { supervisor: systemd('notify') } })), []);
    // The only statement of a block becomes `pass`.
    const inBlock = 'import os\nif os.environ.get("PROD"):\n    daemon = True\nelse:\n    workers = 2\n';
    const removal = removeStatementLine(inBlock, { start: inBlock.indexOf('daemon'), end: inBlock.indexOf('True') + 4 })!;
    const blockFixed = applyEdits(inBlock, [removal]);
    assert.equal(blockFixed, 'import os\nif os.environ.get("PROD"):\n    pass\nelse:\n    workers = 2\n');
    assertCompiles(blockFixed);
  });
  test('-D on the command line: the flag is removed', () => {
    const unit = '[Service]\nExecStart=/srv/venv/bin/gunicorn -D main:app\n';
    const f = files({ 'deploy/app.service': unit });
    const start = unit.indexOf('-D');
    const flag: SettingAssignment = {
      source: 'command-line',
      value: { known: true, value: true },
      place: place(UNIT, start, start + 2),
      statement: place(UNIT, start, start + 2),
      flag: '-D',
    };
    const { fixes } = fixesOf(daemonUnderSupervisor, build({ files: f, flags: { daemon: flag }, overrides: { supervisor: systemd() } }), f);
    assert.equal(applied(f, fixes[0]).get(UNIT), '[Service]\nExecStart=/srv/venv/bin/gunicorn main:app\n');
  });
  test('quiet for Type=forking, without a supervisor, or with daemon off', () => {
    const f = files({ 'gunicorn.conf.py': 'daemon = True\n' });
    assert.deepEqual(run(daemonUnderSupervisor, build({ files: f, overrides: { supervisor: systemd('forking') } })), []);
    assert.deepEqual(run(daemonUnderSupervisor, build({ files: f })), []);
    assert.deepEqual(run(daemonUnderSupervisor, build({ files: files({ 'gunicorn.conf.py': 'daemon = False\n' }), overrides: { supervisor: systemd() } })), []);
  });
});

// --- gunicorn/sigterm-override (app modules) --------------------------------------------------------------------------

describe('gunicorn/sigterm-override in app modules', () => {
  const module = `${ROOT}/myapp/wsgi.py`;
  const text = 'import signal\n\nfrom flask import Flask\n\napp = Flask(__name__)\nsignal.signal(signal.SIGTERM, lambda *a: None)\n';
  const start = text.indexOf('signal.signal');
  const handler = { ...place(module, start, text.indexOf('\n', start)), signal: 'SIGTERM' };

  test('reported in the app module, once however many invocations import it; the fix removes the line', () => {
    const f = new Map([[module, text]]);
    const inv = invocation({ app: app({ signalHandlers: [handler] }) });
    const findings = run(sigtermOverrideInApp, inv, invocation({ id: 'other', app: app({ signalHandlers: [handler] }) }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].path, module);
    const fixes = sigtermOverrideInApp.fixes!(findings[0], { model: model([inv]), project: memoryProject(f) });
    const fixed = applied(f, fixes[0]).get(module)!;
    assert.equal(fixed, 'import signal\n\nfrom flask import Flask\n\napp = Flask(__name__)\n');
    assertCompiles(fixed, 'wsgi.py');
  });
  test('quiet for handlers in the config (the config rule reports those) and for an app without any', () => {
    const inConfig = { ...place(CONFIG, 0, 10), signal: 'SIGTERM' };
    assert.deepEqual(run(sigtermOverrideInApp, invocation({ config: { path: CONFIG }, app: app({ signalHandlers: [inConfig] }) })), []);
    assert.deepEqual(run(sigtermOverrideInApp, invocation({ app: app() })), []);
  });
});
