/**
 * `--fix` on the README's example: `def post_fork(server):` gets the `worker` parameter gunicorn passes, the file
 * is written, a second run finds nothing left, and Python still compiles it. A rewrite that renames parameters
 * needs a look, so `--fix` leaves it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/repo';

const cli = path.join(repoRoot(), 'dist', 'cli.js');

function lintJson(dir: string, ...extra: string[]): { code: number | null; rules: string[] } {
  const result = spawnSync(process.execPath, [cli, dir, '--format', 'json', ...extra], { encoding: 'utf8' });
  const report = JSON.parse(result.stdout) as { diagnostics: { rule: string }[] };
  return { code: result.status, rules: report.diagnostics.map((d) => d.rule) };
}

const CONFIG = `bind = "127.0.0.1:8000"


def post_fork(server):
    server.log.info("worker forked")


def on_exit(arbiter):
    arbiter.log.info("bye")
`;

test('--fix appends the parameters gunicorn passes, and the re-check is clean', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-fix-hook-'));
  const file = path.join(dir, 'gunicorn.conf.py');
  try {
    fs.writeFileSync(file, CONFIG);
    const before = lintJson(dir);
    assert.equal(before.code, 1);
    assert.deepEqual(before.rules, ['gunicorn/hook-signature']);

    const fixing = lintJson(dir, '--fix');
    assert.equal(fixing.code, 0, 'nothing is left after the fix');
    assert.deepEqual(fixing.rules, []);
    assert.equal(fs.readFileSync(file, 'utf8'), CONFIG.replace('def post_fork(server):', 'def post_fork(server, worker):'));
    assert.deepEqual(lintJson(dir).rules, [], 'a fresh run agrees');

    const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
    if (compiled.error === undefined) assert.equal(compiled.status, 0, compiled.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix leaves a parameter list it would have to rename', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-fix-hook-'));
  const file = path.join(dir, 'gunicorn.conf.py');
  try {
    const text = 'def post_fork(arbiter):\n    arbiter.log.info("forked")\n';
    fs.writeFileSync(file, text);
    const fixing = lintJson(dir, '--fix');
    assert.equal(fixing.code, 1);
    assert.deepEqual(fixing.rules, ['gunicorn/hook-signature']);
    assert.equal(fs.readFileSync(file, 'utf8'), text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
