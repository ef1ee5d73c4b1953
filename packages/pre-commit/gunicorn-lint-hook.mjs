#!/usr/bin/env node
// The pre-commit hook (.pre-commit-hooks.yaml, `language: script`). pre-commit passes the changed files, but a
// deployment is read whole: an nginx site is only wrong next to the gunicorn config it proxies to. So this lints
// the whole repository (the current folder: pre-commit runs hooks from the top of the work tree) and reports, and
// fails on, only the findings in the files it was given.
//
// It runs the gunicorn-lint it finds, in this order: $GUNICORN_LINT (a command or a path to cli.js), `gunicorn-lint`
// on PATH, then dist/cli.js of this repository if it was built. It installs nothing and fetches nothing, so the
// hook works offline once gunicorn-lint is installed (npm install -g @gunicorn-deploy/gunicorn-lint).
//
// Options before the file names are passed on (`--rule ID=off`, `--gunicorn-version 23.0`, ...), except
// `--max-warnings N`, which counts the warnings in the given files only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI's options that take a value as the next word. */
const VALUE_OPTIONS = new Set(['--rule', '--max-warnings', '--gunicorn-version', '--nginx-version', '--systemd-version']);
/** Options that make no sense for a hook that reports on given files. */
const REFUSED = new Set(['--fix', '--format', '--explain', '--exit-zero', '--map', '-h', '--help', '-v', '--version']);

function splitArguments(argv) {
  const options = [];
  const files = [];
  let maxWarnings;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    const [name, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (REFUSED.has(name)) fail(`${name} is not for the pre-commit hook; run gunicorn-lint itself for it`);
    if (!word.startsWith('-') || word === '-') {
      files.push(word);
      continue;
    }
    const value = inline ?? (VALUE_OPTIONS.has(name) ? argv[++i] : undefined);
    if (VALUE_OPTIONS.has(name) && value === undefined) fail(`${name} needs a value`);
    if (name === '--max-warnings') {
      maxWarnings = Number(value);
      if (!Number.isInteger(maxWarnings) || maxWarnings < 0) fail(`--max-warnings takes a whole number, not "${value}"`);
    } else options.push(...(value === undefined ? [name] : [name, value]));
  }
  return { options, files, maxWarnings };
}

/** [command, leading arguments] of the gunicorn-lint to run. */
function findCli() {
  const fromEnv = process.env.GUNICORN_LINT;
  if (fromEnv) return fromEnv.endsWith('.js') ? [process.execPath, [fromEnv]] : [fromEnv, []];
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder && existsSync(join(folder, 'gunicorn-lint'))) return [join(folder, 'gunicorn-lint'), []];
  }
  const built = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
  if (existsSync(built)) return [process.execPath, [built]];
  fail('gunicorn-lint is not installed: `npm install -g @gunicorn-deploy/gunicorn-lint` (the version of this hook\'s rev), or set GUNICORN_LINT');
}

function fail(message) {
  process.stderr.write(`gunicorn-lint (pre-commit): ${message}\n`);
  process.exit(2);
}

const { options, files, maxWarnings } = splitArguments(process.argv.slice(2));
const workspace = process.cwd();
// The CLI's JSON names files relative to the folder it was given, with forward slashes.
const wanted = new Set(files.map((file) => relative(workspace, resolve(workspace, file)).split(sep).join('/')));
const [command, leading] = findCli();
const run = spawnSync(command, [...leading, '.', '--format', 'json', '--exit-zero', ...options], {
  cwd: workspace,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
if (run.error) fail(`could not run ${command}: ${run.error.message}`);
if (run.stderr) process.stderr.write(run.stderr);
// 2: bad usage, an unreadable file or an internal failure; --exit-zero never hides it.
if (run.status !== 0) process.exit(run.status ?? 2);

const report = JSON.parse(run.stdout);
const shown = report.diagnostics.filter((d) => wanted.has(d.file));
for (const d of shown) process.stdout.write(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.rule} ${d.message}\n`);
const errors = shown.filter((d) => d.severity === 'error').length;
const warnings = shown.filter((d) => d.severity === 'warning').length;
if (shown.length > 0) {
  process.stdout.write(`${errors} error(s), ${warnings} warning(s) in ${wanted.size} file(s) checked; \`gunicorn-lint --explain ID\` explains a check\n`);
}
process.exit(errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0);
