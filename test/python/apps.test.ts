/** Web framework apps created in a module, and the kind (WSGI or ASGI) of each. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts, textOf } from './support';

before(() => initPython());

function appsOf(...lines: string[]): { framework: string; kind: string; variable?: string; runs: string }[] {
  return facts(...lines).apps.map(({ framework, kind, variable, runs }) => ({ framework, kind, variable, runs }));
}

const cases: [string, string[], string, 'wsgi' | 'asgi'][] = [
  ['Flask', ['from flask import Flask', 'app = Flask(__name__)'], 'flask', 'wsgi'],
  ['flask.Flask', ['import flask', 'app = flask.Flask(__name__)'], 'flask', 'wsgi'],
  ['Quart', ['from quart import Quart', 'app = Quart(__name__)'], 'quart', 'asgi'],
  ['Django WSGI', ['from django.core.wsgi import get_wsgi_application', 'app = get_wsgi_application()'], 'django', 'wsgi'],
  ['Django ASGI', ['from django.core.asgi import get_asgi_application', 'app = get_asgi_application()'], 'django', 'asgi'],
  ['FastAPI', ['from fastapi import FastAPI', 'app = FastAPI()'], 'fastapi', 'asgi'],
  ['FastAPI aliased', ['import fastapi as fa', 'app = fa.FastAPI(title="x")'], 'fastapi', 'asgi'],
  ['Starlette', ['from starlette.applications import Starlette', 'app = Starlette(routes=[])'], 'starlette', 'asgi'],
  ['Litestar', ['from litestar import Litestar', 'app = Litestar([])'], 'litestar', 'asgi'],
  ['Bottle', ['import bottle', 'app = bottle.Bottle()'], 'bottle', 'wsgi'],
  ['falcon.App', ['import falcon', 'app = falcon.App()'], 'falcon', 'wsgi'],
  ['falcon.API', ['import falcon', 'app = falcon.API()'], 'falcon', 'wsgi'],
  ['falcon.asgi.App', ['import falcon.asgi', 'app = falcon.asgi.App()'], 'falcon', 'asgi'],
  ['Pyramid', ['from pyramid.config import Configurator', 'config = Configurator()', 'app = config.make_wsgi_app()'], 'pyramid', 'wsgi'],
  ['star import', ['from flask import *', 'app = Flask(__name__)'], 'flask', 'wsgi'],
];

for (const [name, lines, framework, kind] of cases) {
  test(`app creation: ${name}`, () => {
    assert.deepEqual(appsOf(...lines), [{ framework, kind, variable: 'app', runs: 'import' }]);
  });
}

test('a constructor of the same name from another package is no app', () => {
  assert.deepEqual(appsOf('from mylib import Flask', 'app = Flask(__name__)'), []);
  assert.deepEqual(appsOf('app = Flask(__name__)'), [], 'not imported at all');
  assert.deepEqual(appsOf('from mylib import Configurator', 'app = Configurator().make_wsgi_app()'), [], 'make_wsgi_app without pyramid');
});

test('an app created in a factory runs when the factory is called', () => {
  const read = facts('from flask import Flask', 'def create_app(config=None):', '    app = Flask(__name__)', '    return app');
  assert.deepEqual(
    read.apps.map((app) => app.runs),
    ['call:create_app'],
  );
  assert.deepEqual(
    read.returns.map((fact) => [fact.runs, fact.value]),
    [['call:create_app', { type: 'name', name: 'app' }]],
  );
});

test('imports inside the factory count for the factory', () => {
  assert.deepEqual(appsOf('def create_app():', '    from flask import Flask', '    return Flask(__name__)'), [
    { framework: 'flask', kind: 'wsgi', variable: undefined, runs: 'call:create_app' },
  ]);
  assert.deepEqual(appsOf('def create_app():', '    from flask import Flask', 'def other():', '    return Flask(__name__)'), [], 'not in another function');
});

test('an app in a nested function or a __main__ block is not created on load', () => {
  assert.deepEqual(appsOf('from flask import Flask', 'def outer():', '    def inner():', '        return Flask(__name__)'), []);
  assert.deepEqual(appsOf('from flask import Flask', 'if __name__ == "__main__":', '    Flask(__name__).run()'), []);
});

test('converting middleware gives a wrapper shape with a fixed kind; keeping middleware wraps the inner value', () => {
  const read = facts(
    'from asgiref.wsgi import WsgiToAsgi',
    'from werkzeug.middleware.proxy_fix import ProxyFix',
    'from flask import Flask',
    'flask_app = Flask(__name__)',
    'app = WsgiToAsgi(flask_app)',
    'fixed = ProxyFix(flask_app)',
  );
  const app = read.bindings.find((binding) => binding.name === 'app')?.value;
  assert.equal(app?.type, 'wrapper');
  assert.equal(app?.type === 'wrapper' && app.kind, 'asgi');
  const fixed = read.bindings.find((binding) => binding.name === 'fixed')?.value;
  assert.deepEqual(fixed?.type === 'wrapper' && [fixed.kind, fixed.inner], [undefined, { type: 'name', name: 'flask_app' }]);
});

test('a2wsgi converts both ways', () => {
  const read = facts('from a2wsgi import ASGIMiddleware, WSGIMiddleware', 'a = ASGIMiddleware(asgi_app)', 'b = WSGIMiddleware(wsgi_app)');
  const kinds = read.bindings.filter((binding) => binding.kind === 'variable').map((binding) => binding.value?.type === 'wrapper' && binding.value.kind);
  assert.deepEqual(kinds, ['wsgi', 'asgi']);
});

test('the app range is the constructor call', () => {
  const read = facts('from fastapi import FastAPI', 'app = FastAPI(title="x")');
  assert.equal(textOf(read.text, read.apps[0].range), 'FastAPI(title="x")');
});

test('ranges are UTF-16 offsets: text before the app with accents and emoji', () => {
  const read = facts('# café ☕ 😀 — naïve', 'TITLE = "日本語 😀"', 'from fastapi import FastAPI', 'app = FastAPI(title=TITLE)');
  assert.equal(textOf(read.text, read.apps[0].range), 'FastAPI(title=TITLE)');
  assert.equal(textOf(read.text, read.bindings.find((binding) => binding.name === 'app')!.range), 'app');
});
