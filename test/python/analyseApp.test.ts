/** analyseApp over realistic in-memory workspaces: resolution, definition, kind, and what runs on import. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { analyseApp } from '../../server/src/deployment/app';
import type { AppFacts, Place } from '../../server/src/deployment/model';
import { memoryProject } from '../support/memoryFileSystem';

before(() => initPython());

const ROOT = '/srv/project';

function analyse(
  files: Record<string, string>,
  target: string,
  roots: string[] = [ROOT],
): { facts: AppFacts; text: (place: Place | undefined) => string | undefined } {
  const { project } = memoryProject(ROOT, files);
  const facts = analyseApp(
    project,
    { value: target, place: { path: `${ROOT}/deploy/app.service`, range: { start: 0, end: target.length } } },
    { searchRoots: roots },
  );
  const text = (place: Place | undefined) => place && project.readFile(place.path)?.slice(place.range.start, place.range.end);
  return { facts, text };
}

const lines = (...all: string[]) => all.join('\n') + '\n';

test('Flask package with an __init__.py factory', () => {
  const files = {
    'myapp/__init__.py': lines(
      'from flask import Flask',
      'from .extensions import db',
      '',
      'def create_app(config=None):',
      '    app = Flask(__name__)',
      '    db.init_app(app)',
      '    from .views import bp',
      '    app.register_blueprint(bp)',
      '    with app.app_context():',
      '        db.create_all()',
      '    return app',
    ),
    'myapp/extensions.py': lines('from flask_sqlalchemy import SQLAlchemy', 'db = SQLAlchemy()'),
    'myapp/views.py': lines(
      'from flask import Blueprint',
      'from prometheus_client import Counter',
      'bp = Blueprint("main", __name__)',
      'HITS = Counter("hits", "Hits")',
    ),
  };
  const { facts, text } = analyse(files, 'myapp:create_app()');
  assert.equal(facts.resolution, 'found');
  assert.equal(facts.factory, true);
  assert.equal(facts.variable, 'create_app');
  assert.equal(facts.file, `${ROOT}/myapp/__init__.py`);
  assert.equal(text(facts.definition), 'create_app');
  assert.equal(facts.kind?.value, 'wsgi');
  assert.equal(facts.kind?.framework, 'flask');
  assert.equal(text(facts.kind?.place), 'Flask(__name__)');
  assert.deepEqual(
    facts.pools.map((pool) => [pool.library, pool.variable, pool.module, text(pool.place)]),
    [['flask-sqlalchemy', 'db', 'myapp.extensions', 'SQLAlchemy()']],
  );
  assert.equal(text(facts.prometheus?.place), 'Counter("hits", "Hits")', 'views imported by the factory run when it is called');
  assert.equal(facts.prometheus?.multiprocessMode, false);
  assert.deepEqual([...facts.modules].sort(), [`${ROOT}/myapp/__init__.py`, `${ROOT}/myapp/extensions.py`, `${ROOT}/myapp/views.py`]);
});

test('Flask-SQLAlchemy without a touch on load is no pool', () => {
  const files = {
    'myapp/__init__.py': lines(
      'from flask import Flask',
      'from flask_sqlalchemy import SQLAlchemy',
      'db = SQLAlchemy()',
      'def create_app():',
      '    app = Flask(__name__)',
      '    db.init_app(app)',
      '    return app',
    ),
  };
  const { facts } = analyse(files, 'myapp:create_app()');
  assert.equal(facts.resolution, 'found');
  assert.deepEqual(facts.pools, []);
});

test('a touch in another function than the factory does not count', () => {
  const files = {
    'myapp/__init__.py': lines(
      'from flask import Flask',
      'from flask_sqlalchemy import SQLAlchemy',
      'db = SQLAlchemy()',
      'def create_app():',
      '    return Flask(__name__)',
      'def init_db():',
      '    db.create_all()',
    ),
  };
  assert.deepEqual(analyse(files, 'myapp:create_app()').facts.pools, []);
});

test('src/ layout: the module is found under src/ and its engine reported with its module', () => {
  const files = {
    'src/shop/__init__.py': '',
    'src/shop/app.py': lines('from fastapi import FastAPI', 'from .db import engine', 'app = FastAPI()'),
    'src/shop/db.py': lines('from sqlalchemy.ext.asyncio import create_async_engine', 'engine = create_async_engine("postgresql+asyncpg://db/shop")'),
  };
  const { facts, text } = analyse(files, 'shop.app:app');
  assert.equal(facts.resolution, 'found');
  assert.equal(facts.file, `${ROOT}/src/shop/app.py`);
  assert.equal(facts.kind?.value, 'asgi');
  assert.equal(facts.kind?.framework, 'fastapi');
  assert.deepEqual(
    facts.pools.map((pool) => [pool.library, pool.variable, pool.module]),
    [['sqlalchemy-async', 'engine', 'shop.db']],
  );
  assert.equal(text(facts.pools[0].place), 'create_async_engine("postgresql+asyncpg://db/shop")');
});

test('Django project: wsgi.py and asgi.py', () => {
  const files = {
    'manage.py': '',
    'mysite/__init__.py': '',
    'mysite/settings.py': lines('DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}'),
    'mysite/wsgi.py': lines(
      'import os',
      'from django.core.wsgi import get_wsgi_application',
      'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
      'application = get_wsgi_application()',
    ),
    'mysite/asgi.py': lines(
      'import os',
      'from django.core.asgi import get_asgi_application',
      'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")',
      'application = get_asgi_application()',
    ),
  };
  const wsgi = analyse(files, 'mysite.wsgi').facts;
  assert.equal(wsgi.resolution, 'found');
  assert.equal(wsgi.variable, 'application');
  assert.deepEqual([wsgi.kind?.value, wsgi.kind?.framework], ['wsgi', 'django']);
  assert.deepEqual(wsgi.pools, [], 'DATABASES in settings is no pool');
  const asgi = analyse(files, 'mysite.asgi:application').facts;
  assert.deepEqual([asgi.kind?.value, asgi.kind?.framework], ['asgi', 'django']);
});

test('FastAPI main.py with CUDA, signals and a metrics server on import', () => {
  const files = {
    'main.py': lines(
      'import signal',
      'import torch',
      'from fastapi import FastAPI',
      'from prometheus_client import start_http_server, Counter',
      'model = torch.load("model.pt", map_location="cuda")',
      'signal.signal(signal.SIGTERM, lambda *args: None)',
      'REQUESTS = Counter("requests", "Requests")',
      'start_http_server(9100)',
      'app = FastAPI()',
    ),
  };
  const { facts, text } = analyse(files, 'main:app');
  assert.equal(facts.kind?.value, 'asgi');
  assert.deepEqual(facts.cuda.map(text), ['torch.load("model.pt", map_location="cuda")']);
  assert.deepEqual(
    facts.signalHandlers.map((handler) => handler.signal),
    ['SIGTERM'],
  );
  assert.equal(text(facts.prometheus?.place), 'Counter("requests", "Requests")');
  assert.equal(text(facts.prometheus?.startHttpServer), 'start_http_server(9100)');
});

test('app imported from a sibling module: the definition is where it is created', () => {
  const files = {
    'service/__init__.py': '',
    'service/wsgi.py': lines('from .app import app', 'from gevent import monkey', 'monkey.patch_all()'),
    'service/app.py': lines(
      'from flask import Flask',
      'from werkzeug.middleware.proxy_fix import ProxyFix',
      'app = Flask(__name__)',
      'app.wsgi_app = ProxyFix(app.wsgi_app)',
    ),
  };
  const { facts, text } = analyse(files, 'service.wsgi:app');
  assert.equal(facts.resolution, 'found');
  assert.equal(facts.definition?.path, `${ROOT}/service/app.py`);
  assert.equal(text(facts.definition), 'app');
  assert.equal(facts.kind?.value, 'wsgi');
  assert.equal(facts.monkeyPatches.length, 1);
});

test('app = create_app() in wsgi.py: the factory is followed for kind and for what it opens', () => {
  const files = {
    'wsgi.py': lines('from myapp.factory import create_app', 'app = create_app()'),
    'myapp/__init__.py': '',
    'myapp/factory.py': lines(
      'from quart import Quart',
      'from sqlalchemy import create_engine',
      'def create_app():',
      '    engine = create_engine("sqlite://")',
      '    return Quart(__name__)',
    ),
  };
  const { facts } = analyse(files, 'wsgi:app');
  assert.equal(facts.resolution, 'found');
  assert.deepEqual([facts.kind?.value, facts.kind?.framework], ['asgi', 'quart']);
  assert.deepEqual(
    facts.pools.map((pool) => [pool.library, pool.variable, pool.module]),
    [['sqlalchemy', undefined, 'myapp.factory']],
  );
});

test('a wrapper changes the kind: WsgiToAsgi around Flask is ASGI', () => {
  const files = {
    'asgi.py': lines('from asgiref.wsgi import WsgiToAsgi', 'from flask import Flask', 'flask_app = Flask(__name__)', 'app = WsgiToAsgi(flask_app)'),
  };
  const { facts } = analyse(files, 'asgi:app');
  assert.deepEqual([facts.kind?.value, facts.kind?.framework], ['asgi', 'asgiref']);
  const kept = analyse(
    { 'app.py': lines('from flask import Flask', 'from whitenoise import WhiteNoise', 'app = Flask(__name__)', 'app = WhiteNoise(app)') },
    'app:app',
  ).facts;
  assert.deepEqual([kept.kind?.value, kept.kind?.framework], ['wsgi', 'flask']);
  const wrapped = analyse({ 'app.py': lines('from flask import Flask', 'from mylib import Middleware', 'app = Middleware(Flask(__name__))') }, 'app:app').facts;
  assert.equal(wrapped.kind, undefined, 'an unknown wrapper may change anything');
});

test('two frameworks on two branches: no kind', () => {
  const files = {
    'app.py': lines('from flask import Flask', 'from fastapi import FastAPI', 'if ASYNC:', '    app = FastAPI()', 'else:', '    app = Flask(__name__)'),
  };
  const { facts } = analyse(files, 'app:app');
  assert.equal(facts.resolution, 'found');
  assert.equal(facts.kind, undefined);
});

test('missing variable: name-missing; a missing module: module-missing', () => {
  const files = { 'main.py': lines('from fastapi import FastAPI', 'api = FastAPI()') };
  assert.equal(analyse(files, 'main:app').facts.resolution, 'name-missing');
  const missing = analyse(files, 'elsewhere:app').facts;
  assert.equal(missing.resolution, 'module-missing');
  assert.equal(missing.file, undefined);
  assert.deepEqual(missing.modules, []);
});

test('a factory that is not a function: name-missing; a function, a class or a lambda: found', () => {
  const files = {
    'main.py': lines(
      'from flask import Flask',
      'app = Flask(__name__)',
      'NAME = "x"',
      'class Factory:',
      '    pass',
      'make = lambda: Flask(__name__)',
      'build = make_factory()',
    ),
  };
  assert.equal(analyse(files, 'main:app()').facts.resolution, 'name-missing');
  assert.equal(analyse(files, 'main:NAME()').facts.resolution, 'name-missing');
  assert.equal(analyse(files, 'main:Factory()').facts.resolution, 'found');
  assert.equal(analyse(files, 'main:make()').facts.resolution, 'found');
  assert.equal(analyse(files, 'main:build()').facts.resolution, 'unknown', 'a call may return a function');
});

test('a name from a star import of an installed package, or a dynamic binding, is unknown', () => {
  assert.equal(analyse({ 'main.py': lines('from somewhere import *') }, 'main:app').facts.resolution, 'unknown');
  assert.equal(analyse({ 'main.py': lines('globals()["app"] = make()') }, 'main:app').facts.resolution, 'unknown');
});

test('a star import of a workspace module is followed to the definition', () => {
  const files = { 'pkg/__init__.py': 'from .core import *\n', 'pkg/core.py': lines('from flask import Flask', 'app = Flask(__name__)') };
  const { facts, text } = analyse(files, 'pkg:app');
  assert.equal(facts.resolution, 'found');
  assert.equal(facts.definition?.path, `${ROOT}/pkg/core.py`);
  assert.equal(text(facts.definition), 'app');
  assert.equal(facts.kind?.value, 'wsgi');
});

test('an app imported from an installed package is found, with no kind', () => {
  const { facts, text } = analyse({ 'main.py': lines('from thirdparty.app import app') }, 'main:app');
  assert.equal(facts.resolution, 'found');
  assert.equal(text(facts.definition), 'app');
  assert.equal(facts.kind, undefined);
});

test('the package above the app module runs on import too', () => {
  const files = {
    'myapp/__init__.py': lines('from sqlalchemy import create_engine', 'engine = create_engine("postgresql://db")'),
    'myapp/wsgi.py': lines('from flask import Flask', 'app = Flask(__name__)'),
  };
  const { facts } = analyse(files, 'myapp.wsgi:app');
  assert.deepEqual(
    facts.pools.map((pool) => [pool.variable, pool.module]),
    [['engine', 'myapp']],
  );
});

test('imports are followed at most three levels down', () => {
  const files = {
    'app.py': lines('import a', 'from flask import Flask', 'app = Flask(__name__)'),
    'a.py': 'import b\n',
    'b.py': 'import c\n',
    'c.py': 'import d\nfrom sqlalchemy import create_engine\nshallow = create_engine("x")\n',
    'd.py': 'from sqlalchemy import create_engine\ndeep = create_engine("x")\n',
  };
  const { facts } = analyse(files, 'app:app');
  assert.deepEqual(
    facts.pools.map((pool) => pool.variable),
    ['shallow'],
  );
  assert.ok(!facts.modules.includes(`${ROOT}/d.py`));
});

test('no more than 40 modules are read', () => {
  const files: Record<string, string> = { 'app.py': Array.from({ length: 60 }, (_, i) => `import m${i}`).join('\n') + '\n' };
  for (let i = 0; i < 60; i++) files[`m${i}.py`] = '';
  const { facts } = analyse(files, 'app:application');
  assert.equal(facts.modules.length, 40);
  assert.equal(facts.resolution, 'name-missing', 'app.py itself binds no `application`, whatever its imports do');
});

test('import cycles end', () => {
  const files = { 'app.py': lines('import other', 'from flask import Flask', 'app = Flask(__name__)'), 'other.py': 'import app\n' };
  const { facts } = analyse(files, 'app:app');
  assert.equal(facts.resolution, 'found');
  assert.deepEqual([...facts.modules].sort(), [`${ROOT}/app.py`, `${ROOT}/other.py`]);
});

test('an unparsable target says nothing', () => {
  const { facts } = analyse({ 'main.py': 'app = 1\n' }, 'src/main:app');
  assert.equal(facts.resolution, 'unknown');
  assert.deepEqual(facts.modules, []);
});

test('a relative import going above the roots is left alone', () => {
  const { facts } = analyse({ 'main.py': lines('from ...nowhere import app') }, 'main:app');
  assert.equal(facts.resolution, 'found', 'an import the workspace cannot resolve may be installed');
});

test('a syntax error near the name makes a missing name unknown', () => {
  const { facts } = analyse({ 'main.py': lines('from flask import Flask', 'app = Flask(__name__', 'def broken(:') }, 'main:application');
  assert.equal(facts.resolution, 'unknown');
});

test('Pyramid main() factory returning config.make_wsgi_app()', () => {
  const files = {
    'shop/__init__.py': lines(
      'from pyramid.config import Configurator',
      'def main(global_config=None, **settings):',
      '    with Configurator(settings=settings) as config:',
      '        config.include("pyramid_jinja2")',
      '        app = config.make_wsgi_app()',
      '    return app',
    ),
  };
  const { facts } = analyse(files, 'shop:main()');
  assert.equal(facts.resolution, 'found');
  assert.deepEqual([facts.kind?.value, facts.kind?.framework], ['wsgi', 'pyramid']);
});

test("a factory's pools count; another function's do not", () => {
  const files = {
    'app.py': lines(
      'from flask import Flask',
      'from psycopg_pool import ConnectionPool',
      'def create_app():',
      '    app = Flask(__name__)',
      '    app.pool = ConnectionPool("dbname=app")',
      '    return app',
      'def other():',
      '    return ConnectionPool("dbname=other")',
    ),
  };
  const { facts, text } = analyse(files, 'app:create_app()');
  assert.deepEqual(
    facts.pools.map((pool) => text(pool.place)),
    ['ConnectionPool("dbname=app")'],
  );
  assert.deepEqual(
    analyse(files, 'app:other()').facts.pools.map((pool) => text(pool.place)),
    ['ConnectionPool("dbname=other")'],
  );
});

test('an open editor buffer is read instead of the disk', () => {
  const { project } = memoryProject(ROOT, { 'main.py': lines('from flask import Flask', 'app = Flask(__name__)') });
  project.setOpen(`${ROOT}/main.py`, lines('from fastapi import FastAPI', 'app = FastAPI()'), 1);
  const facts = analyseApp(project, { value: 'main:app', place: { path: `${ROOT}/x`, range: { start: 0, end: 0 } } }, { searchRoots: [ROOT] });
  assert.equal(facts.kind?.value, 'asgi');
});
