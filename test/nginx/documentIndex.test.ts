/**
 * The per-document index the rules share: it must list exactly what a tree walk finds, in the same order, and
 * each directive's `index` must be its position (per-document tables are arrays indexed by it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { documentIndex, firstNamed } from '../../server/src/formats/nginx/documentIndex';
import { parseNginx, walkDirectives } from '../../server/src/formats/nginx/parser';

function checkIndex(text: string): void {
  const doc = parseNginx(text);
  const walked = [...walkDirectives(doc.directives)];
  const index = documentIndex(doc);
  assert.equal(index.all.length, walked.length);
  index.all.forEach((d, i) => {
    assert.equal(d, walked[i]);
    assert.equal(d.index, i, `directive ${d.name} at ${d.range.start}`);
  });
  assert.deepEqual(
    index.blocks,
    walked.filter((d) => d.block),
  );
  for (const [name, list] of index.byName)
    assert.deepEqual(
      list,
      walked.filter((d) => d.name === name),
    );
  assert.equal(
    [...index.byName.values()].reduce((n, l) => n + l.length, 0),
    walked.length,
  );
  // The same document gives the same index object (it is kept, not rebuilt).
  assert.equal(documentIndex(doc), index);
  for (const owner of [undefined, ...index.blocks]) {
    const children = owner ? owner.block!.children : doc.directives;
    for (const child of children)
      assert.equal(
        firstNamed(children, child.name),
        children.find((c) => c.name === child.name),
      );
    assert.equal(firstNamed(children, 'no_such_name'), undefined);
  }
}

test('index order and positions match the tree walk on nested blocks', () => {
  checkIndex(
    'events { worker_connections 1; }\nhttp {\n upstream a { server x; }\n server { location / { if ($a) { return 1; } } listen 80; }\n}\nuser www;\n',
  );
  // A long block (indexed by name) and a short one (scanned) answer alike.
  checkIndex('http {\n' + Array.from({ length: 40 }, (_, i) => `  set $v${i % 7} ${i};\n`).join('') + '}\n');
});

test('fuzz: the index matches the walk for arbitrary text, broken braces and deep nesting included', () => {
  const alphabet = fc.constantFrom('a', 'b', ' ', '\n', ';', '{', '}', '"', '#', 'x_by_lua_block', 'server', 'location /');
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 200 }).map((a) => a.join(' ')),
      checkIndex,
    ),
    { numRuns: 300 },
  );
  // Deeper than the parser's nesting limit: the flattened tree keeps the invariant.
  checkIndex('a {'.repeat(80) + 'b;' + '}'.repeat(80));
});
