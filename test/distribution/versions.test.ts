/**
 * One version everywhere a user reads one: the extension manifest, the CLI's npm package, CHANGELOG.md's newest
 * entry, `gunicorn-lint --version`, SARIF's tool.driver.version, and the language server's serverInfo. The bundles
 * get it from package.json at build time, so the built programs are asked, not the source.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { productVersion } from '../../server/src/core/productVersion';
import { LspSession, makeWorkspace, removeWorkspace } from '../lsp/support/lspSession';
import { repoRoot } from '../support/repo';

const versionOf = (file: string) => (JSON.parse(fs.readFileSync(path.join(repoRoot(), file), 'utf8')) as { version: string }).version;
const VERSION = () => versionOf('package.json');

function cli(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => resolve(stdout));
  });
}

test('the version is semver, and the CLI package and the newest CHANGELOG entry carry it', () => {
  assert.match(VERSION(), /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  assert.equal(versionOf('packages/cli/package.json'), VERSION());
  const changelog = fs.readFileSync(path.join(repoRoot(), 'CHANGELOG.md'), 'utf8');
  const newest = /^## (\S+)/m.exec(changelog);
  assert.equal(newest?.[1], VERSION(), 'CHANGELOG.md starts with the entry of this version');
});

test('gunicorn-lint --version, SARIF tool.driver.version and the compiled sources say the same version', async () => {
  assert.equal(await cli(['--version'], repoRoot()), `gunicorn-lint ${VERSION()}\n`);
  const workspace = makeWorkspace({ 'gunicorn.conf.py': 'workers_class = "gevent"\n' });
  try {
    const sarif = JSON.parse(await cli(['.', '--format', 'sarif'], workspace)) as { runs: { tool: { driver: { name: string; version: string } } }[] };
    assert.equal(sarif.runs[0].tool.driver.name, 'gunicorn-lint');
    assert.equal(sarif.runs[0].tool.driver.version, VERSION());
  } finally {
    removeWorkspace(workspace);
  }
  assert.equal(productVersion(), VERSION(), 'tsc builds read the root manifest');
});

test("the language server's serverInfo carries the version", { timeout: 60_000 }, async () => {
  const workspace = makeWorkspace({ 'gunicorn.conf.py': 'workers = 2\n' });
  const session = LspSession.start({ settings: {} });
  try {
    const init = await session.initialize({ rootPath: workspace, pullDiagnostics: true });
    assert.deepEqual(init.serverInfo, { name: 'gunicorn-lint', version: VERSION() });
  } finally {
    session.kill();
    removeWorkspace(workspace);
  }
});
