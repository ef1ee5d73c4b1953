/** App targets as gunicorn reads them, and module files as Python's import system finds them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAppTarget, resolveModule } from '../../server/src/deployment/app';
import { memoryProject } from '../support/memoryFileSystem';

test('module:variable', () => {
  assert.deepEqual(parseAppTarget('myapp.wsgi:app'), { module: 'myapp.wsgi', variable: 'app', factory: false });
});

test('a module alone names `application`', () => {
  assert.deepEqual(parseAppTarget('mysite.wsgi'), { module: 'mysite.wsgi', variable: 'application', factory: false });
});

test('factories, with and without arguments', () => {
  assert.deepEqual(parseAppTarget('myapp:create_app()'), { module: 'myapp', variable: 'create_app', factory: true, arguments: '' });
  assert.deepEqual(parseAppTarget("myapp:create_app('prod', debug=False)"), {
    module: 'myapp',
    variable: 'create_app',
    factory: true,
    arguments: "'prod', debug=False",
  });
  assert.deepEqual(parseAppTarget('myapp:make(url="http://x:1")'), { module: 'myapp', variable: 'make', factory: true, arguments: 'url="http://x:1"' });
});

test('`main.py:app` is the module `py` of a package `main` to gunicorn: parsed as such (another check says it is a path)', () => {
  assert.deepEqual(parseAppTarget('main.py:app'), { module: 'main.py', variable: 'app', factory: false });
});

test('quotes and whitespace around the target', () => {
  assert.deepEqual(parseAppTarget(' "myapp:create_app()" '), { module: 'myapp', variable: 'create_app', factory: true, arguments: '' });
  assert.deepEqual(parseAppTarget("'main:app'"), { module: 'main', variable: 'app', factory: false });
});

test('what gunicorn refuses is no target', () => {
  for (const text of ['src/main:app', 'main/app.py', 'main:app.server', 'main:', ':app', '', 'main:app(', 'main:1app', 'a..b:app']) {
    assert.equal(parseAppTarget(text), undefined, text);
  }
});

test('resolveModule: a module file, else a package, first root first, then src/', () => {
  const { project } = memoryProject('/w', {
    'one/pkg/mod.py': '',
    'two/pkg/mod/__init__.py': '',
    'two/other.py': '',
    'three/src/lib/__init__.py': '',
    'four/both.py': '',
    'four/both/__init__.py': '',
  });
  const roots = ['/w/one', '/w/two', '/w/three'];
  assert.equal(resolveModule(project, roots, 'pkg.mod'), '/w/one/pkg/mod.py');
  assert.equal(resolveModule(project, ['/w/two', '/w/one'], 'pkg.mod'), '/w/two/pkg/mod/__init__.py');
  assert.equal(resolveModule(project, roots, 'other'), '/w/two/other.py');
  assert.equal(resolveModule(project, roots, 'lib'), '/w/three/src/lib/__init__.py');
  assert.equal(resolveModule(project, ['/w/four'], 'both'), '/w/four/both.py');
  assert.equal(resolveModule(project, roots, 'missing'), undefined);
  assert.equal(resolveModule(project, roots, '../etc/passwd'), undefined);
  assert.equal(resolveModule(project, roots, 'pkg'), undefined, 'a folder without the module is no module file');
});

test('names beyond ASCII, as Python allows them (letters and digits of any script)', () => {
  assert.deepEqual(parseAppTarget('módulo.wsgi:aplicación'), { module: 'módulo.wsgi', variable: 'aplicación', factory: false });
  assert.deepEqual(parseAppTarget('приложение:создать()'), { module: 'приложение', variable: 'создать', factory: true, arguments: '' });
  for (const text of ['app:é-x', 'a→b:app', 'main:١app']) assert.equal(parseAppTarget(text), undefined, text);
});
