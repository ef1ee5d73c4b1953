/**
 * Hostile input and faults through the bundled CLI (issue 9, item 6): never a silent "No problems", never a file
 * made invalid or half written, never a terminal driven by a file's bytes.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { applySafeFixes } from '../../server/src/cli/lint';
import { codeFrame, formatText, MAX_FRAME_WIDTH } from '../../server/src/cli/formatText';
import type { Report, ReportedDiagnostic } from '../../server/src/cli/report';
import { LanguageService } from '../../server/src/service/languageService';
import { skipMissingOracle } from '../support/oracles';
import { repoRoot } from '../support/repo';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function scratch(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-hostile-')));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function runCli(args: string[], cwd: string, cliPath = cli) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runCliAsync(args: string[], cwd: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    child.on('exit', (code) => resolve(code));
  });
}

const SITE = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://127.0.0.1:8000;\n    }\n}\n';

test('a symlink named on the command line (Debian sites-enabled) is read through the link', () => {
  const dir = scratch({ 'sites-available/app': SITE });
  fs.mkdirSync(path.join(dir, 'sites-enabled'));
  fs.symlinkSync('../sites-available/app', path.join(dir, 'sites-enabled/app'));
  const { code, stdout } = runCli(['sites-enabled/app', '--format', 'json', '--exit-zero'], dir);
  assert.equal(code, 0);
  const report = JSON.parse(stdout) as { files: number; diagnostics: { file: string; rule: string }[] };
  assert.equal(report.files, 1);
  assert.ok(
    report.diagnostics.some((d) => d.file === 'sites-enabled/app' && d.rule === 'nginx/proxy-headers'),
    stdout,
  );
  // Walking the folder reads the site once (the link is not walked), not twice.
  const walked = JSON.parse(runCli(['.', '--format', 'json', '--exit-zero'], dir).stdout) as { diagnostics: { file: string; rule: string }[] };
  assert.deepEqual([...new Set(walked.diagnostics.filter((d) => d.rule === 'nginx/proxy-headers').map((d) => d.file))], ['sites-available/app']);
});

test('a file that cannot be read is an error and exit status 2, not a clean pass', (t) => {
  if (process.platform !== 'linux') return t.skip('uses /proc/self/mem, a file every read of which fails');
  const dir = scratch({ 'sites-available/ok': SITE });
  fs.mkdirSync(path.join(dir, 'sites-enabled'));
  // Readable by mode (even for root) but every read fails: what an unreadable file looks like to a root CI.
  fs.symlinkSync('/proc/self/mem', path.join(dir, 'sites-enabled/broken'));
  const { code, stderr, stdout } = runCli(['sites-enabled/broken', 'sites-available/ok'], dir);
  assert.equal(code, 2, stdout + stderr);
  assert.match(stderr, /sites-enabled\/broken: cannot read/);
  assert.match(stdout, /sites-available\/ok/, 'the other file is still linted');
});

test('a file named explicitly whose format cannot be told is named on stderr, never skipped in silence', () => {
  const dir = scratch({ 'notes.txt': 'deploy on fridays\n', mysite: SITE });
  const { code, stderr, stdout } = runCli(['notes.txt', 'mysite', '--exit-zero'], dir);
  assert.equal(code, 0, 'a warning: shell globs name such files too');
  assert.match(stderr, /warning: notes\.txt: skipped: neither its name nor its content/);
  assert.match(stdout, /mysite:4:9: warning nginx\/proxy-headers/, 'an unconventional name read by its content');
  assert.match(stdout, /in 1 file/);
});

test('a bundle missing its Python grammar exits 2 and says what failed (never "No problems")', () => {
  const bundle = scratch({});
  for (const name of ['cli.js', 'cli-main.js']) fs.copyFileSync(path.join(repoRoot(), 'dist', name), path.join(bundle, name));
  const dir = scratch({ 'gunicorn.conf.py': 'workers = 2\n' });
  const result = spawnSync(process.execPath, [path.join(bundle, 'cli.js'), dir], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GUNICORN_LINT_NO_COMPILE_CACHE: '1', NODE_PATH: '' },
  });
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /error: .*python support failed to load/);
  assert.match(result.stdout, /gunicorn-lint\/internal-error/);
  assert.doesNotMatch(result.stdout, /No problems/);
});

test('--fix on a one-line nginx site keeps it valid (judged by nginx -t when installed)', (t) => {
  const dir = scratch({ 'nginx.conf': 'events {}\nhttp {\n    server { location / { proxy_pass http://127.0.0.1:8000; } }\n}\n' });
  runCli(['--fix', '--exit-zero', '.'], dir);
  const fixed = fs.readFileSync(path.join(dir, 'nginx.conf'), 'utf8');
  assert.match(fixed, /location \/ \{ proxy_set_header Host \$host;.*proxy_pass http:\/\/127\.0\.0\.1:8000; \}/, fixed);
  assert.doesNotMatch(fixed, /^proxy_set_header/m, 'nothing lands in the main context');
  const probe = spawnSync('nginx', ['-v'], { stdio: 'ignore' });
  if (probe.status !== 0 || process.getuid?.() !== 0) return skipMissingOracle(t, 'nginx not installed (or not root): the fixed file is not judged');
  const verdict = spawnSync('nginx', ['-t', '-c', path.join(dir, 'nginx.conf'), '-p', `${dir}/`, '-g', `pid ${dir}/nginx.pid; error_log stderr;`], {
    encoding: 'utf8',
  });
  assert.equal(verdict.status, 0, verdict.stderr);
});

test('--fix keeps a CRLF file CRLF', () => {
  const dir = scratch({ 'sites-available/app': SITE.replace(/\n/g, '\r\n') });
  runCli(['--fix', '--exit-zero', '.'], dir);
  const fixed = fs.readFileSync(path.join(dir, 'sites-available/app'), 'utf8');
  assert.match(fixed, /proxy_set_header Host/);
  assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, 'every line break is CRLF');
});

test('--fix runs at once do not interleave: each file fixed once, no temporary or lock file left', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`sites-available/site${i}`] = SITE;
  const dir = scratch(files);
  const codes = await Promise.all([1, 2, 3].map(() => runCliAsync(['--fix', '--exit-zero', '.'], dir)));
  assert.deepEqual(codes, [0, 0, 0]);
  for (let i = 0; i < 12; i++) {
    const text = fs.readFileSync(path.join(dir, `sites-available/site${i}`), 'utf8');
    assert.equal(text.match(/proxy_set_header Host /g)?.length, 1, text);
  }
  const left = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => /\.tmp$|\.lock$/.test(name));
  assert.deepEqual(left, []);
});

test('--fix through a link writes the file it names and keeps the link', () => {
  const dir = scratch({ 'sites-available/app': SITE });
  fs.mkdirSync(path.join(dir, 'sites-enabled'));
  fs.symlinkSync('../sites-available/app', path.join(dir, 'sites-enabled/app'));
  runCli(['--fix', '--exit-zero', 'sites-enabled/app'], dir);
  assert.ok(fs.lstatSync(path.join(dir, 'sites-enabled/app')).isSymbolicLink());
  assert.match(fs.readFileSync(path.join(dir, 'sites-available/app'), 'utf8'), /proxy_set_header Host/);
});

test('a write error during --fix says which files were already written', async () => {
  const dir = scratch({ 'sites-available/a': SITE, 'sites-available/b': SITE });
  const service = await LanguageService.create({ root: dir });
  const files = service.managedFiles();
  const written: string[] = [];
  assert.throws(
    () =>
      applySafeFixes(service, files, (file, text) => {
        if (written.length === 1) throw new Error('ENOSPC: no space left on device');
        fs.writeFileSync(file, text);
        written.push(file);
      }),
    /could not write sites-available\/b \(ENOSPC.*\); already written: sites-available\/a/,
  );
});

test('several folders: same-named files stay apart in text, JSON and SARIF', () => {
  const dir = scratch({ 'one/nginx.conf': SITE, 'two/nginx.conf': SITE });
  const json = JSON.parse(runCli(['one', 'two', '--format', 'json', '--exit-zero'], dir).stdout) as { diagnostics: { file: string }[] };
  assert.deepEqual([...new Set(json.diagnostics.map((d) => d.file))].sort(), ['one/nginx.conf', 'two/nginx.conf']);
  const text = runCli(['one', 'two', '--exit-zero'], dir).stdout;
  assert.match(text, /^one\/nginx\.conf:4:9:/m);
  assert.match(text, /^two\/nginx\.conf:4:9:/m);
  const sarif = JSON.parse(runCli(['one', 'two', '--format', 'sarif', '--exit-zero'], dir).stdout) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  const uris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ['one/nginx.conf', 'two/nginx.conf']);
});

test('text output: a file cannot send terminal escapes, and long lines are cut around the finding', () => {
  const long = `    proxy_pass http://127.0.0.1:8000; # ${'x'.repeat(5000)}\n`;
  const dir = scratch({ 'sites-available/app': `server {\n    location / { # \x1b[2J\x1b]0;pwned\x07 \u202e\n${long}    }\n}\n` });
  const { stdout } = runCli(['.', '--exit-zero'], dir);
  assert.doesNotMatch(stdout, /[\x00-\x08\x0b-\x1f\x7f\u202e]/, 'no raw control characters');
  for (const line of stdout.split('\n')) assert.ok(line.length <= MAX_FRAME_WIDTH + 200, `a ${line.length}-character line`);
  // The escapes are shown, not dropped.
  const frame = codeFrame('a\x1b[31mb', 1, 1);
  assert.equal(frame.line, 'a\\x1b[31mb');
});

test('text output: the caret stays under the finding after escapes and cuts', () => {
  const source = `${'y'.repeat(300)}\tTARGET${'z'.repeat(300)}`;
  const frame = codeFrame(source, 302, 6);
  assert.equal(frame.line.slice(frame.caretStart, frame.caretStart + frame.caretWidth), 'TARGET');
  assert.ok(frame.line.length <= MAX_FRAME_WIDTH + 2);
});

test('text output of 10,000 findings on one huge line stays bounded (no RangeError: Invalid string length)', () => {
  const line = '{'.repeat(200_000);
  const diagnostics: ReportedDiagnostic[] = Array.from({ length: 10_000 }, (_, i) => ({
    file: 'deep.conf',
    line: 1,
    column: i * 20 + 1,
    endLine: 1,
    endColumn: 200_000,
    severity: 'error',
    rule: 'nginx/syntax',
    message: 'unexpected "{"',
    related: [],
  }));
  const report: Report = { files: 1, diagnostics, sources: new Map([['deep.conf', line]]), fixed: 0 };
  const text = formatText(report, { color: false });
  assert.ok(text.length < 10_000 * 400, `${text.length} characters`);
});

test('a 10,000-deep nginx file: the CLI answers without crashing', () => {
  const dir = scratch({
    'nginx.conf': `http {\n${'location / {\n'.repeat(10_000)}${'}\n'.repeat(10_000)}}\n`,
    'deep.nginx': `${'server {'.repeat(10_000)}${'}'.repeat(10_000)}\n`,
  });
  const { code, stderr } = runCli(['.'], dir);
  assert.ok(code === 0 || code === 1, stderr);
  assert.doesNotMatch(stderr, /RangeError|Maximum call stack/);
});

test('no EPIPE stack trace when the reader closes early (gunicorn-lint ... | head -1)', (t) => {
  if (process.platform === 'win32') return t.skip('needs a POSIX shell');
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`sites-available/site${i}`] = SITE;
  const dir = scratch(files);
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" . | head -1`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.stdout.split('\n').filter(Boolean).length, 1);
  assert.doesNotMatch(result.stderr, /EPIPE|Error:|at /, result.stderr);
});
