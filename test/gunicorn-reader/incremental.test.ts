import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse, ready } from './helpers';
import { editBetween, pointAt } from '../../server/src/formats/gunicorn/reader/document';
import { pythonParser } from '../../server/src/core/treeSitter';

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

const PIECES = ['x', ' ', '\n', '"', "'", '(', ')', ':', '=', 'é', '😀', 'def ', 'if x:\n    ', '1', '#', '\\'];

function sameModel(incremental: string, fresh: string) {
  assert.equal(incremental, fresh);
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

test('incremental re-parse equals a fresh parse over random edits', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 })), { minLength: 1, maxLength: 8 }),
      (edits) => {
        let text = BASE;
        let document = parse(text);
        for (const [at, remove, inserted] of edits) {
          const start = at % (text.length + 1);
          const end = Math.min(text.length, start + remove);
          text = text.slice(0, start) + inserted.join('') + text.slice(end);
          document = parse(text, document);
          const fresh = parse(text);
          sameModel(JSON.stringify(document.model), JSON.stringify(fresh.model));
          const tree = document.tree as { rootNode: { toString(): string } };
          const freshTree = fresh.tree as { rootNode: { toString(): string }; delete(): void };
          assert.equal(tree.rootNode.toString(), freshTree.rootNode.toString());
        }
      },
    ),
    { numRuns: 60 },
  );
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
