/** The CLI contract of design.md, driven through the bundled dist/cli.js as a user runs it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after as afterAll, test } from 'node:test';
import { repoRoot } from '../support/repo';

const cli = path.join(repoRoot(), 'dist', 'cli.js');

function runCli(args: string[], cwd = repoRoot()) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every temporary folder a test made, removed when the file's tests end. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-cli-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
  related: unknown[];
}

/** The parts of a JSON report these tests read. */
interface JsonReport {
  version: number;
  files: number;
  diagnostics: JsonDiagnostic[];
}

/** The parts of a SARIF 2.1.0 log these tests read. */
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string }[] } };
    results: { ruleId: string; ruleIndex: number; level: string }[];
  }[];
}

test('json output follows the contract and is sorted', () => {
  const { code, stdout } = runCli(['examples', '--format', 'json', '--exit-zero']);
  assert.equal(code, 0);
  const report = JSON.parse(stdout) as { version: number; files: number; diagnostics: JsonDiagnostic[] };
  assert.equal(report.version, 1);
  assert.ok(report.files >= 3, `expected the example's files, got ${report.files}`);
  assert.ok(report.diagnostics.length > 0);
  for (const d of report.diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'rule', 'severity']);
    assert.ok(['error', 'warning', 'info'].includes(d.severity));
    assert.ok(d.line >= 1 && d.column >= 1);
    assert.ok(!path.isAbsolute(d.file), 'file is relative to the folder given');
  }
  const order = report.diagnostics.map((d) => [d.file, d.line, d.column] as const);
  const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
  assert.deepEqual(order, sorted);
});

test('exit status: 1 on errors, 0 with --exit-zero, --max-warnings counts', () => {
  const dir = scratch({ 'gunicorn.conf.py': 'workers = "abc"\n' });
  assert.equal(runCli([dir]).code, 1);
  assert.equal(runCli([dir, '--exit-zero']).code, 0);
  const warn = scratch({ 'gunicorn.conf.py': 'timeout = 900\n' });
  assert.equal(runCli([warn]).code, 0);
  assert.equal(runCli([warn, '--max-warnings', '0']).code, 1);
  assert.equal(runCli([warn, '--rule', 'gunicorn/timeout-band-aid=off', '--max-warnings', '0']).code, 0);
});

test('bad usage exits 2 with a message', () => {
  for (const args of [['--format', 'xml'], ['--rule', 'nope'], ['--bogus'], ['--rule', 'no/such-check=off'], ['does-not-exist']]) {
    const { code, stderr } = runCli(args);
    assert.equal(code, 2, `args ${args.join(' ')}`);
    assert.match(stderr, /gunicorn-lint: /);
  }
});

test('text output shows the source line with carets and a summary', () => {
  const dir = scratch({ 'gunicorn.conf.py': 'import os\nworkers = "abc"\n' });
  const { stdout } = runCli([dir]);
  assert.match(stdout, /^gunicorn\.conf\.py:2:11: error gunicorn\/invalid-value /m);
  assert.match(stdout, /^ {4}workers = "abc"\n {4} {10}\^{5}$/m);
  assert.match(stdout, /1 problem \(1 error, 0 warnings, 0 info\) in 1 file\./);
});

test('sarif output is SARIF 2.1.0 with a rule entry per check', () => {
  const { stdout } = runCli(['examples', '--format', 'sarif', '--exit-zero']);
  const sarif = JSON.parse(stdout) as SarifLog;
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  const ruleIds = run.tool.driver.rules.map((r) => r.id);
  assert.ok(ruleIds.includes('gunicorn/unknown-setting'));
  for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /docs\/checks\/.+\.md$/);
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
  }
});

test('--fix applies safe fixes, writes the file and reports what is left', () => {
  const dir = scratch({ 'gunicorn.conf.py': 'max_requests = 1000\nworkers_class = "gthread"\n' });
  const { stdout } = runCli([dir, '--fix', '--format', 'json', '--exit-zero']);
  const after = fs.readFileSync(path.join(dir, 'gunicorn.conf.py'), 'utf8');
  assert.match(after, /^max_requests_jitter = 100$/m, 'the safe jitter fix was applied');
  assert.match(after, /^workers_class = "gthread"$/m, 'the unsafe rename was not applied');
  const rules = (JSON.parse(stdout) as JsonReport).diagnostics.map((d) => d.rule);
  assert.ok(!rules.includes('gunicorn/max-requests-no-jitter'));
  assert.ok(rules.includes('gunicorn/unknown-setting'));
  const compiled = spawnSync('python3', ['-m', 'py_compile', path.join(dir, 'gunicorn.conf.py')]);
  if (compiled.error === undefined) assert.equal(compiled.status, 0, 'the fixed file still compiles');
});

test('--explain prints the check page; unknown ids exit 2', () => {
  const { code, stdout } = runCli(['--explain', 'gunicorn/timeout-band-aid']);
  assert.equal(code, 0);
  assert.match(stdout, /timeout-band-aid/);
  assert.match(stdout, /Documentation: https:\/\/.+gunicorn\/timeout-band-aid\.md/);
  assert.equal(runCli(['--explain', 'gunicorn/nope']).code, 2);
});

test('files over the size cap get one information diagnostic and no analysis', () => {
  const dir = scratch({ 'gunicorn.conf.py': 'workers = "abc"\n' + '#'.repeat(3 * 1024 * 1024) + '\n' });
  const { code, stdout } = runCli([dir, '--format', 'json']);
  assert.equal(code, 0);
  const diagnostics = (JSON.parse(stdout) as JsonReport).diagnostics;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].severity, 'info');
});

test('the walk skips virtual environments, node_modules and hidden folders', () => {
  const bad = 'workers = "abc"\n';
  const dir = scratch({
    'gunicorn.conf.py': 'workers = 2\n',
    '.venv/lib/gunicorn.conf.py': bad,
    'node_modules/x/gunicorn.conf.py': bad,
    'env2/pyvenv.cfg': 'home = /usr\n',
    'env2/gunicorn.conf.py': bad,
    '.git/gunicorn.conf.py': bad,
  });
  const report = JSON.parse(runCli([dir, '--format', 'json']).stdout) as JsonReport;
  assert.equal(report.files, 1);
  assert.deepEqual(report.diagnostics, []);
});

test('the launcher writes a V8 code cache, reuses it, and survives a corrupt one', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-cache-'));
  made.push(cache);
  const run = () =>
    spawnSync(process.execPath, [cli, 'examples', '--format', 'json', '--exit-zero'], {
      cwd: repoRoot(),
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cache, GUNICORN_LINT_NO_COMPILE_CACHE: '' },
    });
  const first = run();
  const folder = path.join(cache, 'gunicorn-lint');
  const files = fs.readdirSync(folder);
  assert.equal(files.length, 1, 'one cache file after the first run');
  assert.ok(fs.statSync(path.join(folder, files[0])).size > 100_000);
  assert.equal(run().stdout, first.stdout, 'the cached run reports the same');
  fs.writeFileSync(path.join(folder, files[0]), 'not V8 data');
  const third = run();
  assert.equal(third.status, 0);
  assert.equal(third.stdout, first.stdout, 'a corrupt cache is ignored');
  assert.ok(fs.statSync(path.join(folder, files[0])).size > 100_000, 'and rewritten');
  assert.equal(third.stderr, '');
});

test('the code cache grows when a run needs code the cache lacks, and is left alone when it does not', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-cache-'));
  made.push(cache);
  const nginxOnly = scratch({ 'nginx.conf': 'events {}\nhttp {\n  server {\n    listen 8080;\n    location / { return 204; }\n  }\n}\n' });
  const run = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [cli, ...args, '--exit-zero'], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: cache, GUNICORN_LINT_NO_COMPILE_CACHE: '' },
    });
  const folder = path.join(cache, 'gunicorn-lint');
  const cacheFile = () => {
    const [name] = fs.readdirSync(folder);
    const file = path.join(folder, name);
    const data = fs.readFileSync(file);
    const covered = data
      .toString('utf8', 2, 2 + data.readUInt16LE(0))
      .split(',')
      .sort();
    return { size: data.length, covered, mtime: fs.statSync(file).mtimeMs };
  };
  assert.equal(run(['nginx.conf'], nginxOnly).status, 0);
  const small = cacheFile();
  assert.equal(run(['nginx.conf'], nginxOnly).status, 0);
  assert.equal(cacheFile().mtime, small.mtime, 'the same work again: not written again');
  // A whole deployment runs the Dockerfile, YAML, systemd and Python code the nginx-only run never compiled.
  assert.equal(run(['examples'], repoRoot()).status, 0);
  const grown = cacheFile();
  assert.ok(grown.size > small.size * 1.2, `the cache grew (${small.size} -> ${grown.size} bytes)`);
  assert.deepEqual(small.covered, ['nginx']);
  assert.ok(grown.covered.includes('dockerfile') && grown.covered.includes('nginx'), `and says it covers more: ${grown.covered.join(', ')}`);
  assert.equal(run(['nginx.conf'], nginxOnly).status, 0);
  assert.equal(cacheFile().mtime, grown.mtime, 'a run needing less leaves the larger cache alone');
});
