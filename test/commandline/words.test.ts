import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitShellWords } from '../../server/src/commandline/words';

function texts(line: string) {
  return splitShellWords(line).map((w) => w.text);
}

test('whitespace, quotes and escapes', () => {
  assert.deepEqual(texts('gunicorn  -w 4\tapp:app'), ['gunicorn', '-w', '4', 'app:app']);
  assert.deepEqual(texts(`a 'b c' "d \\"e\\" $f" g\\ h`), ['a', 'b c', 'd "e" $f', 'g h']);
  assert.deepEqual(texts(`--bind="unix:/run/a b.sock"`), ['--bind=unix:/run/a b.sock']);
  assert.deepEqual(texts(`'it''s'`), ['its']);
  assert.deepEqual(texts('"\\n"'), ['\\n'], 'double quotes keep a backslash before ordinary characters');
  assert.deepEqual(texts('a\\\nb c'), ['ab', 'c'], 'backslash-newline joins');
  assert.deepEqual(texts('   '), []);
});

test('ranges cover the raw word, with the base offset added', () => {
  const line = `ExecStart=gunicorn --bind "0.0.0.0:80" app:app`;
  const base = 'ExecStart='.length;
  const words = splitShellWords(line.slice(base), base);
  assert.deepEqual(
    words.map((w) => line.slice(w.range.start, w.range.end)),
    ['gunicorn', '--bind', '"0.0.0.0:80"', 'app:app'],
  );
  assert.equal(words[2].quoted, true);
  assert.equal(words[0].quoted, false);
});

test('unterminated quotes run to the end and never throw', () => {
  const words = splitShellWords(`gunicorn "app:app`);
  assert.equal(words.length, 2);
  assert.equal(words[1].text, 'app:app');
  assert.equal(words[1].range.end, 17);
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '\\', '\n', '=', '-') }), fc.nat(50), (text, base) => {
      const result = splitShellWords(text, base);
      for (const word of result) {
        assert.ok(word.range.start >= base && word.range.end <= base + text.length && word.range.start < word.range.end);
      }
    }),
    { numRuns: 300 },
  );
});
