/**
 * What `vsce package` would put in the .vsix, through vsce's own file listing (`vsce ls`): the .vscodeignore
 * whitelist must take the bundles, the WASM grammars and the manifest's files, and nothing else.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from './support/lspSession';

test('the .vsix holds the bundles, grammars, snippets and docs, and no sources, maps or node_modules', { timeout: 120_000 }, async () => {
  const root = projectRoot();
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const { stdout } = await promisify(execFile)(vsce, ['ls', '--no-dependencies'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const files = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .sort();
  for (const required of [
    'package.json',
    'README.md',
    'dist/extension.js',
    'dist/server.js',
    'dist/tree-sitter.wasm',
    'dist/tree-sitter-python.wasm',
    'snippets/gunicorn.json',
    'syntaxes/nginx.tmLanguage.json',
    'syntaxes/systemd.tmLanguage.json',
  ]) {
    assert.ok(files.includes(required), `${required} is packed (got ${files.join(', ')})`);
  }
  const unwanted = files.filter((file) => /^(node_modules|server|client|test|out[^/]*|scripts|docs|examples)\/|\.map$|\.ts$/.test(file));
  assert.deepEqual(unwanted, []);
});
