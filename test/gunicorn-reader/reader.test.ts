import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { parse, ready } from './helpers';
import { areAlternatives } from '../../server/src/formats/gunicorn/reader';
import type { ConfigModel, PyValue } from '../../server/src/formats/gunicorn/model';

before(ready);

function valueOf(model: ConfigModel, name: string, nth = 0): PyValue {
  const found = model.assignments.filter((a) => a.name === name)[nth];
  assert.ok(found, `no assignment to ${name}`);
  return found.value.value;
}

test('literals, numbers and strings', () => {
  const { model } = parse(
    [
      'workers = 4',
      'hex = 0x1F',
      'octal = 0o22',
      'binary = 0b101',
      'big = 1_000',
      'ratio = 2.5',
      'neg = -3',
      'flag = True',
      'off = False',
      'nothing = None',
      `s1 = 'single'`,
      's2 = r"raw\\n"',
      's3 = "esc\\tx"',
      's4 = "con" "cat"',
      's5 = b"bytes"',
      's6 = f"{x}y"',
      's7 = """triple"""',
    ].join('\n'),
  );
  assert.deepEqual(valueOf(model, 'workers'), { kind: 'int', value: 4 });
  assert.deepEqual(valueOf(model, 'hex'), { kind: 'int', value: 31 });
  assert.deepEqual(valueOf(model, 'octal'), { kind: 'int', value: 18 });
  assert.deepEqual(valueOf(model, 'binary'), { kind: 'int', value: 5 });
  assert.deepEqual(valueOf(model, 'big'), { kind: 'int', value: 1000 });
  assert.deepEqual(valueOf(model, 'ratio'), { kind: 'float', value: 2.5 });
  assert.deepEqual(valueOf(model, 'neg'), { kind: 'int', value: -3 });
  assert.deepEqual(valueOf(model, 'flag'), { kind: 'bool', value: true });
  assert.deepEqual(valueOf(model, 'off'), { kind: 'bool', value: false });
  assert.deepEqual(valueOf(model, 'nothing'), { kind: 'none' });
  assert.deepEqual(valueOf(model, 's1'), { kind: 'string', value: 'single' });
  assert.deepEqual(valueOf(model, 's2'), { kind: 'string', value: 'raw\\n' });
  assert.deepEqual(valueOf(model, 's3'), { kind: 'string', value: 'esc\tx' });
  assert.deepEqual(valueOf(model, 's4'), { kind: 'string', value: 'concat' });
  assert.deepEqual(valueOf(model, 's5'), { kind: 'string', value: 'bytes' });
  assert.equal(valueOf(model, 's6').kind, 'unknown');
  assert.deepEqual(valueOf(model, 's7'), { kind: 'string', value: 'triple' });
});

test('arithmetic and string operators on known values', () => {
  const { model } = parse(
    [
      'a = 2 * 4 + 1',
      'b = 7 // 2',
      'c = 7 / 2',
      'd = -7 % 3',
      'e = "a" + "b"',
      'f = "%s:%d" % ("0.0.0.0", 8000)',
      'g = "ab" * 2',
      'h = (1 + 2) * 3',
      'i = 1 / 0',
      'j = x * 2',
    ].join('\n'),
  );
  assert.deepEqual(valueOf(model, 'a'), { kind: 'int', value: 9 });
  assert.deepEqual(valueOf(model, 'b'), { kind: 'int', value: 3 });
  assert.deepEqual(valueOf(model, 'c'), { kind: 'float', value: 3.5 });
  assert.deepEqual(valueOf(model, 'd'), { kind: 'int', value: 2 });
  assert.deepEqual(valueOf(model, 'e'), { kind: 'string', value: 'ab' });
  assert.deepEqual(valueOf(model, 'f'), { kind: 'string', value: '0.0.0.0:8000' });
  assert.deepEqual(valueOf(model, 'g'), { kind: 'string', value: 'abab' });
  assert.deepEqual(valueOf(model, 'h'), { kind: 'int', value: 9 });
  assert.equal(valueOf(model, 'i').kind, 'unknown');
  assert.equal(valueOf(model, 'j').kind, 'unknown');
});

test('environment look-ups become env values with their fallback', () => {
  const { model } = parse(
    [
      'import os',
      'from os import environ',
      'workers = int(os.environ.get("WEB_CONCURRENCY", "3"))',
      'bind = os.getenv("BIND", "0.0.0.0:8000")',
      'loglevel = os.environ["LOG_LEVEL"]',
      'timeout = environ.get("TIMEOUT", default=30)',
      'threads = os.environ.get("THREADS")',
    ].join('\n'),
  );
  const workers = valueOf(model, 'workers');
  assert.equal(workers.kind, 'env');
  assert.ok(workers.kind === 'env');
  assert.equal(workers.variable, 'WEB_CONCURRENCY');
  assert.deepEqual(workers.fallback?.value, { kind: 'int', value: 3 });
  const bind = valueOf(model, 'bind');
  assert.ok(bind.kind === 'env' && bind.variable === 'BIND');
  assert.deepEqual(bind.fallback?.value, { kind: 'string', value: '0.0.0.0:8000' });
  assert.deepEqual(valueOf(model, 'loglevel'), { kind: 'env', variable: 'LOG_LEVEL' });
  const timeout = valueOf(model, 'timeout');
  assert.ok(timeout.kind === 'env' && timeout.fallback?.value.kind === 'int');
  const threads = valueOf(model, 'threads');
  assert.ok(threads.kind === 'env' && threads.fallback === undefined);
});

test('unknown values list their calls', () => {
  const { model } = parse('import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1\n');
  const workers = valueOf(model, 'workers');
  assert.ok(workers.kind === 'unknown');
  assert.deepEqual(workers.calls, ['multiprocessing.cpu_count']);
  assert.equal(workers.text, 'multiprocessing.cpu_count() * 2 + 1');
});

test('containers', () => {
  const { model } = parse('bind = ["unix:/run/a.sock", "127.0.0.1:8000"]\nt = (1,)\ns = {"a"}\nd = {"X-Proto": "https", 1: None}\n');
  const bind = valueOf(model, 'bind');
  assert.ok(bind.kind === 'list');
  assert.deepEqual(
    bind.items.map((i) => i.value),
    [
      { kind: 'string', value: 'unix:/run/a.sock' },
      { kind: 'string', value: '127.0.0.1:8000' },
    ],
  );
  const t = valueOf(model, 't');
  assert.ok(t.kind === 'tuple' && t.items.length === 1);
  assert.equal(valueOf(model, 's').kind, 'set');
  const d = valueOf(model, 'd');
  assert.ok(d.kind === 'dict');
  assert.deepEqual(d.entries[0].key.value, { kind: 'string', value: 'X-Proto' });
  assert.deepEqual(d.entries[1].value.value, { kind: 'none' });
});

test('annotated, augmented and multi-target assignments', () => {
  const text = 'workers: int = 4\nworkers += 1\na = b = 2\nc, d = 3, "x"\n';
  const { model } = parse(text);
  const [annotated, augmented] = model.assignments;
  assert.equal(annotated.annotated, true);
  assert.equal(augmented.augmented, true);
  assert.deepEqual(augmented.value.value, { kind: 'int', value: 1 });
  const a = model.assignments.find((x) => x.name === 'a')!;
  const b = model.assignments.find((x) => x.name === 'b')!;
  assert.ok(a.multiTarget && b.multiTarget);
  assert.deepEqual(b.value.value, { kind: 'int', value: 2 });
  assert.deepEqual(valueOf(model, 'd'), { kind: 'string', value: 'x' });
  assert.equal(text.slice(a.nameRange.start, a.nameRange.end), 'a');
  assert.equal(text.slice(annotated.statementRange.start, annotated.statementRange.end), 'workers: int = 4');
});

test('branches: if/elif/else arms are alternatives, try body and except are not', () => {
  const text = [
    'import os',
    'if os.environ.get("ENV") == "dev":',
    '    reload = True',
    'elif x:',
    '    reload = 1',
    'else:',
    '    reload = False',
    'try:',
    '    import gevent',
    '    worker_class = "gevent"',
    'except ImportError:',
    '    worker_class = "sync"',
    'except Exception:',
    '    worker_class = "gthread"',
    'else:',
    '    workers = 2',
    'finally:',
    '    timeout = 30',
    'for i in range(2):',
    '    threads = i',
    'with open("x") as f:',
    '    keepalive = 2',
    'workers = 3',
  ].join('\n');
  const { model } = parse(text);
  const reloads = model.assignments.filter((a) => a.name === 'reload');
  assert.equal(reloads.length, 3);
  assert.equal(reloads[0].branch[0].kind, 'if');
  assert.equal(reloads[0].branch[0].condition, 'os.environ.get("ENV") == "dev"');
  assert.equal(reloads[2].branch[0].condition, 'else');
  assert.ok(areAlternatives(reloads[0].branch, reloads[1].branch));
  assert.ok(areAlternatives(reloads[1].branch, reloads[2].branch));
  const classes = model.assignments.filter((a) => a.name === 'worker_class');
  assert.equal(areAlternatives(classes[0].branch, classes[1].branch), false, 'try body vs except');
  assert.ok(areAlternatives(classes[1].branch, classes[2].branch), 'two except arms');
  const workers = model.assignments.filter((a) => a.name === 'workers');
  assert.equal(areAlternatives(classes[0].branch, workers[0].branch), false, 'try body vs else');
  assert.ok(areAlternatives(classes[1].branch, workers[0].branch), 'except vs else');
  assert.equal(areAlternatives(workers[0].branch, workers[1].branch), false);
  assert.deepEqual(model.assignments.find((a) => a.name === 'timeout')!.branch, []);
  assert.equal(model.assignments.find((a) => a.name === 'threads')!.branch[0].kind, 'for');
  assert.equal(model.assignments.find((a) => a.name === 'keepalive')!.branch[0].kind, 'with');
  assert.deepEqual(
    model.imports.map((i) => i.module),
    ['os', 'gevent'],
  );
  assert.ok(model.moduleCalls.some((c) => c.callee === 'os.environ.get'));
  assert.ok(model.moduleCalls.some((c) => c.callee === 'open'));
});

test('hooks, parameters, lambdas and function values', () => {
  const text = [
    'import signal',
    '',
    '@decorate(1)',
    'def post_fork(server, worker):',
    '    signal.signal(signal.SIGTERM, handler)',
    '    def inner():',
    '        engine.dispose()',
    '',
    'async def f(a, b=1, *args, c, d=2, **kw):',
    '  pass',
    '',
    'def g(a, /, b, *, c): pass',
    'when_ready = lambda server: None',
    'on_exit = post_fork',
    'alias = when_ready',
    'pre_fork = 5',
  ].join('\n');
  const { model } = parse(text);
  const [postFork, f, g] = model.functions;
  assert.equal(postFork.name, 'post_fork');
  assert.equal(text.slice(postFork.range.start, postFork.range.start + 12), '@decorate(1)');
  assert.deepEqual(
    postFork.params.map((p) => [p.name, p.kind]),
    [
      ['server', 'plain'],
      ['worker', 'plain'],
    ],
  );
  assert.equal(text.slice(postFork.paramsRange.start, postFork.paramsRange.end), '(server, worker)');
  assert.equal(postFork.bodyIndent, '    ');
  assert.deepEqual(
    postFork.calls.map((c) => c.callee),
    ['signal.signal', 'engine.dispose'],
  );
  assert.equal(postFork.calls[0].args.length, 2);
  assert.equal(f.isAsync, true);
  assert.equal(f.bodyIndent, '  ');
  assert.deepEqual(
    f.params.map((p) => [p.name, p.kind]),
    [
      ['a', 'plain'],
      ['b', 'default'],
      ['args', 'star'],
      ['c', 'keyword_only'],
      ['d', 'keyword_only'],
      ['kw', 'double_star'],
    ],
  );
  assert.deepEqual(
    g.params.map((p) => [p.name, p.kind]),
    [
      ['a', 'plain'],
      ['b', 'plain'],
      ['c', 'keyword_only'],
    ],
  );
  assert.equal(g.bodyIndent, '    ');
  const whenReady = valueOf(model, 'when_ready');
  assert.ok(whenReady.kind === 'function' && whenReady.params.length === 1);
  const onExit = valueOf(model, 'on_exit');
  assert.ok(onExit.kind === 'function' && onExit.name === 'post_fork' && onExit.definition === postFork);
  assert.equal(valueOf(model, 'alias').kind, 'function');
  assert.equal(valueOf(model, 'pre_fork').kind, 'int');
  // Module-level calls: the decorator runs at import; bodies do not.
  assert.deepEqual(
    model.moduleCalls.map((c) => c.callee),
    ['decorate'],
  );
});

test('imports of every form', () => {
  const { model } = parse('import os.path as p, sys\nfrom . import y as z\nfrom a.b import (c, d as e)\nfrom x import *\nfrom __future__ import annotations\n');
  assert.deepEqual(
    model.imports.map((i) => [i.module, i.alias ?? '', i.names.map((n) => n.name + (n.alias ? '>' + n.alias : '')).join(',')]),
    [
      ['os.path', 'p', ''],
      ['sys', '', ''],
      ['.', '', 'y>z'],
      ['a.b', '', 'c,d>e'],
      ['x', '', '*'],
      ['__future__', '', 'annotations'],
    ],
  );
});

test('syntax errors are reported with ranges, and good statements survive', () => {
  const text = 'workers = 4\ntimeout = (\nbind = "x"\n';
  const { model } = parse(text);
  assert.ok(model.syntaxErrors.length > 0);
  for (const problem of model.syntaxErrors) {
    assert.ok(problem.range.start >= 0 && problem.range.end <= text.length);
  }
  assert.deepEqual(valueOf(model, 'workers'), { kind: 'int', value: 4 });
  assert.equal(parse('workers = 4\n').model.syntaxErrors.length, 0);
});

test('non-ASCII text before a token keeps UTF-16 offsets', () => {
  const text = 'name = "é😀"; workers = 2\n# ñ\nbind = "x"\n';
  const { model } = parse(text);
  const workers = model.assignments.find((a) => a.name === 'workers')!;
  assert.equal(workers.nameRange.start, text.indexOf('workers'));
  assert.deepEqual(valueOf(model, 'name'), { kind: 'string', value: 'é😀' });
  const bind = model.assignments.find((a) => a.name === 'bind')!;
  assert.equal(text.slice(bind.value.range.start, bind.value.range.end), '"x"');
});

test('statements survive while a line above is being typed', () => {
  const text = 'workers = 4\nbind = [\ntimeout = 30\nloglevel = "info"\n';
  const { model } = parse(text);
  assert.ok(model.syntaxErrors.length > 0);
  assert.deepEqual(valueOf(model, 'workers'), { kind: 'int', value: 4 });
  assert.ok(model.assignments.some((a) => a.name === 'loglevel'));
  for (const a of model.assignments) assert.equal(text.slice(a.nameRange.start, a.nameRange.end), a.name);
});
