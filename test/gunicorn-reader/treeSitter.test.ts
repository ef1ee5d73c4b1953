import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initPython, pythonParser, pythonReady } from '../../server/src/core/treeSitter';

test('the pinned web-tree-sitter and tree-sitter-python load together and parse', async () => {
  const first = initPython();
  const second = initPython();
  await Promise.all([first, second]);
  assert.equal(pythonReady(), true);
  const tree = pythonParser().parse('workers = 4\n');
  assert.ok(tree);
  assert.equal(tree.rootNode.type, 'module');
  assert.equal(tree.rootNode.child(0)?.child(0)?.type, 'assignment');
  assert.equal(tree.rootNode.hasError, false);
  tree.delete();
});
