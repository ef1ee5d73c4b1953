/** Module-level names and imports read from one module's text. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initPython } from '../../server/src/core/treeSitter';
import { facts, textOf } from './support';

before(() => initPython());

function names(...lines: string[]): string[] {
  return facts(...lines).bindings.map((binding) => binding.name);
}

function kindOf(name: string, ...lines: string[]): string | undefined {
  return facts(...lines).bindings.find((binding) => binding.name === name)?.kind;
}

test('plain, annotated, chained and tuple assignments bind names', () => {
  assert.deepEqual(names('a = 1', 'b: int = 2', 'c = d = 3', 'e, (f, g) = 1, (2, 3)', '[h, *i] = [1, 2]'), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
});

test('an annotation without a value binds nothing; attributes and subscripts bind nothing', () => {
  assert.deepEqual(names('x: int', 'a.b = 1', 'a[0] = 2', 'y += 1'), []);
});

test('def, async def and class bind names, and say which is a function', () => {
  const lines = ['def f(): pass', 'async def g(): pass', 'class K: pass', '@decorator', 'def h(): pass'];
  assert.deepEqual(names(...lines), ['f', 'g', 'K', 'h']);
  assert.equal(kindOf('g', ...lines), 'function');
  assert.equal(kindOf('K', ...lines), 'class');
  assert.equal(kindOf('h', ...lines), 'function');
});

test('names inside functions and classes are not module-level', () => {
  assert.deepEqual(names('def f():', '    inner = 1', 'class K:', '    attribute = 2'), ['f', 'K']);
});

test('names bound inside module-level if/try/with/for count', () => {
  const bound = names(
    'if DEBUG:',
    '    a = 1',
    'else:',
    '    b = 2',
    'try:',
    '    import ujson as json',
    'except ImportError:',
    '    import json',
    'finally:',
    '    c = 3',
    'with open("x") as handle:',
    '    d = 4',
    'for item in []:',
    '    e = 5',
  );
  assert.deepEqual(bound, ['a', 'b', 'json', 'json', 'c', 'handle', 'd', 'item', 'e']);
});

test('an `if __name__ == "__main__":` block binds nothing gunicorn sees', () => {
  assert.deepEqual(names('if __name__ == "__main__":', '    app = make()', 'else:', '    other = 1'), ['other']);
  assert.deepEqual(names('if __name__ != "__main__":', '    app = make()'), ['app']);
});

test('binding ranges cover the name as written', () => {
  const read = facts('from .app import create_app as make', 'import a.b.c', 'app = make()');
  assert.deepEqual(
    read.bindings.map((binding) => textOf(read.text, binding.range)),
    ['make', 'a', 'app'],
  );
});

test('imports: dotted, aliased, relative with level, star', () => {
  const read = facts('import a.b as c, d', 'from .x import y as z, w', 'from .. import q', 'from pkg.mod import *');
  assert.deepEqual(
    read.imports.map(({ module, level, names, star }) => ({ module, level, names, star })),
    [
      { module: 'a.b', level: 0, names: undefined, star: undefined },
      { module: 'd', level: 0, names: undefined, star: undefined },
      { module: 'x', level: 1, names: ['y', 'w'], star: undefined },
      { module: '', level: 2, names: ['q'], star: undefined },
      { module: 'pkg.mod', level: 0, names: undefined, star: true },
    ],
  );
  const c = read.bindings.find((binding) => binding.name === 'c');
  assert.deepEqual(c?.from, { module: 'a.b', level: 0 });
  const z = read.bindings.find((binding) => binding.name === 'z');
  assert.deepEqual(z?.from, { module: 'x', level: 1, name: 'y' });
  assert.ok(!read.bindings.some((binding) => binding.name === '*'), 'a star import binds no name of its own');
});

test('`import a.b` binds `a`', () => {
  assert.deepEqual(names('import a.b'), ['a']);
});

test('imports inside a top-level function run when it is called', () => {
  const read = facts('def create_app():', '    from .views import bp', '    return 1');
  assert.deepEqual(
    read.imports.map((fact) => fact.runs),
    ['call:create_app'],
  );
  assert.deepEqual(
    read.bindings.map((binding) => binding.name),
    ['create_app'],
    'a local import binds no module-level name',
  );
});

test('dynamic bindings are flagged; ordinary code is not', () => {
  assert.equal(facts('globals()["app"] = make()').dynamicNames, true);
  assert.equal(facts('globals().update(app=make())').dynamicNames, true);
  assert.equal(facts('def __getattr__(name):', '    return 1').dynamicNames, true);
  assert.equal(facts('exec("app = 1")').dynamicNames, true);
  assert.equal(facts('settings["app"] = make()', 'def getattr_(name): pass').dynamicNames, false);
});

test('a walrus at module level binds its name', () => {
  assert.deepEqual(names('(app := make())'), ['app']);
});
