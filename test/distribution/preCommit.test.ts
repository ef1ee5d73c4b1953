/**
 * The pre-commit hook (.pre-commit-hooks.yaml): Debian's `pre-commit try-repo` runs it from a clone of this
 * repository against a small git repository holding a broken nginx site and a clean gunicorn config, with the CLI
 * installed offline from the packed tarball. The hook lints the whole repository (the nginx site is only wrong next
 * to the config) but fails only on the files it is given.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { skipMissingOracle } from '../support/oracles';
import { repoRoot } from '../support/repo';
import { packAndInstallOffline, run, type PackedCli } from './support/packedCli';

interface HookDefinition {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
}

const hooks = () => parse(fs.readFileSync(path.join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as HookDefinition[];

test('the hook claims every kind of file the linter reads, and not the rest', () => {
  const [hook] = hooks();
  assert.equal(hook.id, 'gunicorn-lint');
  // pre-commit matches with Python's re.search; this pattern uses only what both engines read alike.
  const files = new RegExp(hook.files);
  const read = [
    'gunicorn.conf.py',
    'config/gunicorn_conf.py',
    'myapp/wsgi.py',
    'deploy/nginx/sites-available/myapp',
    'deploy/nginx/sites-enabled/myapp',
    'nginx.conf',
    'deploy/nginx/conf.d/app.conf',
    'nginx/templates/default.conf.template',
    'deploy/myapp.service',
    'deploy/myapp.socket',
    'deploy/myapp.service.d/override.conf',
    'Procfile',
    'Procfile.dev',
    'Dockerfile',
    'docker/Dockerfile.prod',
    'api.Dockerfile',
    'Containerfile',
    'docker-entrypoint.sh',
    'compose.yaml',
    'docker-compose.yml',
    'k8s/deployment.yaml',
    'supervisord.conf',
    'supervisor/conf.d/app.ini',
    'requirements.txt',
    'requirements/prod.in',
    'pyproject.toml',
    'setup.cfg',
    'poetry.lock',
    'uv.lock',
    'Pipfile',
    'Pipfile.lock',
    '.env',
    'deploy/myapp.env',
  ];
  assert.deepEqual(
    read.filter((file) => !files.test(file)),
    [],
  );
  const notRead = ['README.md', 'src/app.js', 'docs/logo.png', 'package.json', 'Makefile', 'LICENSE'];
  assert.deepEqual(
    notRead.filter((file) => files.test(file)),
    [],
  );
});

test('the hook needs nothing installed by pre-commit, and its entry is an executable script in the repository', () => {
  const [hook] = hooks();
  assert.equal(hook.language, 'script');
  const entry = path.join(repoRoot(), hook.entry);
  assert.ok(fs.existsSync(entry), hook.entry);
  assert.ok((fs.statSync(entry).mode & 0o111) !== 0, `${hook.entry} is executable`);
  assert.match(fs.readFileSync(entry, 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

const BROKEN_SITE = 'deploy/nginx/sites-available/myapp.conf';
const CLEAN_CONFIG = 'gunicorn.conf.py';

describeTryRepo();

function describeTryRepo(): void {
  let packed: PackedCli | undefined;
  let folder = '';
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-pre-commit-'));
    packed = await packAndInstallOffline();
  });
  after(() => {
    packed?.remove();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('pre-commit try-repo: fails on the broken file, passes on the clean one, offline', { timeout: 180_000 }, async (t) => {
    const preCommit = await run('pre-commit', ['--version']).catch(() => undefined);
    if (!preCommit) return skipMissingOracle(t, "pre-commit is not installed (Debian's pre-commit package)");
    assert.ok(packed);
    const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd });

    // The hook repository: a clone of this one, with the hook files as they are in the work tree.
    const hookRepo = path.join(folder, 'hook-repo');
    await run('git', ['clone', '--quiet', '--depth', '1', `file://${repoRoot()}`, hookRepo]);
    const entry = hooks()[0].entry;
    for (const file of ['.pre-commit-hooks.yaml', entry]) {
      fs.mkdirSync(path.dirname(path.join(hookRepo, file)), { recursive: true });
      fs.copyFileSync(path.join(repoRoot(), file), path.join(hookRepo, file));
    }
    fs.chmodSync(path.join(hookRepo, entry), 0o755);
    await git(hookRepo, 'add', '--all');
    await git(hookRepo, 'commit', '--quiet', '--allow-empty', '-m', 'the hook as in the work tree');
    assert.ok(!fs.existsSync(path.join(hookRepo, 'dist')), 'the clone has no build: the installed CLI runs');

    // The project: nginx proxies to a socket gunicorn does not bind.
    const project = path.join(folder, 'project');
    fs.mkdirSync(path.join(project, path.dirname(BROKEN_SITE)), { recursive: true });
    fs.writeFileSync(path.join(project, CLEAN_CONFIG), 'bind = "unix:/run/myapp/gunicorn.sock"\nworkers = 3\n');
    fs.writeFileSync(
      path.join(project, BROKEN_SITE),
      [
        'upstream myapp {',
        '    server unix:/run/myapp/app.sock;',
        '}',
        'server {',
        '    listen 80;',
        '    location / {',
        '        proxy_set_header Host $host;',
        '        proxy_set_header X-Forwarded-Proto $scheme;',
        '        proxy_pass http://myapp;',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    await git(project, 'init', '--quiet');
    await git(project, 'add', '--all');
    await git(project, 'commit', '--quiet', '-m', 'a deployment');

    const { GUNICORN_LINT: _ignored, ...inherited } = packed.env;
    const env = { ...inherited, PATH: `${packed.binFolder}${path.delimiter}${process.env.PATH ?? ''}`, PRE_COMMIT_HOME: path.join(folder, 'pre-commit-home') };
    const tryRepo = (...args: string[]) =>
      new Promise<{ code: number; output: string }>((resolve) => {
        execFile('pre-commit', ['try-repo', hookRepo, 'gunicorn-lint', ...args], { cwd: project, env }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
        });
      });

    const broken = await tryRepo('--files', BROKEN_SITE);
    assert.equal(broken.code, 1, broken.output);
    assert.match(broken.output, /gunicorn-lint\.+Failed/);
    assert.ok(broken.output.includes(`${BROKEN_SITE}:2:12: error deploy/bind-mismatch`), broken.output);

    const clean = await tryRepo('--files', CLEAN_CONFIG);
    assert.equal(clean.code, 0, clean.output);
    assert.match(clean.output, /gunicorn-lint\.+Passed/);
    assert.ok(!clean.output.includes('bind-mismatch'), 'findings in files not given are not reported');

    const all = await tryRepo('--all-files');
    assert.equal(all.code, 1, all.output);
    assert.ok(all.output.includes('deploy/bind-mismatch'));
  });
}

test('without a gunicorn-lint to run, the hook fails and says how to install one', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-hook-alone-'));
  try {
    // A copy away from the repository, so no dist/cli.js of a build is found either.
    const script = path.join(folder, 'hook.mjs');
    fs.copyFileSync(path.join(repoRoot(), hooks()[0].entry), script);
    const { GUNICORN_LINT: _ignored, ...inherited } = process.env;
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [script, CLEAN_CONFIG], { cwd: folder, env: { ...inherited, PATH: folder } }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      });
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /npm install -g @gunicorn-deploy\/gunicorn-lint/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('the hook passes options on: --rule turns a check off, --max-warnings counts the given files only', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-hook-options-'));
  try {
    // A warning in the given file (a 600 s timeout) and an error in another one (a hook gunicorn refuses).
    fs.writeFileSync(path.join(folder, 'gunicorn.conf.py'), 'bind = "127.0.0.1:8000"\ntimeout = 600\n');
    fs.mkdirSync(path.join(folder, 'other'));
    fs.writeFileSync(path.join(folder, 'other', 'gunicorn.conf.py'), 'def post_fork(server):\n    pass\n');
    const hook = (...args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        const env = { ...process.env, GUNICORN_LINT: path.join(repoRoot(), 'dist', 'cli.js') };
        execFile(process.execPath, [path.join(repoRoot(), hooks()[0].entry), ...args], { cwd: folder, env }, (error, stdout) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
        });
      });
    const plain = await hook(CLEAN_CONFIG);
    assert.equal(plain.code, 0, 'a warning alone passes; the error is in a file not given');
    assert.match(plain.stdout, /^gunicorn\.conf\.py:2:11: warning gunicorn\/timeout-band-aid /m);
    assert.ok(!plain.stdout.includes('hook-signature'));
    assert.equal((await hook('--max-warnings', '0', CLEAN_CONFIG)).code, 1);
    assert.equal((await hook('--max-warnings=1', CLEAN_CONFIG)).code, 0);
    const off = await hook('--rule', 'gunicorn/timeout-band-aid=off', '--max-warnings', '0', CLEAN_CONFIG);
    assert.equal(off.code, 0);
    assert.equal(off.stdout, '');
    assert.equal((await hook('other/gunicorn.conf.py')).code, 1);
    assert.equal((await hook('--fix', CLEAN_CONFIG)).code, 2, '--fix is refused: it would rewrite files not given');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
