import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseNginx, walkDirectives } from '../../server/src/formats/nginx/parser';
import type { NginxDirective } from '../../server/src/formats/nginx/model';
import { LineIndex } from '../../server/src/core/text';

test('words, quotes, escapes and variables follow nginx', () => {
  const doc = parseNginx(`set $a "x\\"y" ;\nreturn 200 \${host}x;\nlocation ~ ^/a{1,2}$ { }\n`);
  const [set, ret, loc] = doc.directives;
  assert.equal(set.args[1].value, 'x"y');
  assert.equal(set.args[1].quote, '"');
  // `{` ends an unquoted word, so an unquoted regex with braces is split as nginx splits it.
  assert.equal(loc.args[1].value, '^/a');
  assert.equal(ret.args[1].value, '${host}x');
});

test('# starts a comment only at a token start', () => {
  const doc = parseNginx('root /a#b; # real comment\n');
  assert.equal(doc.directives[0].args[0].value, '/a#b');
  assert.equal(doc.comments.length, 1);
  assert.equal(doc.comments[0].text, '# real comment');
});

test('missing ; before } is reported on the } line, as nginx does', () => {
  const text = 'server {\n  listen 80\n}\n';
  const doc = parseNginx(text);
  assert.equal(doc.errors.length, 1);
  assert.equal(doc.errors[0].message.startsWith('unexpected "}"'), true);
  assert.equal(new LineIndex(text).positionAt(doc.errors[0].range.start).line, 2);
  assert.deepEqual(doc.errors[0].insert, { offset: text.indexOf('80') + 2, text: ';' });
});

test('} inside a word does not close the block', () => {
  const doc = parseNginx('server { listen 80}\n');
  assert.equal(doc.directives[0].block?.children[0].args[0].value, '80}');
  assert.match(doc.errors[0].message, /unexpected end of file, expecting ";" or "}"/);
});

test('unexpected end of file, unterminated string, stray }', () => {
  assert.match(parseNginx('http {\n').errors[0].message, /expecting "}"/);
  assert.equal(parseNginx('root "abc;\n').errors[0].kind, 'unterminated-string');
  assert.equal(parseNginx('}\n').errors[0].message, 'unexpected "}"');
  assert.equal(parseNginx('add_header a "b"c;').errors[0].message, 'unexpected "c"');
});

test('lua blocks keep their body as raw text', () => {
  const doc = parseNginx('content_by_lua_block {\n  local t = { "}" } -- }\n  ngx.say("x")\n}\nroot /a;\n');
  assert.equal(doc.errors.length, 0);
  assert.ok(doc.directives[0].block?.raw?.text.includes('ngx.say'));
  assert.equal(doc.directives[1].name, 'root');
});

function checkTree(text: string): void {
  const doc = parseNginx(text);
  const visit = (list: readonly NginxDirective[], outer: { start: number; end: number }) => {
    for (const d of list) {
      assert.ok(d.range.start >= outer.start && d.range.end <= outer.end && d.range.start <= d.range.end);
      for (const t of [d.nameToken, ...d.args]) assert.ok(t.range.start >= d.range.start && t.range.end <= text.length);
      if (d.block) visit(d.block.children, d.range);
    }
  };
  visit(doc.directives, { start: 0, end: text.length });
  for (const e of doc.errors) assert.ok(e.range.start >= 0 && e.range.end <= text.length && e.range.start <= e.range.end);
  assert.deepEqual(
    JSON.stringify(parseNginx(text), (k, v: unknown) => (k === 'parent' ? undefined : v)),
    JSON.stringify(doc, (k, v: unknown) => (k === 'parent' ? undefined : v)),
  );
}

test('fuzz: arbitrary text never throws, ranges nest, same input same tree', () => {
  const alphabet = fc.constantFrom('a', 'b', ' ', '\n', ';', '{', '}', '"', "'", '\\', '#', '$', '(', ')', 'x_by_lua_block', '[[', '--', '\r');
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')),
      checkTree,
    ),
    { numRuns: 400 },
  );
  fc.assert(fc.property(fc.string({ maxLength: 300 }), checkTree), { numRuns: 200 });
});

test('fuzz: mutated fixtures never throw', () => {
  const root = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'nginx');
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  assert.ok(texts.length > 0);
  fc.assert(
    fc.property(fc.constantFrom(...texts), fc.nat(), fc.nat(5), fc.string({ maxLength: 4 }), (text, at, del, ins) => {
      const i = at % (text.length + 1);
      checkTree(text.slice(0, i) + ins + text.slice(i + del));
    }),
    { numRuns: 300 },
  );
  let count = 0;
  for (const _ of walkDirectives(parseNginx(texts[0]).directives)) count++;
  assert.ok(count > 0);
});
