/** The README's checks table and the docs pages stay equal to the registry. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checksTableMarkdown } from '../server/src/service/checksTable';
import { allRules } from '../server/src/service/formats';
import { referenceDir, repoRoot } from './support/repo';

const START = '<!-- checks:start -->';
const END = '<!-- checks:end -->';

test('the README table of checks equals the registry (npm run docs:checks regenerates it)', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  assert.ok(start >= 0 && end > start, 'README has the checks markers');
  assert.equal(readme.slice(start + START.length, end).trim(), checksTableMarkdown());
});

test('every check has a documentation page, and every page a check', () => {
  const docsRoot = path.join(repoRoot(), 'docs', 'checks');
  const ids = allRules().map((rule) => rule.id);
  for (const id of ids) {
    const page = path.join(docsRoot, `${id}.md`);
    assert.ok(fs.existsSync(page), `missing docs page for ${id}`);
    assert.match(fs.readFileSync(page, 'utf8'), new RegExp(id.replace(/[/-]/g, '.')), `${id}: the page names its id`);
  }
  const pages = fs
    .readdirSync(docsRoot, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.replace(/\.md$/, '').split(path.sep).join('/'));
  assert.deepEqual(
    pages.filter((page) => !ids.includes(page)),
    [],
  );
});

test('every check id is one of the catalog (its ids are copied to test/reference/check-ids.txt) or a service notice', () => {
  const catalog = fs
    .readFileSync(path.join(referenceDir(), 'check-ids.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  assert.ok(catalog.length >= 50, 'the catalog copy lists the checks');
  const unknown = allRules()
    .map((rule) => rule.id)
    .filter((id) => !id.startsWith('gunicorn-lint/') && !catalog.includes(id));
  assert.deepEqual(unknown, []);
});
