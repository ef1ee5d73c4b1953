/**
 * The CLI's npm package (packages/cli): packed, installed into an empty folder with no network, and run through
 * npx as the README says. What it holds is checked file by file: the launcher, the bundle, the WASM grammars, the
 * docs pages `--explain` prints, and nothing else (no sources, maps, tests or staging script).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../support/repo';
import { packAndInstallOffline, run, type PackedCli } from './support/packedCli';

interface Manifest {
  name: string;
  version: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
  private?: boolean;
}

const readManifest = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;

let packed: PackedCli;
before(async () => {
  packed = await packAndInstallOffline();
});
after(() => packed?.remove());

/** Runs a command and gives its exit code with its output, whatever the code. */
function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('the package is scoped, has the gunicorn-lint bin, a Node engine, no dependencies, and the root version', () => {
  const cli = readManifest(path.join(repoRoot(), 'packages', 'cli', 'package.json'));
  const root = readManifest(path.join(repoRoot(), 'package.json'));
  assert.equal(cli.name, '@gunicorn-deploy/gunicorn-lint');
  assert.deepEqual(cli.bin, { 'gunicorn-lint': 'dist/cli.js' });
  assert.equal(cli.engines?.node, root.engines?.node);
  assert.equal(cli.dependencies, undefined, 'installs offline: nothing to fetch');
  assert.notEqual(cli.private, true);
  assert.equal(cli.version, root.version);
});

test('the tarball holds the launcher, the bundle, the WASM grammars and the docs pages, nothing else', async () => {
  const { stdout } = await run('tar', ['-tzf', packed.tarball]);
  const files = stdout
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''))
    .sort();
  const outside = files.filter((file) => !/^docs\/checks\/[a-z-]+\/[a-z0-9-]+\.md$/.test(file));
  assert.deepEqual(outside, [
    'LICENSE',
    'README.md',
    'dist/cli-main.js',
    'dist/cli.js',
    'dist/tree-sitter-python.wasm',
    'dist/tree-sitter.wasm',
    'package.json',
  ]);
  const pages = files.length - outside.length;
  const shipped = fs.readdirSync(path.join(repoRoot(), 'docs', 'checks'), { recursive: true }).filter((name) => String(name).endsWith('.md'));
  assert.equal(pages, shipped.length, 'every docs page ships');
});

test('installed offline, `npx gunicorn-lint examples --format json` reports what the build reports, exit 1', async () => {
  const examples = path.join(packed.project, 'examples');
  fs.cpSync(path.join(repoRoot(), 'examples'), examples, { recursive: true });
  const installed = await exec('npx', ['--offline', 'gunicorn-lint', 'examples', '--format', 'json'], packed.project, packed.env);
  assert.equal(installed.code, 1, `the examples hold errors: ${installed.stderr}`);
  const report = JSON.parse(installed.stdout) as { version: number; files: number; diagnostics: { rule: string; severity: string }[] };
  assert.equal(report.version, 1);
  assert.ok(report.diagnostics.some((d) => d.severity === 'error'));
  assert.ok(
    report.diagnostics.some((d) => d.rule.startsWith('deploy/')),
    'the cross-file checks run',
  );
  // The same bundle, run from the repository: the package loses nothing (grammars found, all checks there).
  const built = await exec(process.execPath, [path.join(repoRoot(), 'dist', 'cli.js'), 'examples', '--format', 'json'], packed.project, packed.env);
  assert.equal(installed.stdout, built.stdout);
  assert.equal(installed.stderr, '');
});

test('the installed CLI explains a check from the docs page it ships, and says its version', async () => {
  const explained = await exec('npx', ['--offline', 'gunicorn-lint', '--explain', 'deploy/bind-mismatch'], packed.project, packed.env);
  assert.equal(explained.code, 0, explained.stderr);
  const page = fs.readFileSync(path.join(repoRoot(), 'docs', 'checks', 'deploy', 'bind-mismatch.md'), 'utf8');
  assert.ok(explained.stdout.startsWith(page), 'prints the page itself, not only the summary');
  const version = await exec(path.join(packed.binFolder, 'gunicorn-lint'), ['--version'], packed.project, packed.env);
  assert.equal(version.stdout, `gunicorn-lint ${readManifest(path.join(repoRoot(), 'package.json')).version}\n`);
});
