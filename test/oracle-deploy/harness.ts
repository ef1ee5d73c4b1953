/**
 * Process and file helpers for the deployment oracles: the real gunicorn (Debian's /usr/bin/gunicorn, 20.1) and the
 * real nginx run a tiny deployment written into a fresh temp folder, before and after our fix. Everything listens on
 * 127.0.0.1 or on a unix socket inside the temp folder; every process is started in a process group of its own and
 * the whole group is killed when the test ends, whatever happened.
 */
import { skipMissingOracle } from '../support/oracles';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { applyEdits, type Finding, type Fix } from '../../server/src/core/findings';
import { LanguageService } from '../../server/src/service/languageService';

export const GUNICORN = '/usr/bin/gunicorn';
export const PYTHON = '/usr/bin/python3';
/** The versions of the oracles (Debian 12), so our checks judge the programs that really run. */
export const ORACLE_SETTINGS = { gunicornVersion: '20.1', nginxVersion: '1.22' };

// --- which oracles are here ----------------------------------------------------------------------------------------

function nginxBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

export const NGINX = nginxBinary() ?? 'nginx';

/** Why a program this test needs is missing, or undefined when everything is here. */
export function missingOracles(needs: { nginx?: boolean; gunicorn?: boolean; sqlalchemy?: boolean }): string | undefined {
  const missing: string[] = [];
  if (needs.gunicorn && !fs.existsSync(GUNICORN)) missing.push(`${GUNICORN} (apt-get install gunicorn python3-gunicorn)`);
  if (needs.sqlalchemy) {
    const probe = spawnSync(PYTHON, ['-c', 'import sqlalchemy'], { stdio: 'ignore', timeout: 20_000 });
    if (probe.status !== 0) missing.push('SQLAlchemy for /usr/bin/python3 (apt-get install python3-sqlalchemy)');
  }
  if (needs.nginx) {
    const probe = spawnSync(NGINX, ['-v'], { stdio: 'ignore', timeout: 20_000 });
    if (probe.status !== 0) missing.push('nginx (apt-get install nginx)');
  }
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/**
 * Skips the test when an oracle is missing, except under GUNICORN_LINT_REQUIRE_ORACLES=1 (CI), where a missing
 * oracle fails the test instead. Returns true when the test should go on.
 */
export function requireOracles(t: TestContext, needs: { nginx?: boolean; gunicorn?: boolean; sqlalchemy?: boolean }): boolean {
  const missing = missingOracles(needs);
  if (!missing) return true;
  skipMissingOracle(t, `oracle missing: ${missing}`);
  return false;
}

// --- temp folders --------------------------------------------------------------------------------------------------

/** A fresh folder under the system temp folder, with the given files (relative path -> text). */
export function makeDeployment(prefix: string, files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

export function removeDeployment(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

// --- ports and processes ---------------------------------------------------------------------------------------------

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface Running {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<number | string | null>;
  hasExited(): boolean;
}

/** Starts a program in a new process group (detached), output captured, never inheriting a shell. */
export function start(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Running {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, GUNICORN_CMD_ARGS: '', PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<number | string | null>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal);
    });
    child.on('error', (error) => {
      done = true;
      output += String(error);
      resolve(null);
    });
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  return { name, child, pid: child.pid, output: () => output, exited, hasExited: () => done };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process and its whole group: SIGTERM (gunicorn and nginx both stop on it), then SIGKILL after a bounded
 * wait; waits (bounded) until no process of the group is left.
 */
export async function stop(running: Running | undefined, graceMs = 3000): Promise<void> {
  if (!running) return;
  killGroup(running.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(running.pid) && Date.now() < deadline) await sleep(50);
  killGroup(running.pid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (groupAlive(running.pid) && Date.now() < hard) await sleep(20);
  await Promise.race([running.exited, sleep(1000)]);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` resolves true, at most `timeoutMs`; fails with the process output if it never does. */
export async function waitUntil(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number, running?: Running): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running?.hasExited()) throw new Error(`${running.name} exited while waiting for ${what}:\n${running.output()}`);
    if (await probe()) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${running ? `:\n${running.output()}` : ''}`);
}

/** True when something accepts a connection on the TCP port or unix socket. */
export function accepts(target: { port: number } | { socketPath: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = 'port' in target ? net.connect(target.port, '127.0.0.1') : net.connect(target.socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface Response {
  status: number;
  body: string;
}

/** One GET without keep-alive, to 127.0.0.1:port or a unix socket, failing after `timeoutMs`. */
export function get(target: { port: number } | { socketPath: string }, urlPath: string, timeoutMs = 5000): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        ...('port' in target ? { host: '127.0.0.1', port: target.port } : { socketPath: target.socketPath }),
        path: urlPath,
        method: 'GET',
        agent: false,
        headers: { Host: 'app.example.test', Connection: 'close' },
        timeout: timeoutMs,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`GET ${urlPath}: no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

// --- gunicorn ------------------------------------------------------------------------------------------------------

/** Runs Debian's gunicorn with the deployment's gunicorn.conf.py, from the deployment folder. */
export function startGunicorn(dir: string, extraArgs: string[] = []): Running {
  return start('gunicorn', GUNICORN, ['--chdir', dir, '--pythonpath', dir, '-c', path.join(dir, 'gunicorn.conf.py'), ...extraArgs], {
    cwd: dir,
  });
}

// --- nginx ---------------------------------------------------------------------------------------------------------

/**
 * A main nginx.conf as on a server: global settings, an `http {}` that includes the sites (so our linter reads
 * each site as a fragment of this file), every path inside the deployment folder. Workers run as root because the
 * temp folder (and the gunicorn socket in it) is private to the user running the tests.
 */
export function nginxMainConfig(dir: string, include = 'sites-enabled/*'): string {
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return [
    `${user}worker_processes 1;`,
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log;`,
    '',
    'events {',
    '    worker_connections 64;',
    '}',
    '',
    'http {',
    `    access_log ${dir}/access.log;`,
    `    client_body_temp_path ${dir}/temp/client;`,
    `    proxy_temp_path ${dir}/temp/proxy;`,
    `    fastcgi_temp_path ${dir}/temp/fastcgi;`,
    `    uwsgi_temp_path ${dir}/temp/uwsgi;`,
    `    scgi_temp_path ${dir}/temp/scgi;`,
    '',
    `    include ${include};`,
    '}',
    '',
  ].join('\n');
}

function nginxArgs(dir: string): string[] {
  return ['-p', `${dir}/`, '-c', `${dir}/nginx.conf`, '-e', `${dir}/error.log`];
}

/** `nginx -t` on the deployment's config: status and what it said. */
export function nginxTest(dir: string): { status: number | null; output: string } {
  fs.mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const result = spawnSync(NGINX, ['-t', ...nginxArgs(dir)], { encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** nginx in the foreground (its master is our child, its workers in the same group). */
export function startNginx(dir: string): Running {
  fs.mkdirSync(path.join(dir, 'temp'), { recursive: true });
  return start('nginx', NGINX, [...nginxArgs(dir), '-g', `daemon off; master_process on;`], { cwd: dir });
}

/** The pids whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * `nginx -s reload` through the pid file, as an operator does after editing a site; then waits (bounded) until
 * every worker of the old configuration has exited, so the next request is served with the new one.
 */
export async function reloadNginx(dir: string, nginx: Running): Promise<{ status: number | null; output: string }> {
  const old = childPids(nginx.pid);
  const result = spawnSync(NGINX, [...nginxArgs(dir), '-s', 'reload'], { encoding: 'utf8', timeout: 20_000 });
  const answer = { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  if (answer.status !== 0) return answer;
  await waitUntil(
    'the old nginx workers to exit after the reload',
    () => {
      const now = childPids(nginx.pid);
      return now.length > 0 && now.every((pid) => !old.includes(pid));
    },
    10_000,
    nginx,
  );
  return answer;
}

// --- our linter ----------------------------------------------------------------------------------------------------

export async function lintService(dir: string): Promise<LanguageService> {
  return LanguageService.create({ root: dir, settings: ORACLE_SETTINGS });
}

/** Every finding of `rule` in the file, as the service reports it. */
export function findingsOf(service: LanguageService, file: string, rule: string): Finding[] {
  return service
    .findings(file)
    .map((f) => f.finding)
    .filter((finding) => finding.rule === rule);
}

export function describeFindings(service: LanguageService, files: string[]): string {
  const lines: string[] = [];
  for (const file of files) {
    for (const { finding, severity } of service.findings(file)) {
      lines.push(`${path.basename(file)}:${finding.range.start} ${severity} ${finding.rule}: ${finding.message}`);
    }
  }
  return lines.join('\n') || '(no findings)';
}

/** The first fix the service offers for the first finding of `rule` in `file`. */
export function firstFix(service: LanguageService, file: string, rule: string): { finding: Finding; fix: Fix } | undefined {
  return service.fixes(file).find((entry) => entry.finding.rule === rule);
}

/**
 * Applies a fix to the files on disk as an editor would: edits grouped by file (absent path: the finding's file),
 * a `createFile` edit creating the file. Returns the files it changed.
 */
export function applyFixOnDisk(findingFile: string, fix: Fix): string[] {
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) {
    const file = edit.path ?? findingFile;
    byFile.set(file, [...(byFile.get(file) ?? []), edit]);
  }
  for (const [file, edits] of byFile) {
    const creates = edits.some((edit) => edit.createFile);
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (!creates && !fs.existsSync(file)) throw new Error(`the fix edits ${file}, which does not exist`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, applyEdits(before, edits));
  }
  return [...byFile.keys()];
}

/** A file's name and text, for failure messages. */
export function show(file: string): string {
  return `--- ${path.basename(file)}\n${fs.readFileSync(file, 'utf8')}`;
}

/** Logs a file's text in the test output, one diagnostic per line (the TAP reporter escapes newlines). */
export function logFile(t: TestContext, title: string, file: string): void {
  t.diagnostic(`${title} ${path.basename(file)}:`);
  for (const line of fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n')) t.diagnostic(`  | ${line}`);
}
