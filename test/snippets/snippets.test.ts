/**
 * Snippets only where they belong, and every snippet valid in its format: each body, with its placeholders replaced
 * by their defaults, compiles (python3 -m py_compile), passes `nginx -t` or `systemd-analyze verify`, and gets no
 * error from our own checks.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { LanguageService } from '../../server/src/service/languageService';
import { GUNICORN_SNIPPETS, snippetDefaults } from '../../server/src/formats/gunicorn/snippets';
import { skipMissingOracle } from '../support/oracles';
import { repoRoot } from '../support/repo';

interface SnippetEntry {
  prefix: string | string[];
  description: string;
  body: string[];
}

function snippetFile(name: string): Record<string, SnippetEntry> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot(), 'snippets', name), 'utf8')) as Record<string, SnippetEntry>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
  contributes: { snippets: { language: string; path: string }[] };
};

function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-snippets-'));
  return fn(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

function has(program: string, args: string[]): boolean {
  try {
    execFileSync(program, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Our errors for the files of a folder, through the same service the editor and the CLI use. */
async function ourErrors(dir: string, files: string[]): Promise<string[]> {
  const service = await LanguageService.create({ root: dir });
  const errors: string[] = [];
  for (const file of files) {
    for (const d of service.diagnostics(path.join(dir, file))) {
      if (d.severity === 1) errors.push(`${file}:${d.range.start.line + 1}: ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`);
    }
  }
  return errors;
}

test('the manifest contributes nginx and systemd snippets to our languages, and no snippet to every Python file', () => {
  const contributed = manifest.contributes.snippets.map((s) => `${s.language} ${s.path}`).sort();
  assert.deepEqual(contributed, ['nginx ./snippets/nginx.json', 'systemd-unit-file ./snippets/systemd.json']);
});

test('placeholders are replaced by their defaults, nested ones and choices included, escapes kept', () => {
  assert.equal(snippetDefaults('bind = "${1:unix:/run/${2:app}/g.sock}"\n$0'), 'bind = "unix:/run/app/g.sock"\n');
  assert.equal(snippetDefaults('k = "${4|sync,gthread|}" ${1:engine}.x ${1:engine}'), 'k = "sync" engine.x engine');
  assert.equal(snippetDefaults('proxy_set_header Host ${2:\\$host}; kill \\$MAINPID'), 'proxy_set_header Host $host; kill $MAINPID');
});

test('the gunicorn snippets come from snippets/gunicorn.json, whole', () => {
  const file = snippetFile('gunicorn.json');
  assert.deepEqual(
    GUNICORN_SNIPPETS.map((s) => [s.title, s.body]),
    Object.entries(file).map(([title, entry]) => [title, entry.body.join('\n')]),
  );
});

test('gunicorn snippets are offered in a gunicorn config only, and not once the file defines what they define', async () => {
  await withTempDir(async (dir) => {
    const service = await LanguageService.create({ root: dir });
    const labels = (file: string, text: string): string[] => {
      service.changeDocument(path.join(dir, file), text, 1);
      const lines = text.split('\n');
      const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
      return service
        .completion(path.join(dir, file), position)
        .filter((item) => item.kind === 15 /* Snippet */)
        .map((item) => item.label);
    };
    const offered = labels('gunicorn.conf.py', 'workers = 2\ngunicorn');
    for (const snippet of GUNICORN_SNIPPETS) for (const prefix of snippet.prefixes) assert.ok(offered.includes(prefix), prefix);
    // An app module is not a gunicorn config: no gunicorn snippet there.
    assert.deepEqual(labels('app.py', 'import flask\ngunicorn'), []);
    // Indented (inside a function): not a place for a whole config.
    assert.deepEqual(
      labels('gunicorn.conf.py', 'def on_starting(server):\n    gunicorn').filter((l) => l.startsWith('gunicorn')),
      [],
    );
    const withHook = labels('gunicorn.conf.py', 'def post_fork(server, worker):\n    pass\n\n');
    assert.ok(!withHook.includes('gunicorn-post-fork'));
    assert.ok(withHook.includes('gunicorn-production'));
  });
});

test('every gunicorn snippet compiles and gets no error from our checks', async (t: TestContext) => {
  if (!has('python3', ['--version'])) return skipMissingOracle(t, 'python3 is not installed');
  await withTempDir(async (dir) => {
    for (const [title, entry] of Object.entries(snippetFile('gunicorn.json'))) {
      const folder = path.join(dir, title.replace(/\W+/g, '-'));
      fs.mkdirSync(folder);
      const file = path.join(folder, 'gunicorn.conf.py');
      fs.writeFileSync(file, snippetDefaults(entry.body.join('\n')) + '\n');
      const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
      assert.equal(compiled.status, 0, `${title}: ${compiled.stderr}`);
      assert.deepEqual(await ourErrors(folder, ['gunicorn.conf.py']), [], title);
    }
    // The names a snippet uses are ones it defines or imports (the SQLAlchemy hook imports its engine).
    const postFork = snippetDefaults(snippetFile('gunicorn.json')['gunicorn: post_fork disposing the database engine'].body.join('\n'));
    assert.match(postFork, /from myapp\.db import engine\n[\s\S]*engine\.dispose\(close=False\)/);
  });
});

/** Where each nginx snippet goes: an http-level one is wrapped in http {}, a location in a server too. */
function nginxMain(body: string): string {
  const inner = /^location\b/.test(body) ? `server {\n  listen 8080;\n${body}\n}` : body;
  return `events {}\nhttp {\n${inner}\n}\n`;
}

function nginxTest(dir: string, main: string): Promise<{ rc: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('nginx', ['-t', '-c', main, '-p', dir + '/', '-g', `pid ${dir}/nginx.pid; error_log stderr;`], { timeout: 10000 }, (error, _stdout, stderr) => {
      resolve({ rc: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr: String(stderr) });
    });
  });
}

test('every nginx snippet passes nginx -t and gets no error from our checks', async (t: TestContext) => {
  if (!has('nginx', ['-v'])) return skipMissingOracle(t, 'nginx is not installed');
  const entries = Object.entries(snippetFile('nginx.json'));
  assert.ok(entries.length >= 3);
  await withTempDir(async (dir) => {
    for (const [title, entry] of entries) {
      const folder = path.join(dir, title.replace(/\W+/g, '-'));
      fs.mkdirSync(folder);
      const main = path.join(folder, 'nginx.conf');
      fs.writeFileSync(main, nginxMain(snippetDefaults(entry.body.join('\n'))));
      const run = await nginxTest(folder, main);
      assert.equal(run.rc, 0, `${title}: ${run.stderr}`);
      assert.deepEqual(await ourErrors(folder, ['nginx.conf']), [], title);
    }
  });
});

/** systemd-analyze verify's complaints about the unit itself (a program or user that this machine lacks is not one). */
function verify(file: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('systemd-analyze', ['verify', '--man=no', '--recursive-errors=no', file], { timeout: 20_000 }, (_error, stdout, stderr) => {
      const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.startsWith(file + ':') || /\bapp\.(service|socket)\b/.test(line));
      resolve(lines.filter((line) => !/is not executable|Special user|Failed to resolve user/.test(line)));
    });
  });
}

test('every systemd snippet passes systemd-analyze verify and gets no error from our checks', async (t: TestContext) => {
  if (!has('systemd-analyze', ['--version'])) return skipMissingOracle(t, 'systemd-analyze is not installed');
  const entries = Object.entries(snippetFile('systemd.json'));
  assert.ok(entries.length >= 2);
  await withTempDir(async (dir) => {
    // Both units are named after the default of their first placeholder, so the socket finds its service.
    const names: string[] = [];
    for (const [title, entry] of entries) {
      const body = snippetDefaults(entry.body.join('\n'));
      const name = `app.${/^\[Socket\]/m.test(body) ? 'socket' : 'service'}`;
      assert.ok(!names.includes(name), title);
      names.push(name);
      fs.writeFileSync(path.join(dir, name), body + '\n');
    }
    for (const name of names) assert.deepEqual(await verify(path.join(dir, name)), [], name);
    assert.deepEqual(await ourErrors(dir, names), []);
  });
});
