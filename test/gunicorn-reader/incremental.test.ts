import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, ready } from './helpers';
import { editBetween, pointAt } from '../../server/src/formats/gunicorn/reader/document';
import { pythonParser } from '../../server/src/core/treeSitter';
import type { GunicornDocument } from '../../server/src/formats/gunicorn/context';
import { readConfigReusing } from '../../server/src/formats/gunicorn/reader/readConfig';

before(ready);

const BASE = [
  'import os',
  'workers = int(os.environ.get("WEB_CONCURRENCY", 2))',
  'name = "café 😀"',
  'if os.environ.get("ENV") == "dev":',
  '    reload = True',
  'else:',
  '    reload = False',
  'def post_fork(server, worker):',
  '    engine.dispose()',
  'access_log_format = \'%(h)s "%(r)s"\'',
  '',
].join('\n');

/** Names looked up across statements (hooks bound by name, lambdas), arms, decorators, twin statements. */
const LINKED = [
  'import os',
  'def hook(server, worker):',
  '    helper(worker)',
  '    log(handler)',
  'handler = lambda arbiter: None',
  'post_fork = hook',
  'pre_fork = handler',
  'workers = 4',
  'workers = 4',
  'try:',
  '    import gevent',
  '    worker_class = "gevent"',
  'except ImportError:',
  '    worker_class = "sync"',
  '@decorate(hook)',
  'def when_ready(server):',
  '    if x: pass',
  'bind = ["127.0.0.1:8000", os.environ.get("PORT", "9000")]; timeout = 30',
  'def helper(w=compute(handler)):',
  '    return w',
  '',
].join('\n');

const PIECES = ['x', ' ', '\n', '"', "'", '(', ')', ':', '=', 'é', '😀', 'def ', 'if x:\n    ', '1', '#', '\\'];

function sameModel(incremental: unknown, fresh: unknown) {
  // Strict: a key present with `undefined` in one model and absent in the other is a difference too.
  assert.deepStrictEqual(incremental, fresh);
}

test('an edit is the part between common prefix and suffix, in UTF-16 units', () => {
  const edit = editBetween('a = "é"\nb = 1\n', 'a = "é"\nb = 22\n');
  assert.equal(edit.startIndex, 12);
  assert.equal(edit.oldEndIndex, 13);
  assert.equal(edit.newEndIndex, 14);
  assert.deepEqual(edit.startPosition, { row: 1, column: 4 });
  assert.deepEqual(pointAt('😀x\ny', 2), { row: 0, column: 2 });
  // Never splits a surrogate pair: 😀 (d83d de00) vs 😁 (d83d de01) share their high half.
  const pair = editBetween('x😀y', 'x😁y');
  assert.equal(pair.startIndex, 1);
  assert.equal(pair.oldEndIndex, 3);
});

function randomEdits(base: string, check: (document: GunicornDocument, fresh: GunicornDocument) => void) {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 })), { minLength: 1, maxLength: 8 }), (edits) => {
      let text = base;
      let document = parse(text);
      for (const [at, remove, inserted] of edits) {
        const start = at % (text.length + 1);
        const end = Math.min(text.length, start + remove);
        text = text.slice(0, start) + inserted.join('') + text.slice(end);
        document = parse(text, document);
        check(document, parse(text));
      }
    }),
    { numRuns: 80 },
  );
}

const treeText = (document: GunicornDocument) => (document.tree as { rootNode: { toString(): string } }).rootNode.toString();

/** The edit as a plain character loop finds it (editBetween compares long runs in chunks). */
function naiveEdit(before: string, after: string) {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  if (start > 0 && /[\ud800-\udbff]/.test(before[start - 1])) start--;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before[oldEnd - 1] === after[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  if (oldEnd < before.length && /[\udc00-\udfff]/.test(before[oldEnd])) {
    oldEnd++;
    newEnd++;
  }
  return { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd };
}

test('the edit between long texts is the one a character loop finds', () => {
  const long = BASE.repeat(40);
  fc.assert(
    fc.property(fc.nat(), fc.nat(700), fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }), (at, remove, inserted) => {
      const start = at % (long.length + 1);
      const after = long.slice(0, start) + inserted.join('') + long.slice(Math.min(long.length, start + remove));
      const edit = editBetween(long, after);
      const { startIndex, oldEndIndex, newEndIndex } = edit;
      assert.deepEqual({ startIndex, oldEndIndex, newEndIndex }, naiveEdit(long, after));
      assert.equal(long.slice(0, startIndex) + after.slice(startIndex, newEndIndex) + long.slice(oldEndIndex), after);
      assert.deepEqual(edit.oldEndPosition, pointAt(long, oldEndIndex));
    }),
    { numRuns: 300 },
  );
});

test('incremental re-parse equals a fresh parse over random edits', () => {
  randomEdits(BASE, (document, fresh) => {
    sameModel(document.model, fresh.model);
    assert.equal(treeText(document), treeText(fresh));
  });
});

/**
 * tree-sitter's incremental parse can recover from a syntax error differently from a fresh parse (seen with a
 * stray backslash before CRLF, and with an emoji inside an annotation); the model then follows its tree. So on
 * these texts: error-free trees must agree, and wherever the trees agree, the models must too.
 */
function sameWhereTreesAgree(document: GunicornDocument, fresh: GunicornDocument) {
  const sameTree = treeText(document) === treeText(fresh);
  const freshRoot = (fresh.tree as { rootNode: { hasError: boolean } }).rootNode;
  assert.ok(sameTree || freshRoot.hasError, 'error-free trees are the same');
  if (sameTree) sameModel(document.model, fresh.model);
}

test('incremental re-parse equals a fresh parse over random edits of names looked up across statements', () => {
  randomEdits(LINKED, sameWhereTreesAgree);
});

test('incremental re-parse equals a fresh parse over random edits with CRLF line ends', () => {
  randomEdits(LINKED.replace(/\n/g, '\r\n'), sameWhereTreesAgree);
});

test('statements an edit did not touch keep their pieces; the edited one and those that look it up are read again', () => {
  const before = LINKED;
  const first = readConfigReusing(pythonParser().parse(before)!, before);
  // Lengthen the hook's parameter list: every later statement moves, and `post_fork = hook` must see the new def.
  const after = before.replace('def hook(server, worker):', 'def hook(server, worker, extra):');
  const tree = pythonParser().parse(after)!;
  const second = readConfigReusing(tree, after, first.pieces);
  tree.delete();
  const kept = [...second.pieces].filter(([key, piece]) => piece.reads !== undefined && first.pieces.get(key)?.reads === piece.reads).map(([key]) => key);
  assert.ok(
    kept.some((key) => key.includes('workers = 4')),
    'an untouched statement keeps its piece',
  );
  assert.ok(!kept.some((key) => key.includes('def hook')), 'the edited def is read again');
  const postFork = second.model.assignments.find((a) => a.name === 'post_fork')!;
  assert.equal(postFork.value.value.kind, 'function');
  assert.deepEqual(postFork.value.value.kind === 'function' && postFork.value.value.params.map((p) => p.name), ['server', 'worker', 'extra']);
  const freshTree = pythonParser().parse(after)!;
  sameModel(second.model, readConfigReusing(freshTree, after).model);
  freshTree.delete();
  // Moved offsets: the twin `workers = 4` statements keep their own, later, places.
  const workers = second.model.assignments.filter((a) => a.name === 'workers').map((a) => a.nameRange.start);
  assert.deepEqual(workers, [after.indexOf('workers = 4'), after.lastIndexOf('workers = 4')]);
});

test('the previous document gives up its tree, and the same text reuses the model', () => {
  const first = parse('workers = 2\n');
  const second = parse('workers = 3\n', first);
  assert.equal(first.tree, undefined);
  assert.ok(second.tree);
  const third = parse('workers = 3\n', second);
  assert.equal(third.model, second.model);
  // A previous document that already lost its tree is parsed from scratch.
  const fourth = parse('workers = 4\n', first);
  assert.deepEqual(fourth.model.assignments[0].value.value, { kind: 'int', value: 4 });
});

test('node indexes are UTF-16 offsets for non-ASCII text', () => {
  const text = 'a = "é😀"; b = 1\n';
  const tree = pythonParser().parse(text)!;
  const second = tree.rootNode.namedChildren[1]!;
  assert.equal(second.startIndex, text.indexOf('b = 1'));
  assert.equal(second.startPosition.column, text.indexOf('b = 1'));
  tree.delete();
});
