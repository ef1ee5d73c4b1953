/** Any text gives facts, never an exception, every range inside the text, in bounded time. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { initPython } from '../../server/src/core/treeSitter';
import { analyseApp } from '../../server/src/deployment/app';
import type { PythonModuleFacts } from '../../server/src/formats/python';
import { readPythonModule } from '../../server/src/formats/python';
import { memoryProject } from '../support/memoryFileSystem';

before(() => initPython());

function assertRangesInside(facts: PythonModuleFacts, text: string): void {
  const ranges = [
    ...facts.bindings.flatMap((binding) => [binding.range, binding.statement]),
    ...facts.imports.map((fact) => fact.range),
    ...facts.apps.map((fact) => fact.range),
    ...facts.pools.map((fact) => fact.range),
    ...facts.cuda.map((fact) => fact.range),
    ...facts.signalHandlers.map((fact) => fact.range),
    ...facts.monkeyPatches.map((fact) => fact.range),
    ...facts.prometheus.metrics.map((fact) => fact.range),
  ];
  for (const range of ranges)
    assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `range ${range.start}-${range.end} outside ${text.length}`);
}

const PYTHONISH = [
  'import ',
  'from ',
  ' as ',
  'def ',
  'class ',
  '(',
  ')',
  ':',
  '\n',
  '    ',
  '=',
  'app',
  'Flask',
  'create_engine',
  '.cuda()',
  '"',
  "'",
  '*',
  ',',
  '.',
  '\\',
  '#',
  'é',
  '😀',
];

test('random text and Python-like fragments never throw', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.array(fc.constantFrom(...PYTHONISH), { maxLength: 120 }).map((parts) => parts.join('')),
      ),
      (text) => {
        const facts = readPythonModule(text);
        assertRangesInside(facts, text);
      },
    ),
    { numRuns: 300 },
  );
});

test('random bytes decoded as text never throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      const text = Buffer.from(bytes).toString('latin1');
      assertRangesInside(readPythonModule(text), text);
    }),
    { numRuns: 200 },
  );
});

test('deeply nested code: blocks, brackets and calls', () => {
  const depth = 400;
  let blocks = '';
  for (let i = 0; i < depth; i++) blocks += `${'    '.repeat(i)}if x${i}:\n`;
  blocks += `${'    '.repeat(depth)}app = Flask(__name__)\n`;
  const brackets = 'x = ' + '('.repeat(3000) + ')'.repeat(3000) + '\n';
  const calls = 'y = ' + 'f('.repeat(2000) + ')'.repeat(2000) + '\n';
  for (const text of [blocks, brackets, calls, '['.repeat(20000)]) {
    const facts = readPythonModule('from flask import Flask\n' + text);
    assertRangesInside(facts, 'from flask import Flask\n' + text);
  }
  const nested = readPythonModule('from flask import Flask\n' + blocks);
  assert.ok(
    nested.bindings.some((binding) => binding.name === 'app'),
    'a binding 400 blocks deep is still read',
  );
});

test('a 5,000-line module is read in well under a second, then from the cache', () => {
  const body: string[] = ['from flask import Flask', 'from sqlalchemy import create_engine', 'import torch'];
  for (let i = 0; i < 1000; i++) {
    body.push(
      `def handler_${i}(request):`,
      `    value = request.args.get("k${i}", ${i})`,
      `    return {"value": value * 2}`,
      `CONSTANT_${i} = handler_${i}`,
      '',
    );
  }
  body.push('engine = create_engine("postgresql://db")', 'app = Flask(__name__)');
  const text = body.join('\n');
  assert.ok(body.length >= 5000);
  const started = performance.now();
  const facts = readPythonModule(text);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  assert.equal(facts.pools.length, 1);
  assert.equal(facts.apps.length, 1);
  assert.ok(facts.bindings.length > 2000);
  const again = performance.now();
  assert.equal(readPythonModule(text), facts);
  assert.ok(performance.now() - again < 50, 'the second read comes from the cache');
});

test('analyseApp never throws on hostile workspaces', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 60 }), (text, target) => {
      const { project } = memoryProject('/w', { 'main.py': text, 'pkg/__init__.py': text, 'pkg/mod.py': 'from . import *\nfrom .mod import *\n' });
      const facts = analyseApp(project, { value: target, place: { path: '/w/x', range: { start: 0, end: 0 } } }, { searchRoots: ['/w'] });
      assert.ok(['found', 'module-missing', 'name-missing', 'unknown'].includes(facts.resolution));
      for (const target of ['main:app', 'pkg.mod:app', 'pkg:create_app()']) {
        analyseApp(project, { value: target, place: { path: '/w/x', range: { start: 0, end: 0 } } }, { searchRoots: ['/w'] });
      }
    }),
    { numRuns: 100 },
  );
});

test('self-referencing assignments and import loops end', () => {
  const { project } = memoryProject('/w', {
    'a.py': 'from b import app\n',
    'b.py': 'from a import app\n',
    'c.py': 'app = app\napp = ProxyFix(app)\n',
    'd.py': 'from .d import *\n',
  });
  const place = { path: '/w/x', range: { start: 0, end: 0 } };
  assert.equal(analyseApp(project, { value: 'a:app', place }, { searchRoots: ['/w'] }).resolution, 'unknown');
  assert.equal(analyseApp(project, { value: 'c:app', place }, { searchRoots: ['/w'] }).kind, undefined);
  assert.equal(analyseApp(project, { value: 'd:app', place }, { searchRoots: ['/w'] }).resolution, 'unknown');
});
