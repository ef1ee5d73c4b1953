/**
 * The GitHub Action (action.yml): its metadata checked against the documented keys (actionMetadata.ts), its
 * expressions against what it declares, and its composite steps run here as a runner would run them: each `run`
 * script through `bash --noprofile --norc -eo pipefail`, the step's env with its `${{ }}` expressions filled in,
 * outputs through $GITHUB_OUTPUT, on a copy of examples/. The SARIF it writes is then read back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../support/repo';
import * as meta from './actionMetadata';
import { packAndInstallOffline, type PackedCli } from './support/packedCli';

interface Step {
  id?: string;
  name?: string;
  run?: string;
  shell?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  [key: string]: unknown;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string; [key: string]: unknown }>;
  outputs: Record<string, { description: string; value: string; [key: string]: unknown }>;
  runs: { using: string; steps: Step[]; [key: string]: unknown };
  branding?: { icon?: string; color?: string; [key: string]: unknown };
  [key: string]: unknown;
}

const action = () => parse(fs.readFileSync(path.join(repoRoot(), 'action.yml'), 'utf8')) as Action;
const extraKeys = (value: object, allowed: readonly string[]) => Object.keys(value).filter((key) => !allowed.includes(key));

test('action.yml uses only the documented keys of a composite action', () => {
  const a = action();
  assert.deepEqual(extraKeys(a, meta.TOP_LEVEL_KEYS), []);
  for (const key of meta.REQUIRED_TOP_LEVEL_KEYS) assert.ok(a[key], `${key} is set`);
  for (const [id, input] of Object.entries(a.inputs)) {
    assert.match(id, meta.ID_PATTERN);
    assert.deepEqual(extraKeys(input, meta.INPUT_KEYS), [], `inputs.${id}`);
    assert.equal(typeof input.description, 'string', `inputs.${id}.description`);
    if (input.default !== undefined) assert.equal(typeof input.default, 'string', `inputs.${id}.default is a string`);
  }
  for (const [id, output] of Object.entries(a.outputs)) {
    assert.match(id, meta.ID_PATTERN);
    assert.deepEqual(extraKeys(output, meta.COMPOSITE_OUTPUT_KEYS), [], `outputs.${id}`);
    assert.equal(typeof output.value, 'string', `outputs.${id}.value`);
  }
  assert.equal(a.runs.using, 'composite');
  assert.deepEqual(extraKeys(a.runs, meta.COMPOSITE_RUNS_KEYS), []);
  for (const step of a.runs.steps) {
    assert.deepEqual(extraKeys(step, meta.COMPOSITE_STEP_KEYS), [], `step ${step.name}`);
    assert.ok((step.run === undefined) !== (step.uses === undefined), `step ${step.name}: run or uses, not both`);
    if (step.run !== undefined) assert.ok(meta.SHELLS.includes(step.shell as (typeof meta.SHELLS)[number]), `step ${step.name}: a run step names its shell`);
  }
  assert.deepEqual(extraKeys(a.branding ?? {}, meta.BRANDING_KEYS), []);
  assert.ok(meta.BRANDING_COLORS.includes(a.branding?.color as (typeof meta.BRANDING_COLORS)[number]));
});

test('every expression names a declared input, an earlier step output or a runner value, and none is pasted into a script', () => {
  const a = action();
  const stepOutputs = new Set<string>();
  const known = (expression: string, later: boolean) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return input[1] in a.inputs;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return later || stepOutputs.has(output[1]);
    return ['github.action_path', 'runner.temp'].includes(expression);
  };
  const expressions = (text: string) => [...text.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((m) => m[1]);
  for (const step of a.runs.steps) {
    assert.deepEqual(expressions(step.run ?? ''), [], `step ${step.name}: inputs reach the script through env`);
    for (const value of [...Object.values(step.env ?? {}), step['working-directory'] ?? '']) {
      for (const expression of expressions(value)) assert.ok(known(expression, false), `step ${step.name}: ${expression}`);
    }
    if (step.id) stepOutputs.add(step.id);
  }
  for (const [id, output] of Object.entries(a.outputs)) {
    for (const expression of expressions(output.value)) assert.ok(known(expression, true), `outputs.${id}: ${expression}`);
  }
});

interface StepsRun {
  code: number;
  log: string;
  outputs: Record<string, Record<string, string>>;
}

/** Runs the composite steps in order, as a runner would, until one fails. */
async function runAction(
  inputs: Record<string, string>,
  context: { actionPath: string; workspace: string; temp: string; path: string; env?: NodeJS.ProcessEnv },
): Promise<StepsRun> {
  const a = action();
  const values: Record<string, string> = {};
  for (const [id, input] of Object.entries(a.inputs)) values[id] = inputs[id] ?? input.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'github.action_path') return context.actionPath;
      if (expression === 'runner.temp') return context.temp;
      const input = /^inputs\.([\w-]+)$/.exec(expression);
      if (input) return values[input[1]];
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
      if (output) return outputs[output[1]]?.[output[2]] ?? '';
      throw new Error(`no value for ${expression}`);
    });
  let log = '';
  for (const [index, step] of a.runs.steps.entries()) {
    const outputFile = path.join(context.temp, `output-${index}`);
    const script = path.join(context.temp, `step-${index}.sh`);
    fs.writeFileSync(outputFile, '');
    fs.writeFileSync(script, step.run ?? '');
    const env: NodeJS.ProcessEnv = {
      HOME: context.temp,
      XDG_CACHE_HOME: path.join(context.temp, 'cache'),
      PATH: context.path,
      GITHUB_OUTPUT: outputFile,
      GITHUB_ACTION_PATH: context.actionPath,
      GITHUB_WORKSPACE: context.workspace,
      RUNNER_TEMP: context.temp,
      npm_config_offline: 'true',
      npm_config_cache: path.join(context.temp, 'npm-cache'),
      npm_config_userconfig: path.join(context.temp, 'npmrc'),
      ...context.env,
    };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(value);
    const cwd = path.resolve(context.workspace, evaluate(step['working-directory'] ?? '.'));
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });
    log += result.stdout + result.stderr;
    outputs[step.id ?? String(index)] = Object.fromEntries(
      fs
        .readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    if (result.code !== 0) return { code: result.code, log, outputs };
  }
  return { code: 0, log, outputs };
}

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string } };
    results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
  }[];
}

let folder = '';
let packed: PackedCli | undefined;
/** PATH with node and the system's tools, and no gunicorn-lint. */
const basePath = [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter);
before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gunicorn-lint-action-'));
  packed = await packAndInstallOffline();
});
after(() => {
  packed?.remove();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** A fresh workspace (a copy of examples/ under examples/) and runner temp folder. */
function newRun(name: string): { workspace: string; temp: string } {
  const workspace = path.join(folder, name, 'workspace');
  const temp = path.join(folder, name, 'temp');
  fs.mkdirSync(temp, { recursive: true });
  fs.cpSync(path.join(repoRoot(), 'examples'), path.join(workspace, 'examples'), { recursive: true });
  return { workspace, temp };
}

const readSarif = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Sarif;

test(
  'the action with its defaults: SARIF for code scanning with repository paths, annotations, and a failing step on errors',
  { timeout: 120_000 },
  async () => {
    const { workspace, temp } = newRun('defaults');
    const result = await runAction({}, { actionPath: repoRoot(), workspace, temp, path: basePath });
    assert.equal(result.code, 1, result.log);
    assert.ok(result.log.includes(`at ${path.join(repoRoot(), 'dist', 'cli.js')}`), 'this checkout was built: its dist/cli.js runs');
    const sarifFile = path.join(workspace, result.outputs.lint['sarif-file']);
    const sarif = readSarif(sarifFile);
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results;
    assert.ok(results.length > 0);
    for (const r of results) {
      const uri = decodeURI(r.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uri.startsWith('examples/') && fs.existsSync(path.join(workspace, uri)), `${uri} names a file of the repository`);
    }
    const errors = results.filter((r) => r.level === 'error').length;
    assert.ok(errors > 0);
    assert.equal(result.outputs.lint.errors, String(errors));
    assert.equal(result.outputs.lint.warnings, String(results.filter((r) => r.level === 'warning').length));
    assert.match(result.log, /^::error file=examples\/[^,]+,line=\d+,col=\d+,title=[a-z-]+\/[a-z-]+::/m);
    assert.match(result.log, /\d+ errors?/, 'the text report is in the log');
  },
);

test('one sub-folder, fail-on never, another working directory: paths still from the repository root, step passes', { timeout: 120_000 }, async () => {
  assert.ok(packed);
  const { workspace, temp } = newRun('subfolder');
  // An action checkout without a build: the gunicorn-lint on PATH (here the package installed offline) runs.
  const actionPath = path.join(temp, 'action');
  fs.mkdirSync(actionPath);
  fs.copyFileSync(path.join(repoRoot(), 'package.json'), path.join(actionPath, 'package.json'));
  const result = await runAction(
    { paths: 'deploy', 'fail-on': 'never', format: 'json', 'working-directory': 'examples', 'sarif-file': 'reports/lint.sarif' },
    { actionPath, workspace, temp, path: `${packed.binFolder}${path.delimiter}${basePath}` },
  );
  assert.equal(result.code, 0, result.log);
  assert.ok(result.log.includes(`at ${path.join(packed.binFolder, 'gunicorn-lint')}`), result.log);
  const sarif = readSarif(path.join(workspace, 'examples', 'reports', 'lint.sarif'));
  const uris = sarif.runs[0].results.map((r) => decodeURI(r.locations[0].physicalLocation.artifactLocation.uri));
  assert.ok(uris.length > 0);
  for (const uri of uris) assert.ok(uri.startsWith('examples/deploy/') && fs.existsSync(path.join(workspace, uri)), uri);
  assert.match(result.log, /"diagnostics": \[/, 'the JSON report is in the log');
});

test('fail-on warning fails where fail-on error passes; a wrong input value fails the step with a message', { timeout: 120_000 }, async () => {
  const { workspace, temp } = newRun('levels');
  // A config with a warning and no errors: a 600 s timeout.
  fs.mkdirSync(path.join(workspace, 'warn'));
  fs.writeFileSync(path.join(workspace, 'warn', 'gunicorn.conf.py'), 'bind = "127.0.0.1:8000"\nworkers = 2\ntimeout = 600\n');
  const context = { actionPath: repoRoot(), workspace, temp, path: basePath };
  const onErrors = await runAction({ paths: 'warn' }, context);
  assert.equal(onErrors.code, 0, onErrors.log);
  assert.equal(onErrors.outputs.lint.errors, '0');
  assert.ok(Number(onErrors.outputs.lint.warnings) > 0, 'the config has warnings');
  const onWarnings = await runAction({ paths: 'warn', 'fail-on': 'warning' }, context);
  assert.equal(onWarnings.code, 1, onWarnings.log);
  const wrong = await runAction({ paths: 'warn', 'fail-on': 'sometimes' }, context);
  assert.equal(wrong.code, 2);
  assert.match(wrong.log, /::error::fail-on must be error, warning or never/);
});

/**
 * A registry on loopback that knows one package: the packed CLI. npm asks it for the package's metadata, then for
 * the tarball the metadata names, as it would ask the npm registry.
 */
async function serveRegistry(tarball: string, manifest: { name: string; version: string }): Promise<{ url: string; requests: string[]; close: () => void }> {
  const bytes = fs.readFileSync(tarball);
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = decodeURIComponent(request.url ?? '');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url === `/${manifest.name}`) {
      const dist = {
        tarball: `${base}/tarballs/cli.tgz`,
        shasum: createHash('sha1').update(bytes).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name: manifest.name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: { ...manifest, dist } } }));
    } else if (url === '/tarballs/cli.tgz') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(bytes);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, close: () => server.close() };
}

test('with no gunicorn-lint on the runner, the action installs the npm package of its own version and runs it', { timeout: 120_000 }, async () => {
  assert.ok(packed);
  const { workspace, temp } = newRun('install');
  const actionPath = path.join(temp, 'action');
  fs.mkdirSync(actionPath);
  fs.copyFileSync(path.join(repoRoot(), 'package.json'), path.join(actionPath, 'package.json'));
  const cliManifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'packages', 'cli', 'package.json'), 'utf8')) as { name: string; version: string };
  const registry = await serveRegistry(packed.tarball, cliManifest);
  try {
    const result = await runAction(
      { paths: 'examples' },
      { actionPath, workspace, temp, path: basePath, env: { npm_config_offline: 'false', npm_config_registry: registry.url } },
    );
    assert.equal(result.code, 1, result.log);
    assert.ok(
      registry.requests.some((url) => decodeURIComponent(url) === `/${cliManifest.name}`),
      `asked for ${cliManifest.name}: ${registry.requests.join(', ')}`,
    );
    const installed = path.join(temp, 'gunicorn-lint', 'node_modules', '.bin', 'gunicorn-lint');
    assert.ok(result.log.includes(`gunicorn-lint ${cliManifest.version} at ${installed}`), result.log);
    const sarif = readSarif(path.join(workspace, 'gunicorn-lint.sarif'));
    assert.equal(sarif.runs[0].tool.driver.version, cliManifest.version);
    assert.ok(sarif.runs[0].results.length > 0);
  } finally {
    registry.close();
  }
});
