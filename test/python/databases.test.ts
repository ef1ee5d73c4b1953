/** Database engines and pools created on load: each case fires, and a near-identical one does not. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts, textOf } from './support';

before(() => initPython());

function pools(...lines: string[]): { library: string; variable?: string; runs: string }[] {
  return facts(...lines).pools.map(({ library, variable, runs }) => ({ library, variable, runs }));
}

test('SQLAlchemy create_engine at module level, with the variable', () => {
  assert.deepEqual(pools('from sqlalchemy import create_engine', 'engine = create_engine(URL)'), [
    { library: 'sqlalchemy', variable: 'engine', runs: 'import' },
  ]);
  assert.deepEqual(pools('import sqlalchemy', 'engine = sqlalchemy.create_engine(URL)'), [{ library: 'sqlalchemy', variable: 'engine', runs: 'import' }]);
  assert.deepEqual(pools('import sqlalchemy as sa', 'if URL:', '    engine = sa.create_engine(URL)'), [
    { library: 'sqlalchemy', variable: 'engine', runs: 'import' },
  ]);
});

test('create_engine inside a function is not created on import', () => {
  assert.deepEqual(pools('from sqlalchemy import create_engine', 'def get_engine():', '    return create_engine(URL)'), [
    { library: 'sqlalchemy', variable: undefined, runs: 'call:get_engine' },
  ]);
  assert.deepEqual(pools('from sqlalchemy import create_engine', 'get = lambda: create_engine(URL)'), []);
});

test("a create_engine that is not SQLAlchemy's is no pool", () => {
  assert.deepEqual(pools('from mydb import create_engine', 'engine = create_engine(URL)'), []);
});

test('NullPool keeps no connection: no pool', () => {
  assert.deepEqual(
    pools('from sqlalchemy import create_engine', 'from sqlalchemy.pool import NullPool', 'engine = create_engine(URL, poolclass=NullPool)'),
    [],
  );
  assert.deepEqual(pools('from sqlalchemy import create_engine', 'engine = create_engine(URL, poolclass=QueuePool)').length, 1);
});

test('create_async_engine is the async library', () => {
  assert.deepEqual(pools('from sqlalchemy.ext.asyncio import create_async_engine', 'engine = create_async_engine(URL)'), [
    { library: 'sqlalchemy-async', variable: 'engine', runs: 'import' },
  ]);
});

test('a class attribute engine is created on import but is no module-level variable', () => {
  assert.deepEqual(pools('from sqlalchemy import create_engine', 'class Db:', '    engine = create_engine(URL)'), [
    { library: 'sqlalchemy', variable: undefined, runs: 'import' },
  ]);
});

test('psycopg2 pools open minconn connections at once', () => {
  assert.deepEqual(pools('from psycopg2 import pool', 'db = pool.SimpleConnectionPool(1, 10, dsn)'), [
    { library: 'psycopg2-pool', variable: 'db', runs: 'import' },
  ]);
  assert.deepEqual(pools('import psycopg2.pool', 'db = psycopg2.pool.ThreadedConnectionPool(1, 10, dsn)'), [
    { library: 'psycopg2-pool', variable: 'db', runs: 'import' },
  ]);
  assert.deepEqual(pools('import psycopg2.pool', 'db = psycopg2.pool.ThreadedConnectionPool(0, 10, dsn)'), [], 'minconn 0 opens none');
  assert.deepEqual(pools('import psycopg2', 'conn = psycopg2.connect(dsn)'), [], 'a single connection is not a pool');
});

test('psycopg 3 pools open unless open=False', () => {
  assert.deepEqual(pools('from psycopg_pool import ConnectionPool', 'pool = ConnectionPool(dsn)'), [
    { library: 'psycopg-pool', variable: 'pool', runs: 'import' },
  ]);
  assert.deepEqual(pools('from psycopg_pool import AsyncConnectionPool', 'pool = AsyncConnectionPool(dsn, open=True)').length, 1);
  assert.deepEqual(pools('from psycopg_pool import ConnectionPool', 'pool = ConnectionPool(dsn, open=False)'), []);
  assert.deepEqual(pools('from psycopg_pool import NullConnectionPool', 'pool = NullConnectionPool(dsn)'), []);
});

test('Flask-SQLAlchemy is recorded apart, not as a pool', () => {
  const read = facts('from flask_sqlalchemy import SQLAlchemy', 'db = SQLAlchemy()');
  assert.deepEqual(read.pools, []);
  assert.deepEqual(
    read.flaskSqlalchemy.map(({ variable, runs }) => ({ variable, runs })),
    [{ variable: 'db', runs: 'import' }],
  );
});

test('database touches: create_all, engine, session; other attributes are not', () => {
  const read = facts('db.create_all()', 'db.engine.connect()', 'db.session.execute(q)', 'db.Model', 'db.init_app(app)', 'def view():', '    db.session.add(x)');
  assert.deepEqual(
    read.databaseTouches.map((touch) => [touch.name, textOf(read.text, touch.range), touch.runs]),
    [
      ['db', 'db.create_all', 'import'],
      ['db', 'db.engine', 'import'],
      ['db', 'db.session', 'import'],
      ['db', 'db.session', 'call:view'],
    ],
  );
});

test('Django: a cursor at import is a connection; settings alone are not', () => {
  assert.deepEqual(pools('from django.db import connection', 'cursor = connection.cursor()'), [{ library: 'django', variable: undefined, runs: 'import' }]);
  assert.deepEqual(pools('from django.db import connections', 'with connections["default"].cursor() as c:', '    c.execute("select 1")').length, 1);
  assert.deepEqual(pools('from django.db import connection', 'connection.ensure_connection()').length, 1);
  assert.deepEqual(pools('DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}'), []);
  assert.deepEqual(pools('from django.db import connections', 'db = connections["default"]'), [], 'the wrapper alone does not connect');
});

test('Django: an evaluating manager call at import queries; a lazy one does not', () => {
  assert.deepEqual(pools('from .models import Site', 'SITE = Site.objects.get(pk=1)').length, 1);
  assert.deepEqual(pools('from shop.models import Item', 'COUNT = Item.objects.filter(active=True).count()').length, 1);
  assert.deepEqual(pools('from .models import Site', 'SITES = Site.objects.filter(active=True)'), [], 'querysets are lazy');
  assert.deepEqual(pools('from .documents import Site', 'SITE = Site.objects.get(pk=1)'), [], 'not a models module');
  assert.deepEqual(pools('from .models import Site', 'def view():', '    return Site.objects.get(pk=1)'), [
    { library: 'django', variable: undefined, runs: 'call:view' },
  ]);
  assert.deepEqual(pools('from django.db import models', 'class Site(models.Model):', '    pass', 'FIRST = Site.objects.first()').length, 1);
});
