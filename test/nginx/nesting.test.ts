/**
 * Hostile nesting (issue 9, item 6): more than 64 nested blocks give no false errors, 10,000 levels neither crash
 * the parser, the rules nor the CLI's output, and 150,000 stray `{` give errors, never a clean pass. The oracle
 * (oracle-classes.ts) has nginx -t judge the 70- and 80-level cases; these run everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import { parseNginx } from '../../server/src/formats/nginx/parser';
import { repoRoot } from '../support/repo';
import { nestedLocations } from './oracle-classes';
import { folderProject, lint } from './project';

const server = (body: string) => `server {\n    listen 127.0.0.1:8080;\n${body}}\n`;

function errorsOf(text: string, file = '/nowhere/conf.d/deep.conf') {
  return lint(folderProject('/nowhere-at-all'), file, text).findings.filter(
    (f) => f.severity === 'error' || /syntax|unknown|invalid|duplicate|not-allowed/.test(f.rule),
  );
}

test('70 nested locations: the tree keeps every level and no error is raised', () => {
  const text = server(nestedLocations(70, '            return 200;\n'));
  const doc = parseNginx(text);
  assert.deepEqual(doc.errors, []);
  let depth = 0;
  for (let d = doc.directives[0]; d?.block; d = d.block.children.find((c) => c.block)!) depth++;
  assert.equal(depth, 71);
  assert.deepEqual(errorsOf(text), []);
});

test('an unclosed block deep down: one error at the end of the file, the open "{" as related information', () => {
  const text = server(nestedLocations(80, '            return 200;\n')).replace(/ {4}}\n}\n$/, '}\n');
  const findings = errorsOf(text);
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
  const [eof] = findings;
  const index = new LineIndex(text);
  assert.equal(index.positionAt(eof.range.end).line, index.positionAt(text.length).line);
  assert.ok(eof.related && eof.related.length > 0);
  assert.equal(text[eof.related[0].range.start], '{');
});

test('10,000 levels: parsed and checked without a stack overflow', () => {
  const ok = server(nestedLocations(10000, '            return 200;\n', true));
  assert.deepEqual(errorsOf(ok), []);
  const bad = server(nestedLocations(10000, '            retrun 200;\n', true));
  const findings = errorsOf(bad);
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['nginx/unknown-directive'],
  );
});

test('150,000 stray "{": errors, a bounded number of them', () => {
  const findings = errorsOf('{'.repeat(150000) + '\n');
  assert.ok(findings.length > 0 && findings.length <= 110, `${findings.length} findings`);
  assert.ok(findings.some((f) => f.message === 'unexpected "{"'));
});

test('the CLI reports hostile nesting without crashing, in text and JSON', () => {
  const cli = path.join(repoRoot(), 'dist', 'cli.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-nesting-'));
  try {
    fs.mkdirSync(path.join(dir, 'conf.d'));
    const run = (name: string, text: string, format = 'text') => {
      const file = path.join(dir, 'conf.d', name);
      fs.writeFileSync(file, text);
      return spawnSync(process.execPath, [cli, '--format', format, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60000 });
    };
    const deep = run('deep.conf', server(nestedLocations(10000, '            return 200;\n', true)));
    assert.equal(deep.status, 0, deep.stderr);
    const opened = nestedLocations(10000, '            retrun 200;\n', true);
    const unclosed = run('unclosed.conf', 'server {\n' + opened.slice(0, opened.indexOf('retrun') + 12));
    assert.equal(unclosed.status, 1, unclosed.stderr);
    assert.doesNotMatch(unclosed.stderr, /RangeError|Invalid string length|Maximum call stack/);
    assert.match(unclosed.stdout, /unexpected end of file/);
    for (const format of ['text', 'json']) {
      const bomb = run('bomb.conf', '{'.repeat(150000) + '\n', format);
      assert.equal(bomb.status, 1, bomb.stderr);
      assert.doesNotMatch(bomb.stdout + bomb.stderr, /No problems|Maximum call stack|RangeError/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
